package dev.cachebricks.hazelcast;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cachebricks.Cache;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/**
 * Reads of keys over time, each with its wall-clock start and end (the clock the near cache
 * expires entries by), for assertions of the form "every read that started at or after T saw
 * X". Reads are paced (1 ms apart) so the reader never starves the threads it waits for.
 */
final class Reads {

  /** One read: its start and end (epoch millis), key and result (null when absent). */
  record Read(long start, long end, String key, String value) {}

  private final List<Read> reads = new ArrayList<>();

  private Reads() {}

  /**
   * Reads the keys round-robin until a read of each has started at or after
   * {@code untilMillis}.
   *
   * @param cache the cache to read
   * @param keys the keys
   * @param untilMillis epoch millis
   * @return the reads
   */
  static Reads until(Cache cache, Collection<String> keys, long untilMillis) {
    return until(cache, keys, untilMillis, false);
  }

  /**
   * Reads the keys round-robin until a successful read of each has started at or after
   * {@code untilMillis}; with {@code tolerateFailures}, failed reads (a client reconnecting) are
   * skipped, for at most a minute.
   *
   * @param cache the cache to read
   * @param keys the keys
   * @param untilMillis epoch millis
   * @param tolerateFailures whether a failed read is skipped rather than thrown
   * @return the successful reads
   */
  static Reads until(Cache cache, Collection<String> keys, long untilMillis,
      boolean tolerateFailures) {
    Reads result = new Reads();
    long giveUp = Math.max(untilMillis, System.currentTimeMillis()) + 60_000;
    Set<String> pending = new HashSet<>(keys);
    while (true) {
      for (String key : keys) {
        if (!pending.contains(key)) {
          continue;
        }
        long start = System.currentTimeMillis();
        String value;
        try {
          value = cache.get(key).map(v -> new String(v, UTF_8)).orElse(null);
        } catch (RuntimeException e) {
          if (!tolerateFailures || start > giveUp) {
            throw e;
          }
          continue;
        }
        result.reads.add(new Read(start, System.currentTimeMillis(), key, value));
        if (start >= untilMillis) {
          pending.remove(key);
          if (pending.isEmpty()) {
            return result;
          }
        }
      }
      LockSupport.parkNanos(1_000_000);
    }
  }

  /**
   * Asserts every read of {@code key} that started at or after {@code fromMillis} saw
   * {@code expected}, and that there was at least one.
   *
   * @param key the key
   * @param fromMillis epoch millis
   * @param expected the value, or null for absent
   */
  void assertFrom(String key, long fromMillis, String expected) {
    List<Read> late = reads.stream()
        .filter(r -> r.key().equals(key) && r.start() >= fromMillis).toList();
    assertThat(late).as("reads of %s started at or after %d", key, fromMillis).isNotEmpty()
        .allSatisfy(r -> assertThat(r.value()).as("%s", r).isEqualTo(expected));
  }

  /**
   * Asserts no read of {@code key} that started at or after {@code fromMillis} saw
   * {@code stale}, and that there was at least one.
   *
   * @param key the key
   * @param fromMillis epoch millis
   * @param stale the value that must no longer be read
   */
  void assertNoneFrom(String key, long fromMillis, String stale) {
    List<Read> late = reads.stream()
        .filter(r -> r.key().equals(key) && r.start() >= fromMillis).toList();
    assertThat(late).as("reads of %s started at or after %d", key, fromMillis).isNotEmpty()
        .allSatisfy(r -> assertThat(r.value()).as("%s", r).isNotEqualTo(stale));
  }

  /**
   * Returns when a read of {@code key} first returned {@code expected}: its end.
   *
   * @param key the key
   * @param expected the value
   * @return epoch millis
   */
  long firstSeen(String key, String expected) {
    return reads.stream()
        .filter(r -> r.key().equals(key) && java.util.Objects.equals(r.value(), expected))
        .mapToLong(Read::end).findFirst().orElseThrow();
  }
}

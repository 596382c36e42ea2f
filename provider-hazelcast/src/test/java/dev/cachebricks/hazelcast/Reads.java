package dev.cachebricks.hazelcast;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cachebricks.Cache;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
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
   * Reads the keys round-robin until a read has started at or after {@code untilMillis}.
   *
   * @param cache the cache to read
   * @param keys the keys
   * @param untilMillis epoch millis
   * @return the reads
   */
  static Reads until(Cache cache, Collection<String> keys, long untilMillis) {
    Reads result = new Reads();
    while (true) {
      for (String key : keys) {
        long start = System.currentTimeMillis();
        String value = cache.get(key).map(v -> new String(v, UTF_8)).orElse(null);
        result.reads.add(new Read(start, System.currentTimeMillis(), key, value));
        if (start >= untilMillis) {
          return result;
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

package dev.cachebricks.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachebricks.Cache;
import dev.cachebricks.EntryLimits;
import dev.cachebricks.cbor.Cbor;
import dev.cachebricks.cbor.CborKey;
import dev.cachebricks.recipes.CacheAside;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour of {@link CacheAside} on a backend: a reusable JUnit 5 suite. */
public abstract class CacheAsideContract {

  /** A value type for the tests. */
  public record Profile(@CborKey(1) String id, @CborKey(2) int visits) {}

  private Cache cache;
  private String key;

  /**
   * Returns a new, open handle on the backend under test.
   *
   * @return an open cache
   */
  protected abstract Cache newCache();

  @BeforeEach
  void open() {
    cache = newCache();
    key = "profile:" + UUID.randomUUID();
  }

  @AfterEach
  void close() {
    cache.close();
  }

  private CacheAside<Profile> aside() {
    return CacheAside.builder(cache, Cbor.codec(Profile.class)).ttl(Duration.ofMinutes(5)).build();
  }

  @Test
  void aMissLoadsStoresAndTheNextCallHits() {
    CacheAside<Profile> profiles = aside();
    AtomicInteger loads = new AtomicInteger();
    Profile first = profiles.get(key, k -> new Profile(k, loads.incrementAndGet()));
    Profile second = profiles.get(key, k -> new Profile(k, loads.incrementAndGet()));
    assertThat(second).isEqualTo(first);
    assertThat(loads).hasValue(1);
    assertThat(Cbor.unmarshal(cache.get(key).orElseThrow(), Profile.class)).isEqualTo(first);
    assertThat(profiles.stats()).containsEntry("hits", 1L).containsEntry("loads", 1L);
  }

  @Test
  void concurrentMissesCallTheLoaderOncePerKey() throws Exception {
    CacheAside<Profile> profiles = aside();
    AtomicInteger loads = new AtomicInteger();
    CountDownLatch loading = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    int callers = 8;
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    try {
      List<Future<Profile>> results = new ArrayList<>();
      results.add(pool.submit(() -> profiles.get(key, k -> {
        loads.incrementAndGet();
        loading.countDown();
        await(release);
        return new Profile(k, 1);
      })));
      loading.await(20, TimeUnit.SECONDS);
      for (int i = 1; i < callers; i++) {
        results.add(pool.submit(() -> profiles.get(key, k -> {
          loads.incrementAndGet();
          return new Profile(k, 99);
        })));
      }
      // Let the waiters pile up on the in-flight load before it completes.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (((Number) profiles.stats().get("collapsed")).longValue() < callers - 1
          && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      release.countDown();
      for (Future<Profile> f : results) {
        assertThat(f.get(20, TimeUnit.SECONDS)).isEqualTo(new Profile(key, 1));
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(loads).hasValue(1);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(20, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void loaderFailuresAreNotCached() {
    CacheAside<Profile> profiles = aside();
    assertThatThrownBy(() -> profiles.get(key, k -> {
      throw new IllegalStateException("database down");
    })).isInstanceOf(IllegalStateException.class).hasMessage("database down");
    assertThat(cache.get(key)).isEmpty();
    assertThat(profiles.get(key, k -> new Profile(k, 1))).isEqualTo(new Profile(key, 1));
    assertThat(profiles.stats()).containsEntry("load_failures", 1L);
  }

  @Test
  void undecodableEntriesAreMissesThatGetOverwritten() {
    cache.set(key, "not cbor at all".getBytes(StandardCharsets.UTF_8), Duration.ZERO);
    CacheAside<Profile> profiles = aside();
    assertThat(profiles.get(key, k -> new Profile(k, 5))).isEqualTo(new Profile(key, 5));
    assertThat((Long) profiles.stats().get("decode_errors")).isPositive();
    assertThat(Cbor.unmarshal(cache.get(key).orElseThrow(), Profile.class))
        .isEqualTo(new Profile(key, 5));
  }

  @Test
  void withTheStampedeLockAWaiterTakesTheOtherProcessesValue() {
    CacheAside<Profile> profiles = CacheAside.builder(cache, Cbor.codec(Profile.class))
        .stampedeLock(Duration.ofSeconds(30), Duration.ofSeconds(20)).build();
    // Another process holds the load lock and stores its value a little later.
    assertThat(cache.compareAndSet("cachebricks:load-lock:" + key, null, new byte[] {1},
        Duration.ofSeconds(30))).isTrue();
    Thread other = new Thread(() -> cache.set(key, Cbor.marshal(new Profile(key, 42)),
        Duration.ZERO));
    other.start();
    assertThat(profiles.get(key, k -> new Profile(k, 0))).isEqualTo(new Profile(key, 42));
    assertThat(profiles.stats()).containsEntry("loads", 0L);
  }

  @Test
  void aKeyAtTheLengthLimitStillGetsAStampedeLockAndIsStored() {
    String longKey = key + "x".repeat(EntryLimits.DEFAULT_MAX_KEY_LENGTH - key.length());
    CacheAside<Profile> profiles = CacheAside.builder(cache, Cbor.codec(Profile.class))
        .stampedeLock(Duration.ofSeconds(30), Duration.ofSeconds(5)).build();
    assertThat(profiles.get(longKey, k -> new Profile("long", 1)))
        .isEqualTo(new Profile("long", 1));
    assertThat(profiles.stats()).containsEntry("cache_errors", 0L).containsEntry("loads", 1L);
    assertThat(profiles.get(longKey, k -> new Profile("again", 2)))
        .isEqualTo(new Profile("long", 1));
  }

  @Test
  void aLoadedValueOverTheValueLimitIsReturnedAndCountedNotThrown() {
    CacheAside<byte[]> blobs = CacheAside.builder(cache, Cbor.codec(byte[].class)).build();
    byte[] huge = new byte[EntryLimits.DEFAULT_MAX_VALUE_BYTES + 1];
    assertThat(blobs.get(key, k -> huge)).hasSize(huge.length);
    assertThat(blobs.stats()).containsEntry("cache_errors", 1L).containsEntry("loads", 1L);
    assertThat(cache.get(key)).isEmpty();
  }

  @Test
  void nullLoaderResultIsRejected() {
    assertThatThrownBy(() -> aside().get(key, k -> null))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("loader returned null");
  }
}

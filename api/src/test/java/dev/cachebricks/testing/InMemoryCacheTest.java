package dev.cachebricks.testing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachebricks.CacheClosedException;
import dev.cachebricks.CacheConfigException;
import dev.cachebricks.CacheConnectionException;
import dev.cachebricks.CacheOperationException;
import dev.cachebricks.GetOrSetResult;
import dev.cachebricks.Operation;
import dev.cachebricks.StatsKeys;
import dev.cachebricks.contract.MutableClock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** What the in-memory cache adds for users' tests: a controllable clock and fault injection. */
class InMemoryCacheTest {

  private final MutableClock clock = new MutableClock();
  private final InMemoryCache cache = InMemoryCache.builder().clock(clock).build();

  private static byte[] bytes(String s) {
    return s.getBytes(UTF_8);
  }

  @Test
  void anOperationTimeoutThatWouldOverflowIsAConfigError() {
    assertThatThrownBy(() -> InMemoryCache.builder()
        .operationTimeout(Duration.ofDays(365L * 1000)).build())
        .isInstanceOfSatisfying(CacheConfigException.class,
            e -> assertThat(e.field()).isEqualTo("operationTimeout"));
  }

  @Test
  void ttlFollowsTheInjectedClockToTheMillisecond() {
    cache.set("k", bytes("v"), Duration.ofSeconds(10));
    clock.advance(Duration.ofMillis(9_999));
    assertThat(cache.get("k")).isPresent();
    clock.advance(Duration.ofMillis(1));
    assertThat(cache.get("k")).isEmpty();
  }

  @Test
  void expiredKeyIsAbsentForCompareAndSetAndGetOrSet() {
    cache.set("k", bytes("old"), Duration.ofSeconds(1));
    clock.advance(Duration.ofSeconds(1));
    assertThat(cache.compareAndSet("k", bytes("old"), bytes("x"), Duration.ZERO)).isFalse();
    assertThat(cache.compareAndDelete("k", bytes("old"))).isFalse();
    assertThat(cache.getOrSet("k", bytes("new"), Duration.ZERO).stored()).isTrue();
  }

  @Test
  void failNextFailsOnceWrappedWithOpAndKey() {
    cache.failNext(Operation.SET, new IllegalStateException("disk on fire"));
    assertThatThrownBy(() -> cache.set("k", bytes("v"), Duration.ZERO))
        .isInstanceOf(CacheOperationException.class)
        .hasMessage("cache operation error: set failed for key \"k\": disk on fire");
    assertThat(cache.get("k")).isEmpty();
    cache.set("k", bytes("v"), Duration.ZERO);
    assertThat(cache.get("k")).isPresent();
    assertThat(cache.stats().get(StatsKeys.ERRORS)).isEqualTo(1L);
  }

  @Test
  void failAlwaysFailsUntilCleared() {
    cache.failAlways(Operation.GET, new CacheClosedException());
    assertThatThrownBy(() -> cache.get("k")).isInstanceOf(CacheClosedException.class);
    assertThatThrownBy(() -> cache.get("k")).isInstanceOf(CacheClosedException.class);
    cache.clearFaults();
    assertThat(cache.get("k")).isEmpty();
  }

  @Test
  void failingHealthIsAConnectionError() {
    cache.failNext(Operation.HEALTH, new IllegalStateException("unreachable"));
    assertThatThrownBy(cache::health)
        .isInstanceOf(CacheConnectionException.class)
        .hasMessage("cache connection error: health failed for in-memory: unreachable");
    cache.health();
  }

  @Test
  void delayLongerThanTheOperationTimeoutTimesOut() {
    InMemoryCache slow = InMemoryCache.builder().operationTimeout(Duration.ofMillis(50)).build();
    slow.delay(Operation.GET, Duration.ofMinutes(1));
    assertThatThrownBy(() -> slow.get("k"))
        .isInstanceOf(CacheOperationException.class)
        .hasCauseInstanceOf(TimeoutException.class);
  }

  @Test
  void interruptedCallerGetsAnOperationErrorAndKeepsItsInterruptFlag() throws Exception {
    cache.delay(Operation.GET, Duration.ofSeconds(4));
    CountDownLatch started = new CountDownLatch(1);
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    CompletableFuture<Boolean> interruptedAfter = new CompletableFuture<>();
    Thread caller = new Thread(() -> {
      started.countDown();
      try {
        cache.get("k");
      } catch (Throwable t) {
        thrown.set(t);
      }
      interruptedAfter.complete(Thread.currentThread().isInterrupted());
    });
    caller.start();
    started.await();
    caller.interrupt();
    assertThat(interruptedAfter.get(10, TimeUnit.SECONDS)).isTrue();
    assertThat(thrown.get())
        .isInstanceOf(CacheOperationException.class)
        .hasCauseInstanceOf(InterruptedException.class);
  }

  @Test
  void handlesShareEntriesButNotClosedState() {
    InMemoryCache other = cache.newHandle();
    cache.set("k", bytes("v"), Duration.ZERO);
    cache.close();
    assertThat(other.get("k")).isPresent();
  }

  @Test
  void invalidSettingsAreConfigErrors() {
    assertThatThrownBy(() -> InMemoryCache.builder().operationTimeout(Duration.ZERO).build())
        .isInstanceOf(CacheConfigException.class).hasMessageContaining("operationTimeout");
    assertThatThrownBy(() -> InMemoryCache.builder().clock(null).build())
        .isInstanceOf(CacheConfigException.class).hasMessageContaining("clock");
  }

  @Test
  void getOrSetResultComparesByContentAndCopies() {
    byte[] value = bytes("v");
    GetOrSetResult result = new GetOrSetResult(value, true);
    value[0] = 'x';
    assertThat(result).isEqualTo(new GetOrSetResult(bytes("v"), true));
    assertThat(result).isNotEqualTo(new GetOrSetResult(bytes("v"), false));
    assertThat(result.hashCode()).isEqualTo(new GetOrSetResult(bytes("v"), true).hashCode());
    result.value()[0] = 'y';
    assertThat(result.value()).isEqualTo(bytes("v"));
  }
}

package dev.cachebricks.recipes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachebricks.Cache;
import dev.cachebricks.Operation;
import dev.cachebricks.cbor.Cbor;
import dev.cachebricks.contract.CacheAsideContract;
import dev.cachebricks.testing.InMemoryCache;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link CacheAside} on {@link InMemoryCache}, plus what only fault injection can show. */
class InMemoryCacheAsideContractTest extends CacheAsideContract {

  private final InMemoryCache shared = InMemoryCache.create();

  @Override
  protected Cache newCache() {
    return shared.newHandle();
  }

  @Test
  void aCacheOutageDegradesToLoadingInsteadOfFailing() {
    InMemoryCache down = InMemoryCache.create();
    down.failAlways(Operation.GET, new IllegalStateException("down"));
    down.failAlways(Operation.SET, new IllegalStateException("down"));
    CacheAside<String> aside = CacheAside.builder(down, Cbor.codec(String.class))
        .ttl(Duration.ofMinutes(1)).build();
    assertThat(aside.get("k", k -> "loaded")).isEqualTo("loaded");
    assertThat((Long) aside.stats().get("cache_errors")).isGreaterThanOrEqualTo(2L);
    assertThat(aside.stats()).containsEntry("loads", 1L);
  }
}

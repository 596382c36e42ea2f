package dev.cachebricks.hazelcast;

import dev.cachebricks.Cache;
import dev.cachebricks.contract.CacheContract;
import dev.cachebricks.contract.ClassResource;
import java.util.UUID;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@link Cache} contract through a Hazelcast client with a near cache on the cache under
 * test (default bounds): reads may be served locally, and every promise still holds.
 */
class NearCacheClientCacheContractTest extends CacheContract {

  private static final String NAME = "near-contract-" + UUID.randomUUID();

  @RegisterExtension
  static final ClassResource<MemberWithClient> fixture =
      new ClassResource<>(() -> MemberWithClient.start(settings -> settings.nearCache(NAME)));

  @Override
  protected Cache newCache() {
    Cache cache = fixture.get().client().cache(NAME);
    if (!(((HazelcastCache) cache).ops() instanceof NearCacheOps)) {
      throw new AssertionError("expected a near-cached cache: " + cache);
    }
    return cache;
  }
}

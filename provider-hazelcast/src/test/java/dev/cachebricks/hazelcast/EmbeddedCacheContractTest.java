package dev.cachebricks.hazelcast;

import dev.cachebricks.Cache;
import dev.cachebricks.contract.CacheContract;
import dev.cachebricks.contract.ClassResource;
import java.util.UUID;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link Cache} contract on the embedded default: one member on loopback. */
class EmbeddedCacheContractTest extends CacheContract {

  @RegisterExtension
  static final ClassResource<HazelcastBackend> backend =
      new ClassResource<>(TestSettings::embeddedMember);
  private static final String NAME = "contract-" + UUID.randomUUID();

  @Override
  protected Cache newCache() {
    return backend.get().cache(NAME);
  }
}

package dev.cachebricks.hazelcast;

import dev.cachebricks.Cache;
import dev.cachebricks.contract.CacheContract;
import dev.cachebricks.contract.ClassResource;
import java.util.UUID;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link Cache} contract through a Hazelcast client connected to one member. */
class ClientCacheContractTest extends CacheContract {

  private static final String NAME = "contract-" + UUID.randomUUID();

  @RegisterExtension
  static final ClassResource<MemberWithClient> fixture =
      new ClassResource<>(() -> MemberWithClient.start());

  @Override
  protected Cache newCache() {
    return fixture.get().client().cache(NAME);
  }
}

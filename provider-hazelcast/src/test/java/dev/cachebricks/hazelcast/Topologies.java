package dev.cachebricks.hazelcast;

import com.hazelcast.core.HazelcastInstance;
import dev.cachebricks.hazelcast.testing.Members;
import java.util.EnumMap;
import java.util.Map;

/**
 * The three places users run cachebricks, started once for a test class: an embedded member, a
 * client of a member, and a member of a two-member cluster. Components under test are built on
 * {@link #instance(Kind)}, the way an application shares one instance between them.
 */
final class Topologies implements AutoCloseable {

  /** Where the shared instance sits. */
  enum Kind {
    /** A member of a one-member cluster. */
    MEMBER,
    /** A client connected to a one-member cluster. */
    CLIENT,
    /** The first member of a two-member cluster (data and backups on both). */
    CLUSTER
  }

  private final Members single = Members.start(1);
  private final Members pair = Members.start(2);
  private final HazelcastBackend client =
      HazelcastBackend.start(TestSettings.clientOf(single).build());
  private final Map<Kind, HazelcastInstance> instances = new EnumMap<>(Map.of(
      Kind.MEMBER, single.member(0),
      Kind.CLIENT, client.instance(),
      Kind.CLUSTER, pair.member(0)));

  HazelcastInstance instance(Kind kind) {
    return instances.get(kind);
  }

  @Override
  public void close() {
    client.close();
    pair.close();
    single.close();
  }
}

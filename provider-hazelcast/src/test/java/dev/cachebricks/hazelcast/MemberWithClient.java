package dev.cachebricks.hazelcast;

import dev.cachebricks.hazelcast.testing.Members;
import java.util.function.UnaryOperator;

/**
 * One member on loopback and a client backend connected to it, closed client first.
 *
 * @param cluster the member
 * @param client the client backend
 */
record MemberWithClient(Members cluster, HazelcastBackend client) implements AutoCloseable {

  /** Starts a member and a client with the generous settings, adjusted by {@code settings}. */
  static MemberWithClient start(UnaryOperator<HazelcastConfig.Builder> settings) {
    Members cluster = Members.start(1);
    return new MemberWithClient(cluster,
        HazelcastBackend.start(settings.apply(TestSettings.clientOf(cluster)).build()));
  }

  /** Starts a member and a plain client. */
  static MemberWithClient start() {
    return start(UnaryOperator.identity());
  }

  @Override
  public void close() {
    client.close();
    cluster.close();
  }
}

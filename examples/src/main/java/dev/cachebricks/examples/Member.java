package dev.cachebricks.examples;

import dev.cachebricks.hazelcast.HazelcastBackend;
import dev.cachebricks.hazelcast.HazelcastConfig;
import dev.cachebricks.hazelcast.HazelcastProperties;
import java.util.concurrent.CountDownLatch;

/**
 * A standalone cachebricks member on 127.0.0.1 (the second half of the two-process demo): start
 * it in one terminal, then run any example as its client in another:
 *
 * <pre>
 * ./mvnw -B -q -pl examples -am -DskipTests package exec:java \
 *     -Dexample=dev.cachebricks.examples.Member
 * ./mvnw -B -q -pl examples -am -DskipTests package exec:java \
 *     -Dcachebricks.hazelcast.addresses=127.0.0.1:5701
 * </pre>
 *
 * It runs until interrupted (Ctrl-C), with the same secure defaults as the embedded member.
 */
public final class Member {

  private Member() {}

  /**
   * Starts the member and waits.
   *
   * @param args ignored
   * @throws InterruptedException when stopped
   */
  public static void main(String[] args) throws InterruptedException {
    // The embedded default (or what cachebricks.hazelcast.* says): the same secure member a
    // HazelcastBackend starts for itself, kept running for other processes to use.
    HazelcastBackend backend = HazelcastBackend.start(
        HazelcastConfig.builder().mode(HazelcastConfig.Mode.EMBEDDED)
            .clusterName(HazelcastProperties.read().clusterName()).build());
    var address = backend.instance().getCluster().getLocalMember().getAddress();
    System.out.printf("member of cluster '%s' listening on %s:%d (Ctrl-C to stop)%n",
        backend.config().clusterName(), address.getHost(), address.getPort());
    Runtime.getRuntime().addShutdownHook(new Thread(backend::close));
    new CountDownLatch(1).await();
  }
}

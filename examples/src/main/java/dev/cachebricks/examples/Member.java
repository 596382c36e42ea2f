package dev.cachebricks.examples;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.cachebricks.hazelcast.internal.SecureDefaults;
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
    String cluster = System.getProperty("cachebricks.hazelcast.cluster-name",
        SecureDefaults.DEFAULT_CLUSTER_NAME);
    HazelcastInstance member = Hazelcast.newHazelcastInstance(
        SecureDefaults.memberConfig(cluster, SecureDefaults.DEFAULT_PORT));
    var address = member.getCluster().getLocalMember().getAddress();
    System.out.printf("member of cluster '%s' listening on %s:%d (Ctrl-C to stop)%n",
        cluster, address.getHost(), address.getPort());
    Runtime.getRuntime().addShutdownHook(new Thread(member::shutdown));
    new CountDownLatch(1).await();
  }
}

package dev.cachebricks.benchmarks;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.cachebricks.hazelcast.internal.SecureDefaults;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One Hazelcast member in a separate JVM on 127.0.0.1, for client-mode benchmarks: the member's
 * work then runs outside the measured JVM, as it would on a server. The child runs until its
 * standard input closes, so it never outlives the benchmark.
 */
final class MemberProcess implements AutoCloseable {

  private static final String READY = "READY ";
  /** The JVM flags Hazelcast members want. */
  private static final String MEMBER_FLAGS = "--add-modules java.se"
      + " --add-exports java.base/jdk.internal.ref=ALL-UNNAMED"
      + " --add-opens java.base/java.lang=ALL-UNNAMED"
      + " --add-opens java.base/sun.nio.ch=ALL-UNNAMED"
      + " --add-opens java.management/sun.management=ALL-UNNAMED"
      + " --add-opens jdk.management/com.sun.management.internal=ALL-UNNAMED";

  private final Process process;
  private final String address;

  private MemberProcess(Process process, String address) {
    this.process = process;
    this.address = address;
  }

  /**
   * Starts the member JVM on this JVM's class path and waits until it prints its address.
   *
   * @param clusterName the member's cluster name
   * @param maxHeap the child's {@code -Xmx}, e.g. {@code 1g}
   * @return the running member
   * @throws IOException if the child exits before it is ready
   */
  static MemberProcess start(String clusterName, String maxHeap) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + maxHeap);
    command.addAll(List.of(MEMBER_FLAGS.split(" ")));
    command.add("-Dhazelcast.logging.type=none");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(MemberProcess.class.getName());
    command.add(clusterName);
    Process process = new ProcessBuilder(command)
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    BufferedReader out = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    for (String line; (line = out.readLine()) != null; ) {
      if (line.startsWith(READY)) {
        return new MemberProcess(process, line.substring(READY.length()).trim());
      }
    }
    throw new IOException("the member JVM exited before it was ready");
  }

  /** The member's {@code host:port}, for a client to connect to. */
  String address() {
    return address;
  }

  /** Closes the child's standard input, which tells it to exit, and waits up to 30 s. */
  @Override
  public void close() throws IOException, InterruptedException {
    try (OutputStream stdin = process.getOutputStream()) {
      stdin.flush();
    }
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }

  /**
   * The member JVM: one loopback member, until standard input closes.
   *
   * @param args the cluster name
   * @throws IOException if standard input fails
   */
  public static void main(String[] args) throws IOException {
    HazelcastInstance member = Hazelcast.newHazelcastInstance(
        SecureDefaults.memberConfig(args[0], SecureDefaults.DEFAULT_PORT));
    var address = member.getCluster().getLocalMember().getAddress();
    System.out.println(READY + address.getHost() + ":" + address.getPort());
    System.out.flush();
    while (System.in.read() != -1) {
      // wait for the parent to go away
    }
    member.getLifecycleService().terminate();
    System.exit(0);
  }
}

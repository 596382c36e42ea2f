package dev.cachebricks.hazelcast.testing;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.cachebricks.hazelcast.internal.SecureDefaults;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A Hazelcast member in a separate JVM on loopback, for failure tests that need a real process to
 * kill with SIGKILL. The child prints {@code READY <address>} once its member runs, and exits
 * when its standard input closes, so it never outlives the test JVM.
 */
public final class MemberProcess implements AutoCloseable {

  private static final String READY = "READY ";
  /** The JVM flags Hazelcast members want (SPEC section 9). */
  public static final String MEMBER_FLAGS = "--add-modules java.se"
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
   * Starts a member process joining {@code members} (may be empty) in cluster {@code clusterName}.
   *
   * @param clusterName the cluster name
   * @param members addresses of members to join, e.g. {@code 127.0.0.1:5701}
   * @return the running member
   * @throws IOException if the JVM cannot be started or the member does not come up in 60 s
   */
  public static MemberProcess start(String clusterName, String... members) throws IOException {
    return start(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"), clusterName, members);
  }

  /**
   * Starts a member process with JVM options of the caller's choice: a benchmark gives it more
   * heap and the full JIT, so that the member's work is what it would be on a server.
   *
   * @param jvmOptions options for the child JVM, e.g. {@code -Xmx1g}
   * @param clusterName the cluster name
   * @param members addresses of members to join, e.g. {@code 127.0.0.1:5701}
   * @return the running member
   * @throws IOException if the JVM cannot be started or the member does not come up in 60 s
   */
  public static MemberProcess start(List<String> jvmOptions, String clusterName,
      String... members) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(List.of(MEMBER_FLAGS.split(" ")));
    command.add("-Dhazelcast.logging.type=none");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.add(clusterName);
    command.addAll(List.of(members));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    BufferedReader out = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
      try {
        for (String line; (line = out.readLine()) != null; ) {
          if (line.startsWith(READY)) {
            return line.substring(READY.length()).trim();
          }
        }
        return null;
      } catch (IOException e) {
        return null;
      }
    });
    try {
      String address = ready.get(60, TimeUnit.SECONDS);
      if (address == null) {
        throw new IOException("member process exited before it was ready: " + process.exitValue());
      }
      // Keep draining its output so the child never blocks on a full pipe.
      Thread drain = new Thread(() -> {
        try {
          while (out.readLine() != null) {
            // discard
          }
        } catch (IOException ignored) {
          // the process is gone
        }
      }, "member-process-drain");
      drain.setDaemon(true);
      drain.start();
      return new MemberProcess(process, address);
    } catch (Exception e) {
      process.destroyForcibly();
      throw e instanceof IOException io ? io : new IOException("member process did not start", e);
    }
  }

  /**
   * Returns the member's address, {@code 127.0.0.1:port}.
   *
   * @return the address
   */
  public String address() {
    return address;
  }

  /**
   * Kills the process abruptly (SIGKILL on Unix) and waits for it to be gone.
   *
   * @throws InterruptedException if interrupted while waiting
   */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /**
   * Stops the process without ending it (SIGSTOP): the shape of a long GC pause or a stuck VM.
   * Its connections stay open and nothing answers on them.
   *
   * @throws IOException if the signal cannot be sent
   * @throws InterruptedException if interrupted while sending it
   */
  public void pause() throws IOException, InterruptedException {
    signal("STOP");
  }

  /**
   * Lets a {@link #pause() paused} process run again (SIGCONT).
   *
   * @throws IOException if the signal cannot be sent
   * @throws InterruptedException if interrupted while sending it
   */
  public void resume() throws IOException, InterruptedException {
    signal("CONT");
  }

  private void signal(String signal) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
        .redirectErrorStream(true).start();
    if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
      throw new IOException("kill -" + signal + " " + process.pid() + " failed");
    }
  }

  /**
   * Tells whether the process still runs.
   *
   * @return true while alive
   */
  public boolean isAlive() {
    return process.isAlive();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }

  /** The child's entry point: {@code <clusterName> [member ...]}. */
  public static final class Main {
    private Main() {}

    /**
     * Starts the member and waits for standard input to close.
     *
     * @param args cluster name, then addresses to join
     * @throws IOException if standard input fails
     */
    public static void main(String[] args) throws IOException {
      String[] join = java.util.Arrays.copyOfRange(args, 1, args.length);
      HazelcastInstance member = Hazelcast.newHazelcastInstance(
          Members.memberConfig(args[0], SecureDefaults.DEFAULT_PORT, join));
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
}

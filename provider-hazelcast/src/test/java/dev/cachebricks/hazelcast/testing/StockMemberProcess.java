package dev.cachebricks.hazelcast.testing;

import com.hazelcast.core.Hazelcast;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stock Hazelcast member in a separate JVM on loopback: no cachebricks code, no test code,
 * started with Hazelcast's own {@code com.hazelcast.core.server.HazelcastMemberStarter} and a
 * member YAML given by {@code -Dhazelcast.config}, the way an operator runs a member. Its
 * classpath is the Hazelcast jar plus, by default, the JSR-107 API jar (which Hazelcast's
 * distribution ships in its {@code lib/}: without it the member has no JCache service at all),
 * plus whatever a test adds, such as the application's classes.
 *
 * <p>The YAML binds 127.0.0.1 only, turns multicast, auto-detection, TCP/IP join, Jet and
 * phone-home off, and sets the cluster name a test gives (make it unique). The member is ready
 * when it logs {@code is STARTED}; its address is read from that line. Like {@link MemberProcess}
 * it never outlives the test JVM: on Unix it runs under a {@code /bin/sh} watchdog that kills it
 * when the test JVM's end of its standard input closes (also on SIGKILL of the test JVM), and a
 * shutdown hook kills it on a normal exit. Its output is kept (the last lines) for assertions and
 * failure messages.
 */
public final class StockMemberProcess implements AutoCloseable {

  /** The main class of Hazelcast's own member launcher. */
  public static final String STARTER = "com.hazelcast.core.server.HazelcastMemberStarter";
  private static final Pattern STARTED = Pattern.compile("\\[([0-9.]+)\\]:(\\d+) is STARTED");
  private static final int KEPT_LINES = 2_000;
  private final Process process;
  private final String clusterName;
  private final String address;
  private final Deque<String> output;
  private final Path configFile;
  private final Thread shutdownHook;

  private StockMemberProcess(Process process, String clusterName, String address,
      Deque<String> output, Path configFile) {
    this.process = process;
    this.clusterName = clusterName;
    this.address = address;
    this.output = output;
    this.configFile = configFile;
    this.shutdownHook = new Thread(this::destroy, "stock-member-kill");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /**
   * Starts a stock member of a new cluster with a unique name, with the Hazelcast and JSR-107
   * API jars on its classpath.
   *
   * @return the running member
   * @throws IOException if the JVM cannot be started or the member is not up within 90 s
   */
  public static StockMemberProcess start() throws IOException {
    return builder().start();
  }

  /**
   * Returns a builder for a stock member of a new cluster with a unique name.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the Hazelcast jar this test JVM runs with (the member runs the same version).
   *
   * @return the jar
   */
  public static Path hazelcastJar() {
    return codeSource(Hazelcast.class);
  }

  /**
   * Returns the JSR-107 API jar this test JVM runs with.
   *
   * @return the jar
   */
  public static Path jcacheApiJar() {
    return codeSource(javax.cache.Caching.class);
  }

  /**
   * Returns the jar or directory a class was loaded from, e.g. a module's
   * {@code target/test-classes} for a test class: add it with {@link Builder#addClasspath} to
   * give a member the application's classes.
   *
   * @param type a class
   * @return its code source
   */
  public static Path codeSource(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("no code source for " + type, e);
    }
  }

  /** Configures and starts a stock member. */
  public static final class Builder {
    private String clusterName = "cb-stock-" + UUID.randomUUID();
    private boolean jcacheApi = true;
    private final List<Path> classpath = new ArrayList<>();
    private String extraYaml = "";

    private Builder() {}

    /**
     * Sets the cluster name (default: unique).
     *
     * @param name the name
     * @return this
     */
    public Builder clusterName(String name) {
      this.clusterName = Objects.requireNonNull(name, "name");
      return this;
    }

    /**
     * Leaves the JSR-107 API jar off the classpath: the member then has only the Hazelcast jar.
     *
     * @return this
     */
    public Builder withoutJCacheApi() {
      this.jcacheApi = false;
      return this;
    }

    /**
     * Adds jars or class directories to the member's classpath.
     *
     * @param entries the entries
     * @return this
     */
    public Builder addClasspath(Path... entries) {
      classpath.addAll(List.of(entries));
      return this;
    }

    /**
     * Adds YAML under the top-level {@code hazelcast:} key, indented by two spaces (e.g.
     * {@code "  user-code-deployment:\n    enabled: true\n"}).
     *
     * @param yaml the YAML
     * @return this
     */
    public Builder yaml(String yaml) {
      this.extraYaml = Objects.requireNonNull(yaml, "yaml");
      return this;
    }

    /**
     * Starts the member and waits until it runs.
     *
     * @return the running member
     * @throws IOException if the JVM cannot be started or the member is not up within 90 s
     */
    public StockMemberProcess start() throws IOException {
      Path config = Files.createTempFile("cb-stock-member-", ".yaml");
      Files.writeString(config, memberYaml(clusterName) + extraYaml, StandardCharsets.UTF_8);
      List<String> entries = new ArrayList<>();
      entries.add(hazelcastJar().toString());
      if (jcacheApi) {
        entries.add(jcacheApiJar().toString());
      }
      classpath.forEach(p -> entries.add(p.toString()));

      List<String> java = new ArrayList<>();
      java.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      java.add("-Xmx256m");
      java.add("-XX:TieredStopAtLevel=1");
      java.addAll(List.of(MemberProcess.MEMBER_FLAGS.split(" ")));
      java.add("-Dhazelcast.config=" + config);
      java.add("-cp");
      java.add(String.join(File.pathSeparator, entries));
      java.add(STARTER);

      List<String> command = new ArrayList<>();
      if (new File("/bin/sh").canExecute()) {
        // Watchdog: the member dies when our end of the pipe closes, even if we are SIGKILLed.
        command.addAll(List.of("/bin/sh", "-c",
            "exec 3<&0; \"$@\" </dev/null & m=$!;"
                + " ( cat <&3 >/dev/null; kill -9 $m 2>/dev/null ) >/dev/null 2>&1 &"
                + " exec 3<&-; wait $m",
            "stock-member"));
      }
      command.addAll(java);
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      Deque<String> output = new ArrayDeque<>();
      BufferedReader out = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      CompletableFuture<String> ready = new CompletableFuture<>();
      Thread reader = new Thread(() -> {
        try {
          for (String line; (line = out.readLine()) != null; ) {
            synchronized (output) {
              output.addLast(line);
              if (output.size() > KEPT_LINES) {
                output.removeFirst();
              }
            }
            Matcher started = STARTED.matcher(line);
            if (!ready.isDone() && started.find()) {
              ready.complete(started.group(1) + ":" + started.group(2));
            }
          }
        } catch (IOException ignored) {
          // the process is gone
        }
        ready.complete(null);
      }, "stock-member-output");
      reader.setDaemon(true);
      reader.start();
      try {
        String address = ready.get(90, TimeUnit.SECONDS);
        if (address == null) {
          throw new IOException("stock member exited before it was ready:\n" + tail(output));
        }
        return new StockMemberProcess(process, clusterName, address, output, config);
      } catch (Exception e) {
        destroy(process);
        Files.deleteIfExists(config);
        throw e instanceof IOException io
            ? io
            : new IOException("stock member did not start:\n" + tail(output), e);
      }
    }
  }

  /**
   * Returns the member YAML of a secure loopback member.
   *
   * @param clusterName the cluster name
   * @return the YAML
   */
  static String memberYaml(String clusterName) {
    return """
        hazelcast:
          cluster-name: "%s"
          properties:
            hazelcast.phone.home.enabled: "false"
            hazelcast.socket.bind.any: "false"
            hazelcast.socket.client.bind.any: "false"
            hazelcast.local.localAddress: "127.0.0.1"
          jet:
            enabled: false
          network:
            port:
              auto-increment: true
              port-count: 100
              port: 5701
            interfaces:
              enabled: true
              interfaces:
                - 127.0.0.1
            join:
              auto-detection:
                enabled: false
              multicast:
                enabled: false
              tcp-ip:
                enabled: false
        """.formatted(clusterName);
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
   * Returns the member's cluster name.
   *
   * @return the name
   */
  public String clusterName() {
    return clusterName;
  }

  /**
   * Returns the member's output so far (the last lines; JDK logging, as a stock member logs).
   *
   * @return the output
   */
  public String output() {
    return tail(output);
  }

  /**
   * Tells whether the process still runs.
   *
   * @return true while alive
   */
  public boolean isAlive() {
    return process.isAlive();
  }

  /**
   * Kills the member abruptly and waits for it to be gone.
   *
   * @throws InterruptedException if interrupted while waiting
   */
  public void kill() throws InterruptedException {
    destroy();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    kill();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException ignored) {
      // the JVM is shutting down
    }
    try {
      Files.deleteIfExists(configFile);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void destroy() {
    destroy(process);
  }

  private static void destroy(Process process) {
    try {
      process.getOutputStream().close(); // the watchdog's cue
    } catch (IOException ignored) {
      // already closed
    }
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  private static String tail(Deque<String> output) {
    synchronized (output) {
      return String.join("\n", output);
    }
  }
}

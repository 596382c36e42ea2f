package dev.cachebricks.tck;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.cachebricks.hazelcast.internal.SecureDefaults;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.runner.Description;
import org.junit.runner.Result;
import org.junit.runner.notification.Failure;
import org.junit.runner.notification.RunListener;

/**
 * Wraps one TCK execution: for the client execution, starts a loopback member (unique cluster
 * name) before the first test and points the provider at it; afterwards prints a one-line
 * summary and writes it, with a verdict against the expected count, for the build to check.
 */
public final class TckRunListener extends RunListener {

  private static final String PROVIDER_PROPERTY = "javax.cache.spi.CachingProvider";

  private final AtomicInteger failed = new AtomicInteger();
  private final AtomicInteger ignored = new AtomicInteger();
  private HazelcastInstance member;
  private long start;

  @Override
  public void testRunStarted(Description description) {
    start = System.nanoTime();
    if (Boolean.getBoolean("cachebricks.tck.start-member")) {
      String cluster = "cb-tck-" + UUID.randomUUID();
      member = Hazelcast.newHazelcastInstance(
          SecureDefaults.memberConfig(cluster, SecureDefaults.DEFAULT_PORT));
      var address = member.getCluster().getLocalMember().getAddress();
      System.setProperty("cachebricks.hazelcast.cluster-name", cluster);
      System.setProperty("cachebricks.hazelcast.addresses", address.getHost() + ":"
          + address.getPort());
    }
  }

  /**
   * The TCK's own {@code javax.cache.CachingTest} clears {@code javax.cache.spi.CachingProvider}
   * after each of its tests; with Hazelcast's jar also registering a provider, a later test
   * that asks {@code Caching} for the provider of a new class loader would then see two.
   * Restore the selection before every test.
   */
  @Override
  public void testStarted(Description description) {
    String selected = System.getProperty("cachebricks.tck.provider");
    if (selected != null && System.getProperty(PROVIDER_PROPERTY) == null) {
      System.setProperty(PROVIDER_PROPERTY, selected);
    }
  }

  @Override
  public void testFailure(Failure failure) {
    failed.incrementAndGet();
  }

  @Override
  public void testAssumptionFailure(Failure failure) {
    ignored.incrementAndGet();
  }

  @Override
  public void testIgnored(Description description) {
    ignored.incrementAndGet();
  }

  @Override
  public void testRunFinished(Result result) throws IOException {
    if (member != null) {
      member.getLifecycleService().terminate();
    }
    String execution = System.getProperty("cachebricks.tck.execution", "tck");
    int expected = Integer.getInteger("cachebricks.tck.expected", 0);
    int run = result.getRunCount();
    String summary = String.format("TCK %s: %d run, %d failed, %d skipped (expected %d) in %d s",
        execution, run, failed.get(), ignored.get(), expected,
            (System.nanoTime() - start) / 1_000_000_000);
    System.out.println(summary);
    String status = run >= expected && failed.get() == 0 && ignored.get() == 0 ? "ok" : "failed";
    String target = System.getProperty("cachebricks.tck.summary");
    if (target != null) {
      Properties out = new Properties();
      out.setProperty("status", status);
      out.setProperty("message", summary);
      out.setProperty("run", Integer.toString(run));
      out.setProperty("failed", Integer.toString(failed.get()));
      try (OutputStream stream = Files.newOutputStream(Path.of(target))) {
        out.store(stream, "written by TckRunListener");
      }
    }
  }
}

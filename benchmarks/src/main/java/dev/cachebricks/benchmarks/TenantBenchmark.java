package dev.cachebricks.benchmarks;

import dev.cachebricks.Cache;
import dev.cachebricks.hazelcast.HazelcastBackend;
import dev.cachebricks.hazelcast.HazelcastConfig;
import dev.cachebricks.tenant.Manager;
import dev.cachebricks.tenant.ManagerConfig;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The tenant manager on Hazelcast: the hot path ({@code get} of an existing tenant, goal at most
 * 100 ns) and a cold create (a new tenant's CacheManager and cache on the member).
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "java.se",
    "--add-opens", "java.base/java.lang=ALL-UNNAMED",
    "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class TenantBenchmark {

  HazelcastBackend backend;
  Manager hot;
  Manager cold;
  String[] ids = new String[100];
  final AtomicLong next = new AtomicLong();
  final String prefix = "cold-" + UUID.randomUUID() + "-";

  /** Starts the member and the managers. */
  @Setup(Level.Trial)
  public void setUp() {
    backend = HazelcastBackend.start(HazelcastConfig.builder()
        .clusterName("cb-bench-" + UUID.randomUUID()).build());
    hot = backend.manager(ManagerConfig.defaults());
    for (int i = 0; i < ids.length; i++) {
      ids[i] = "tenant-" + i;
      hot.get(ids[i]);
    }
    cold = backend.manager(ManagerConfig.builder().maxTenants(1000).build());
  }

  /** Stops everything. */
  @TearDown(Level.Trial)
  public void tearDown() {
    hot.close();
    cold.close();
    backend.close();
  }

  /** Per-thread cursor. */
  @State(Scope.Thread)
  public static class Cursor {
    int next;
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public Cache hotPathExistingTenant(Cursor c) {
    return hot.get(ids[c.next++ % ids.length]);
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public Cache coldCreateTenant() {
    return cold.get(prefix + next.incrementAndGet());
  }
}

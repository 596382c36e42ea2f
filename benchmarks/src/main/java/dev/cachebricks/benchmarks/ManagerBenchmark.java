package dev.cachebricks.benchmarks;

import dev.cachebricks.Cache;
import dev.cachebricks.tenant.ManagerConfig;
import dev.cachebricks.tenant.TenantManager;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * The manager's hot path: {@code get(tenantId)} for a tenant that already exists (goal: at most
 * 100 ns, no global lock). Backend-neutral: the lookup is {@link TenantManager}'s on every
 * backend, so the in-memory factory isolates it from backend cost.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ManagerBenchmark {

  @Param({"100"})
  int tenants;

  private TenantManager manager;
  private String[] ids;

  /** Creates the tenants once. */
  @Setup(Level.Trial)
  public void setUp() {
    manager = TenantManager.inMemory(ManagerConfig.builder().maxTenants(tenants).build());
    ids = new String[tenants];
    for (int i = 0; i < tenants; i++) {
      ids[i] = "tenant-" + i;
      manager.get(ids[i]);
    }
  }

  /** Closes the manager. */
  @TearDown(Level.Trial)
  public void tearDown() {
    manager.close();
  }

  /**
   * Per-thread cursor over the tenant ids, so threads do not share a counter. Each thread starts
   * at its own offset: threads walking the ids in lockstep would all stamp the same tenant at the
   * same moment, a worst case real traffic does not produce.
   */
  @State(Scope.Thread)
  public static class Cursor {
    int next;

    /**
     * Spreads the threads' starting points over the ids.
     *
     * @param thread JMH's description of this thread
     */
    @Setup(Level.Trial)
    public void start(ThreadParams thread) {
      next = thread.getThreadIndex() * 37;
    }
  }

  /**
   * Looks up an existing tenant, one thread.
   *
   * @param cursor the thread's cursor
   * @return the handle, consumed by JMH
   */
  @Benchmark
  @Threads(1)
  public Cache getExistingTenant1Thread(Cursor cursor) {
    return manager.get(ids[cursor.next++ % ids.length]);
  }

  /**
   * Looks up an existing tenant, four threads.
   *
   * @param cursor the thread's cursor
   * @return the handle, consumed by JMH
   */
  @Benchmark
  @Threads(4)
  public Cache getExistingTenant4Threads(Cursor cursor) {
    return manager.get(ids[cursor.next++ % ids.length]);
  }
}

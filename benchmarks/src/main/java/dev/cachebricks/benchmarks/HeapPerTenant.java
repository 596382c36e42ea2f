package dev.cachebricks.benchmarks;

import dev.cachebricks.hazelcast.HazelcastBackend;
import dev.cachebricks.hazelcast.HazelcastConfig;
import dev.cachebricks.tenant.Manager;
import dev.cachebricks.tenant.ManagerConfig;
import java.util.UUID;

/**
 * Heap per idle tenant, measured the simple, documented way: used heap after full GCs, before
 * and after attaching N tenants (each: its CacheManager, cache proxy and one small entry) on an
 * embedded member, divided by N. The figure includes the member-side structures of each
 * tenant's cache (config, record store), because embedded they live in the same heap.
 * Usage: {@code java -cp benchmarks.jar dev.cachebricks.benchmarks.HeapPerTenant [N]}.
 */
public final class HeapPerTenant {

  private HeapPerTenant() {}

  /**
   * Runs the measurement.
   *
   * @param args optional tenant count (default 2000)
   * @throws InterruptedException if interrupted between GCs
   */
  public static void main(String[] args) throws InterruptedException {
    int tenants = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    try (HazelcastBackend backend = HazelcastBackend.start(HazelcastConfig.builder()
            .clusterName("cb-bench-" + UUID.randomUUID()).build());
        Manager manager = backend.manager(ManagerConfig.builder().maxTenants(0).build())) {
      manager.get("warm-up").set("k", new byte[16], java.time.Duration.ZERO);
      long before = settledHeap();
      long start = System.nanoTime();
      for (int i = 0; i < tenants; i++) {
        manager.get("tenant-" + i).set("k", new byte[16], java.time.Duration.ZERO);
      }
      long createNanos = System.nanoTime() - start;
      long after = settledHeap();
      System.out.printf("heap per idle tenant: %.1f KiB (%d tenants, %.1f MiB total);"
          + " create + first set: %.0f us per tenant%n",
          (after - before) / 1024.0 / tenants, tenants, (after - before) / 1048576.0,
          createNanos / 1000.0 / tenants);
    }
  }

  private static long settledHeap() throws InterruptedException {
    Runtime rt = Runtime.getRuntime();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      Thread.sleep(200); // let concurrent GC work and reference processing settle
      used = Math.min(used, rt.totalMemory() - rt.freeMemory());
    }
    return used;
  }
}

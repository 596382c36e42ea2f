package dev.cachebricks.examples;

import dev.cachebricks.Cache;
import dev.cachebricks.StatsKeys;
import dev.cachebricks.tenant.Manager;
import dev.cachebricks.tenant.ManagerConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A multi-tenant service on the {@link Manager}: every tenant gets its own isolated cache, the
 * least recently used tenant's local resources are released past the maximum (visible in the
 * stats), and its data survives the release.
 */
public final class TenantService {

  private TenantService() {}

  /**
   * Runs the example on the embedded default.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    try (Backend backend = Backend.embedded();
        Manager manager = backend.manager(ManagerConfig.builder().maxTenants(2).build())) {
      run(manager);
    }
  }

  static void run(Manager manager) {
    List<String> tenants = List.of("acme", "globex", "initech");
    for (String tenant : tenants) {
      manager.get(tenant).set("plan", utf8(tenant + "-enterprise"), Duration.ofMinutes(10));
    }
    System.out.printf("%-10s %-20s%n", "tenant", "plan (same key)");
    for (String tenant : tenants) {
      Cache cache = manager.get(tenant);
      System.out.printf("%-10s %-20s%n", tenant,
          cache.get("plan").map(TenantService::text).orElse("<miss>"));
    }
    System.out.println();
    Map<String, Object> stats = manager.stats();
    for (String key : List.of(StatsKeys.MAX_SIZE, StatsKeys.ACTIVE_TENANTS,
        StatsKeys.TOTAL_CREATED, StatsKeys.LRU_EVICTIONS)) {
      System.out.printf("%-16s %s%n", key, stats.get(key));
    }
    System.out.println(
        "\nthree tenants, at most two attached: every re-attach after an LRU eviction"
        + " finds its data still in the cluster.");
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}

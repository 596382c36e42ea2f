package dev.cachebricks.hazelcast;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cachebricks.Cache;
import dev.cachebricks.tenant.Manager;
import dev.cachebricks.tenant.ManagerConfig;
import dev.cachebricks.tenant.TenantIds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Property test: random hostile tenant ids (separators, percent signs, Unicode, control
 * characters, very long) never see each other's entries through the Hazelcast manager.
 * {@code -Dcachebricks.isolation.tenants=N} runs more (default 10,000).
 */
class TenantIsolationTest {

  private static final int TENANTS = Integer.getInteger("cachebricks.isolation.tenants", 10_000);
  private static final String ALPHABET =
      "aZ09/%:?#[]@!$&'()*+,;= .-_~\\\u00e9\u4e2d\u0000\n\t\"<>{}|^`";

  static List<String> hostileIds(long seed, int count) {
    Random random = new Random(seed);
    Set<String> ids = new LinkedHashSet<>();
    ids.add("");
    ids.add("x".repeat(TenantIds.MAX_LENGTH));
    while (ids.size() < count) {
      int length = random.nextInt(10) == 0 ? 1 + random.nextInt(TenantIds.MAX_LENGTH)
          : random.nextInt(8);
      StringBuilder id = new StringBuilder(length);
      while (id.length() < length) {
        if (random.nextInt(20) == 0 && id.length() + 2 <= length) {
          id.appendCodePoint(0x1F600 + random.nextInt(50)); // a surrogate pair
        } else {
          id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
      }
      ids.add(id.toString());
    }
    return new ArrayList<>(ids);
  }

  @Test
  void randomHostileTenantIdsNeverSeeEachOthersEntries() {
    long seed = Long.getLong("cachebricks.isolation.seed", 20261124L);
    List<String> ids = hostileIds(seed, TENANTS);
    long start = System.nanoTime();
    try (HazelcastBackend backend = TestSettings.embeddedMember();
        Manager manager = backend.manager(ManagerConfig.builder().maxTenants(50).build())) {
      for (String id : ids) {
        Cache cache = manager.get(id);
        assertThat(cache.getOrSet("owner", id.getBytes(UTF_8), Duration.ZERO).stored())
            .as("tenant %s found an entry it never wrote", id)
            .isTrue();
      }
      for (String id : ids) {
        assertThat(manager.get(id).get("owner"))
            .as("tenant %s", id)
            .hasValueSatisfying(v -> assertThat(new String(v, UTF_8)).isEqualTo(id));
      }
      System.out.printf(
          "tenant isolation: %d hostile tenant ids (seed %d), no cross-tenant visibility, %d ms%n",
          ids.size(), seed, (System.nanoTime() - start) / 1_000_000);
    }
  }
}

package dev.cachebricks.spring.boot;

import dev.cachebricks.Cache;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code cachebricks} health: the health checks of every backend and cache it watches
 * ({@code HazelcastBackend.health()}, {@link Cache#health()}), one detail per name ({@code UP},
 * or the failure's message), and status DOWN with the first failure if any cannot serve. Both
 * answer locally (instance running, client connected), so a check never waits on the network.
 *
 * <p>Thread-safe if the checks are (every cachebricks one is).
 */
public final class CachebricksHealthIndicator implements HealthIndicator {

  private final Map<String, Runnable> checks;

  /**
   * Creates the indicator.
   *
   * @param checks health checks that throw when their backend or cache cannot serve, by the name
   *     their detail gets, run in this order
   */
  public CachebricksHealthIndicator(Map<String, ? extends Runnable> checks) {
    this.checks = new LinkedHashMap<>(Objects.requireNonNull(checks, "checks must not be null"));
  }

  /**
   * Checks every cache.
   *
   * @return UP if every cache serves, else DOWN with the first failure
   */
  @Override
  public Health health() {
    Map<String, Object> details = new LinkedHashMap<>();
    RuntimeException failure = null;
    for (Map.Entry<String, Runnable> check : checks.entrySet()) {
      try {
        check.getValue().run();
        details.put(check.getKey(), "UP");
      } catch (RuntimeException e) {
        failure = failure == null ? e : failure;
        details.put(check.getKey(), "DOWN: " + e.getMessage());
      }
    }
    Health.Builder health = failure == null ? Health.up() : Health.down(failure);
    return health.withDetails(details).build();
  }

  @Override
  public String toString() {
    return "CachebricksHealthIndicator" + checks.keySet();
  }
}

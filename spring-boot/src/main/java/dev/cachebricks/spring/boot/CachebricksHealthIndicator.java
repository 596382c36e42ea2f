package dev.cachebricks.spring.boot;

import dev.cachebricks.Cache;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code cachebricks} health: {@link Cache#health()} of every cache it watches, one detail
 * per cache ({@code UP}, or the failure's message), and status DOWN with the first failure if
 * any cache cannot serve. {@code Cache.health()} answers locally (instance running, client
 * connected), so a check never waits on the network.
 *
 * <p>Thread-safe if the caches are (every cachebricks {@code Cache} is).
 */
public final class CachebricksHealthIndicator implements HealthIndicator {

  private final Map<String, Cache> caches;

  /**
   * Creates the indicator.
   *
   * @param caches the caches to check, by the name their detail gets, checked in this order
   */
  public CachebricksHealthIndicator(Map<String, Cache> caches) {
    this.caches = new LinkedHashMap<>(Objects.requireNonNull(caches, "caches must not be null"));
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
    for (Map.Entry<String, Cache> cache : caches.entrySet()) {
      try {
        cache.getValue().health();
        details.put(cache.getKey(), "UP");
      } catch (RuntimeException e) {
        failure = failure == null ? e : failure;
        details.put(cache.getKey(), "DOWN: " + e.getMessage());
      }
    }
    Health.Builder health = failure == null ? Health.up() : Health.down(failure);
    return health.withDetails(details).build();
  }

  @Override
  public String toString() {
    return "CachebricksHealthIndicator" + caches.keySet();
  }
}

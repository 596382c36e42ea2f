package dev.cachebricks.examples.boot;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.cachebricks.Cache;
import dev.cachebricks.tenant.Manager;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;

/**
 * Checkout with the cachebricks {@code Cache} API: a retried request is recognized by its
 * idempotency key ({@code getOrSet} on the {@code idempotency} cache bean, from
 * {@code cachebricks.caches}), and each tenant's cart lives in its own namespace of the tenant
 * {@link Manager} bean.
 */
@Service
public class CheckoutService {

  private final Cache idempotency;
  private final Manager tenants;

  /**
   * Creates the service.
   *
   * @param idempotency the cache of seen request ids (the bean named like the cache)
   * @param tenants the tenant manager
   */
  public CheckoutService(@Qualifier("idempotency") Cache idempotency, Manager tenants) {
    this.idempotency = idempotency;
    this.tenants = tenants;
  }

  /**
   * Places an order once per request id, however often the request is retried.
   *
   * @param tenant the customer
   * @param requestId the client's idempotency key
   * @param order what is ordered
   * @return what happened
   */
  public String submit(String tenant, String requestId, String order) {
    boolean first = idempotency
        .getOrSet("checkout:" + requestId, utf8(tenant), Duration.ofHours(24)).stored();
    if (!first) {
      return "duplicate, skipped";
    }
    tenants.get(tenant).set("cart", utf8(order), Duration.ofDays(7));
    return "accepted";
  }

  /**
   * Returns a tenant's cart.
   *
   * @param tenant the customer
   * @return the cart, or {@code <empty>}
   */
  public String cart(String tenant) {
    return tenants.get(tenant).get("cart").map(b -> new String(b, UTF_8)).orElse("<empty>");
  }

  private static byte[] utf8(String s) {
    return s.getBytes(UTF_8);
  }
}

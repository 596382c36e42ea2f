package dev.cachebricks.examples.boot;

import com.hazelcast.cache.ICache;
import dev.cachebricks.hazelcast.HazelcastBackend;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A small Spring Boot service on the cachebricks starter: {@code @Cacheable} quotes and the
 * {@code Cache} API (an idempotency cache and per-tenant carts) side by side, all on one
 * embedded Hazelcast member that the starter starts and stops. Configuration is in
 * {@code application.yml}; nothing here wires cachebricks by hand.
 */
@SpringBootApplication
@EnableCaching
public class BootExample {

  /** Created by Spring. */
  public BootExample() {}

  /**
   * Starts the service, runs a few requests through it and stops it.
   *
   * @param args Spring Boot arguments, e.g. {@code --cachebricks.hazelcast.addresses=...}
   */
  public static void main(String[] args) {
    try (ConfigurableApplicationContext context = SpringApplication.run(BootExample.class, args)) {
      QuoteService quotes = context.getBean(QuoteService.class);
      CheckoutService checkout = context.getBean(CheckoutService.class);

      print("quote ACME", quotes.quote("ACME"));
      print("quote ACME again", quotes.quote("ACME") + " (lookups so far: "
          + quotes.lookups() + ")");
      print("checkout req-1", checkout.submit("acme", "req-1", "ACME x 10"));
      print("checkout req-1 retried", checkout.submit("acme", "req-1", "ACME x 10"));
      print("checkout req-2", checkout.submit("globex", "req-2", "ACME x 3"));
      print("acme's cart", checkout.cart("acme"));

      HazelcastBackend backend = context.getBean(HazelcastBackend.class);
      List<String> caches = backend.instance().getDistributedObjects().stream()
          .filter(ICache.class::isInstance).map(o -> ((ICache<?, ?>) o).getPrefixedName())
          .sorted().toList();
      print("hazelcast members", backend.instance().getCluster().getMembers().size());
      System.out.println("caches on that member (@Cacheable, Cache bean, tenants)");
      caches.forEach(name -> System.out.printf("  %s%n", name));
    }
  }

  private static void print(String label, Object value) {
    System.out.printf("%-28s %s%n", label, value);
  }
}

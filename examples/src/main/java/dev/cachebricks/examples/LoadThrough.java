package dev.cachebricks.examples;

import dev.cachebricks.Cache;
import dev.cachebricks.cbor.Cbor;
import dev.cachebricks.cbor.CborKey;
import dev.cachebricks.micrometer.CacheMetrics;
import dev.cachebricks.recipes.CacheAside;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Load-through with {@link CacheAside} and metrics with {@link CacheMetrics}: eight concurrent
 * requests for the same missing product call the (slow) repository once, later requests hit the
 * cache, and the Micrometer registry shows the operations.
 */
public final class LoadThrough {

  /** A product, encoded with integer keys. */
  public record Product(@CborKey(1) String sku, @CborKey(2) String name,
      @CborKey(3) long priceCents) {}

  private LoadThrough() {}

  /**
   * Runs the example on the embedded default.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    try (Backend backend = Backend.embedded(); Cache raw = backend.cache("products")) {
      run(raw);
    }
  }

  static void run(Cache raw) {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Cache cache = CacheMetrics.builder(registry).system("hazelcast").build().instrument(raw);
    CacheAside<Product> products = CacheAside.builder(cache, Cbor.codec(Product.class))
        .ttl(Duration.ofMinutes(5)).build();
    AtomicInteger repositoryCalls = new AtomicInteger();

    List<CompletableFuture<Product>> requests = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      requests.add(CompletableFuture.supplyAsync(() -> products.get("product:42", key -> {
        repositoryCalls.incrementAndGet();
        sleep(200); // a slow database
        return new Product("42", "Espresso machine", 24_900);
      })));
    }
    Product first = requests.get(0).join();
    requests.forEach(CompletableFuture::join);
    Product later = products.get("product:42", key -> {
      throw new IllegalStateException("not called: the value is cached");
    });

    System.out.printf("%-28s %s%n", "product", first);
    System.out.printf("%-28s %d (8 concurrent requests)%n", "repository calls",
        repositoryCalls.get());
    System.out.printf("%-28s %s%n", "later request", later.equals(first) ? "cache hit"
        : "mismatch");
    System.out.printf("%-28s %s%n", "cache-aside stats", products.stats());
    System.out.printf("%-28s %.0f%n", "cache.hit (Micrometer)",
        registry.get(CacheMetrics.HITS).counters().stream().mapToDouble(c -> c.count()).sum());
    System.out.printf("%-28s %d%n", "db.client.operation.duration",
        registry.get(CacheMetrics.OPERATION_DURATION).timers().stream()
            .mapToLong(t -> t.count()).sum());
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

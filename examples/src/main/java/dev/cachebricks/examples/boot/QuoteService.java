package dev.cachebricks.examples.boot;

import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.stereotype.Service;

/**
 * Quotes from a slow pricing system, cached with Spring's {@code @Cacheable}: the JCache cache
 * {@code quotes} (listed in {@code spring.cache.cache-names}) on the cachebricks JSR-107 provider,
 * on the same member as the {@code Cache} beans.
 */
@Service
public class QuoteService {

  private final AtomicInteger lookups = new AtomicInteger();

  /** Created by Spring. */
  public QuoteService() {}

  /**
   * Returns a quote, from the cache after the first lookup.
   *
   * @param symbol the ticker symbol
   * @return the quote
   */
  @Cacheable("quotes")
  public String quote(String symbol) {
    lookups.incrementAndGet();
    return symbol + " 101.25"; // the slow pricing system
  }

  /**
   * Returns how many times the pricing system was asked.
   *
   * @return the count
   */
  public int lookups() {
    return lookups.get();
  }
}

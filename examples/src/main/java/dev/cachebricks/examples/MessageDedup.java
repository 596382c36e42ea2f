package dev.cachebricks.examples;

import dev.cachebricks.Cache;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Message deduplication with {@code getOrSet}: a consumer that sees redeliveries processes each
 * message exactly once, because only the first {@code getOrSet} of a message id stores its
 * marker.
 */
public final class MessageDedup {

  private MessageDedup() {}

  /**
   * Runs the example on the embedded default.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    try (Backend backend = Backend.embedded(); Cache cache = backend.cache("dedup")) {
      run(cache);
    }
  }

  static void run(Cache cache) {
    // An at-least-once broker redelivers m-2 and m-3.
    List<String> deliveries = List.of("m-1", "m-2", "m-3", "m-2", "m-4", "m-3", "m-2");
    byte[] done = "processed".getBytes(StandardCharsets.UTF_8);
    int processed = 0;
    int skipped = 0;
    System.out.printf("%-10s %-8s %s%n", "delivery", "message", "action");
    for (int i = 0; i < deliveries.size(); i++) {
      String id = deliveries.get(i);
      boolean first = cache.getOrSet("processed:msg:" + id, done, Duration.ofHours(1)).stored();
      if (first) {
        processed++;
      } else {
        skipped++;
      }
      System.out.printf("%-10d %-8s %s%n", i + 1, id, first ? "processed" : "duplicate, skipped");
    }
    System.out.printf("%nprocessed=%d skipped=%d (4 distinct messages, 7 deliveries)%n",
        processed, skipped);
  }
}

package dev.cachebricks.examples;

import dev.cachebricks.Cache;
import dev.cachebricks.GetOrSetResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The quickstart: set and get with a TTL, getOrSet, compare-and-set, health and stats. */
public final class Quickstart {

  private Quickstart() {}

  /**
   * Runs the quickstart.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    try (Backend backend = Backend.embedded(); Cache cache = backend.cache("quickstart")) {
      cache.set("greeting", utf8("hello"), Duration.ofMinutes(5));
      System.out.printf("%-28s %s%n", "get greeting",
          cache.get("greeting").map(Quickstart::text).orElse("<miss>"));
      GetOrSetResult first = cache.getOrSet("msg:42", utf8("done"), Duration.ofHours(1));
      GetOrSetResult again = cache.getOrSet("msg:42", utf8("done"), Duration.ofHours(1));
      System.out.printf("%-28s stored=%s, then stored=%s%n", "getOrSet msg:42 twice",
          first.stored(), again.stored());
      boolean locked = cache.compareAndSet("lock:job", null, utf8("worker-1"),
          Duration.ofSeconds(30));
      boolean stolen = cache.compareAndSet("lock:job", null, utf8("worker-2"),
          Duration.ofSeconds(30));
      System.out.printf("%-28s worker-1=%s, worker-2=%s%n", "compareAndSet lock:job",
          locked, stolen);
      cache.health();
      System.out.printf("%-28s %s%n", "health", "ok");
      System.out.println("stats");
      cache.stats().forEach((name, value) -> System.out.printf("  %-26s %s%n", name, value));
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}

package dev.cachebricks.benchmarks;

/**
 * The smoke switch of every benchmark program: with the environment variable
 * {@code CACHEBRICKS_BENCH_SMOKE} set (to anything), measurements shrink to a token round, so CI
 * can prove each documented command still runs without spending minutes measuring.
 */
final class Smoke {

  private Smoke() {}

  /**
   * Tells whether smoke mode is on.
   *
   * @return true when {@code CACHEBRICKS_BENCH_SMOKE} is set and not empty
   */
  static boolean on() {
    String value = System.getenv("CACHEBRICKS_BENCH_SMOKE");
    return value != null && !value.isEmpty();
  }

  /**
   * Returns {@code normal}, or {@code smoke} in smoke mode.
   *
   * @param normal the real figure
   * @param smoke the token figure
   * @return the figure to use
   */
  static int pick(int normal, int smoke) {
    return on() ? smoke : normal;
  }
}

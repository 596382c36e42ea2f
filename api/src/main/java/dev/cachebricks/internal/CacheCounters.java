package dev.cachebricks.internal;

import dev.cachebricks.StatsKeys;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The operation counters every {@code Cache} implementation reports through
 * {@code Cache.stats()}, under the names of {@link StatsKeys}. Contention-free ({@link LongAdder}).
 *
 * <p>Internal: not part of the public API, may change without notice.
 */
public final class CacheCounters {

  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final LongAdder sets = new LongAdder();
  private final LongAdder deletes = new LongAdder();
  private final LongAdder getOrSetSet = new LongAdder();
  private final LongAdder getOrSetExisting = new LongAdder();
  private final LongAdder casSuccess = new LongAdder();
  private final LongAdder casFailure = new LongAdder();
  private final LongAdder cadSuccess = new LongAdder();
  private final LongAdder cadFailure = new LongAdder();
  private final LongAdder errors = new LongAdder();

  /**
   * Counts a {@code get}.
   *
   * @param hit whether it found a value
   */
  public void get(boolean hit) {
    (hit ? hits : misses).increment();
  }

  /** Counts a {@code set}. */
  public void set() {
    sets.increment();
  }

  /** Counts a {@code delete}. */
  public void delete() {
    deletes.increment();
  }

  /**
   * Counts a {@code getOrSet}.
   *
   * @param stored whether it stored its value
   */
  public void getOrSet(boolean stored) {
    (stored ? getOrSetSet : getOrSetExisting).increment();
  }

  /**
   * Counts a {@code compareAndSet}.
   *
   * @param success whether it applied
   */
  public void compareAndSet(boolean success) {
    (success ? casSuccess : casFailure).increment();
  }

  /**
   * Counts a {@code compareAndDelete}.
   *
   * @param success whether it removed the key
   */
  public void compareAndDelete(boolean success) {
    (success ? cadSuccess : cadFailure).increment();
  }

  /** Counts a failed operation. */
  public void error() {
    errors.increment();
  }

  /**
   * Returns the counters as a mutable, insertion-ordered map, so that a backend can add its own
   * figures before wrapping it unmodifiable.
   *
   * @return a new map holding every counter
   */
  public Map<String, Object> snapshot() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put(StatsKeys.HITS, hits.sum());
    map.put(StatsKeys.MISSES, misses.sum());
    map.put(StatsKeys.SETS, sets.sum());
    map.put(StatsKeys.DELETES, deletes.sum());
    map.put(StatsKeys.GETORSET_SET, getOrSetSet.sum());
    map.put(StatsKeys.GETORSET_EXISTING, getOrSetExisting.sum());
    map.put(StatsKeys.CAS_SUCCESS, casSuccess.sum());
    map.put(StatsKeys.CAS_FAILURE, casFailure.sum());
    map.put(StatsKeys.CAD_SUCCESS, cadSuccess.sum());
    map.put(StatsKeys.CAD_FAILURE, cadFailure.sum());
    map.put(StatsKeys.ERRORS, errors.sum());
    return map;
  }
}

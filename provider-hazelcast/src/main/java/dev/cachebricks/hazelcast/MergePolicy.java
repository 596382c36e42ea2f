package dev.cachebricks.hazelcast;

/**
 * Which value survives when a split cluster heals and both sides hold an entry for the same key:
 * Hazelcast's merge policies that its caches support. Entries only one side holds are always
 * kept (except with {@link #DISCARD}). Set with
 * {@link HazelcastConfig.Builder#mergePolicy(MergePolicy)} or
 * {@code cachebricks.hazelcast.merge-policy}; applied to every cache this library creates.
 */
public enum MergePolicy {
  /**
   * The larger side's value wins; the smaller side adds only keys the larger one lacks.
   * Hazelcast's own default, and ours: of the policies measured in our partition tests it lost
   * no acknowledged write to a key only one side wrote.
   */
  PUT_IF_ABSENT("com.hazelcast.spi.merge.PutIfAbsentMergePolicy"),
  /** The smaller side's value wins: what the side that lost the election wrote overwrites. */
  PASS_THROUGH("com.hazelcast.spi.merge.PassThroughMergePolicy"),
  /** The value read more often wins. */
  HIGHER_HITS("com.hazelcast.spi.merge.HigherHitsMergePolicy"),
  /** The value read or written last wins (member clocks must agree). */
  LATEST_ACCESS("com.hazelcast.spi.merge.LatestAccessMergePolicy"),
  /** The value that expires later wins. */
  EXPIRATION_TIME("com.hazelcast.spi.merge.ExpirationTimeMergePolicy"),
  /** The smaller side's entries are all dropped. */
  DISCARD("com.hazelcast.spi.merge.DiscardMergePolicy");

  /** The default policy. */
  public static final MergePolicy DEFAULT = PUT_IF_ABSENT;

  private final String className;

  MergePolicy(String className) {
    this.className = className;
  }

  /**
   * Returns the Hazelcast class implementing the policy, as Hazelcast configurations name it.
   *
   * @return the class name
   */
  public String className() {
    return className;
  }
}

package dev.cachebricks.hazelcast.internal;

import com.hazelcast.cache.HazelcastExpiryPolicy;
import com.hazelcast.nio.ObjectDataOutput;
import dev.cachebricks.Ttl;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import javax.cache.expiry.Duration;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.expiry.ModifiedExpiryPolicy;

/**
 * TTL to JCache {@link ExpiryPolicy}: the one place the TTL rules of {@link Ttl} meet Hazelcast's
 * per-entry expiry.
 *
 * <p>A write needs creation = update = the TTL, so an overwrite replaces an old TTL; "no expiry"
 * must be sent explicitly too, because a plain {@code put} keeps an old TTL and a zero duration
 * means "expire now". A failed {@code replace} (compare-and-set of a present value) applies the
 * access duration, which must therefore be null (unchanged); {@code put} and {@code putIfAbsent}
 * never consult it ({@code putIfAbsent} on an existing key consults no policy at all).
 *
 * <p>The policy travels as Hazelcast's own {@link HazelcastExpiryPolicy}, an
 * {@code IdentifiedDataSerializable} every member knows without configuration: 53 bytes, no Java
 * serialization, so members with a Java deserialization filter accept it (JCache's
 * {@code ModifiedExpiryPolicy} is 232 to 321 bytes of Java serialization, which such a filter
 * rejects). Its wire format has two limits, both from its {@code writeData}/{@code readData}:
 *
 * <ul>
 *   <li>{@link Duration#ETERNAL} has no time unit: writing it throws, and {@code readData} always
 *       builds a duration with a unit. "No expiry" is therefore {@link #ETERNAL_MILLIS}, which
 *       ends some 146 million years from now without overflowing the member's expiration time;
 *       TTLs at least that long are sent the same way.
 *   <li>A null duration is written as nothing, which shifts the fields that follow. The amount
 *       {@code -1} reads back as null, so {@link #forReplace} writes that itself. But a member
 *       that forwards a request to the partition owner (a client's request that reached another
 *       member, during migrations or before the client connected to every member) writes the
 *       policy again with Hazelcast's own {@code writeData}, and the owner cannot read it. So
 *       {@link #forWrite} has no null duration (access = the TTL, never consulted), and a client
 *       sends its replace policy as JCache's {@code ModifiedExpiryPolicy} ({@link #forClient}).
 *       A member's own requests are never forwarded: a member that no longer owns the partition
 *       answers "wrong target" and the caller sends its own policy object again.
 * </ul>
 *
 * <p>Internal: not part of the public API.
 */
public final class Expiry {

  /**
   * The duration sent for "no expiry": half of {@code Long.MAX_VALUE} milliseconds, so that the
   * member's expiration time (its clock plus this) can never overflow.
   */
  public static final long ETERNAL_MILLIS = Long.MAX_VALUE / 2;

  private static final ExpiryPolicy ETERNAL_WRITE = write(ETERNAL_MILLIS);
  private static final ExpiryPolicy ETERNAL_REPLACE = new AccessUnchanged(ETERNAL_MILLIS);

  private Expiry() {}

  /**
   * Returns the policy of a {@code put} or {@code putIfAbsent} with the given TTL: creation =
   * update = access = the TTL, a stock {@link HazelcastExpiryPolicy}. The same instance for every
   * write without expiry.
   *
   * @param ttlMillis a TTL already checked by {@link Ttl#toMillis}: 0 for no expiry, else at
   *     least 1
   * @return the policy
   */
  public static ExpiryPolicy forWrite(long ttlMillis) {
    return isEternal(ttlMillis) ? ETERNAL_WRITE : write(ttlMillis);
  }

  /**
   * Returns the policy of a {@code replace(k, old, new)} with the given TTL: creation = update =
   * the TTL, access unchanged (a failed replace keeps the entry's TTL), in
   * {@link HazelcastExpiryPolicy}'s wire format. For a member's own requests; a client sends
   * {@link #forClient} of it.
   *
   * @param ttlMillis a TTL already checked by {@link Ttl#toMillis}
   * @return the policy
   */
  public static ExpiryPolicy forReplace(long ttlMillis) {
    return isEternal(ttlMillis) ? ETERNAL_REPLACE : new AccessUnchanged(ttlMillis);
  }

  /**
   * Returns the form of a policy a client sends, which a member may forward to another member:
   * a {@link #forReplace} policy as JCache's {@code ModifiedExpiryPolicy} (Java serialization,
   * the only form with a null access duration that survives forwarding), anything else as is.
   *
   * @param policy a policy from {@link #forWrite} or {@link #forReplace}
   * @return the policy to serialize into the client's request
   */
  public static ExpiryPolicy forClient(ExpiryPolicy policy) {
    return policy instanceof AccessUnchanged replace
        ? new ModifiedExpiryPolicy(replace.getExpiryForUpdate())
        : policy;
  }

  private static boolean isEternal(long ttlMillis) {
    return ttlMillis == Ttl.NO_EXPIRY || ttlMillis >= ETERNAL_MILLIS;
  }

  private static ExpiryPolicy write(long millis) {
    Duration duration = new Duration(TimeUnit.MILLISECONDS, millis);
    return new HazelcastExpiryPolicy(duration, duration, duration);
  }

  /**
   * Creation = update = a duration in milliseconds, access = null, written in
   * {@link HazelcastExpiryPolicy}'s wire format (a member reads it as that class).
   */
  private static final class AccessUnchanged extends HazelcastExpiryPolicy {

    /** The amount {@code HazelcastExpiryPolicy.readData} reads as a null duration. */
    private static final long NULL_DURATION = -1;

    private final long millis;

    AccessUnchanged(long millis) {
      super(new Duration(TimeUnit.MILLISECONDS, millis), null,
          new Duration(TimeUnit.MILLISECONDS, millis));
      this.millis = millis;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
      writeMillis(out); // creation
      out.writeLong(NULL_DURATION); // access: unchanged
      writeMillis(out); // update
    }

    private void writeMillis(ObjectDataOutput out) throws IOException {
      out.writeLong(millis);
      out.writeInt(TimeUnit.MILLISECONDS.ordinal());
    }

    @Override
    public String toString() {
      // The inherited toString fails on the null access duration.
      return "ExpiryPolicy{creation=update=" + millis + "ms, access=unchanged}";
    }
  }
}

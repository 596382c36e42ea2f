package dev.cachebricks;

import java.time.Duration;

/**
 * Size limits on keys and values, checked by every {@link Cache} implementation before anything
 * is sent: an oversized key or value is an {@link IllegalArgumentException} naming the argument
 * and the limit, and changes nothing.
 *
 * <p>Defaults: keys up to {@value #DEFAULT_MAX_KEY_LENGTH} chars, values up to
 * {@value #DEFAULT_MAX_VALUE_BYTES} bytes (16 MiB). In a distributed cache every write is copied
 * to a synchronous backup and every read crosses the network, so a bigger value is almost always
 * a bug; raise the limit deliberately if it is not.
 *
 * @param maxKeyLength the longest key accepted, in chars; positive
 * @param maxValueBytes the largest value accepted, in bytes; positive
 */
public record EntryLimits(int maxKeyLength, int maxValueBytes) {

  /** Default {@link #maxKeyLength()}. */
  public static final int DEFAULT_MAX_KEY_LENGTH = 4096;
  /** Default {@link #maxValueBytes()}: 16 MiB. */
  public static final int DEFAULT_MAX_VALUE_BYTES = 16 * 1024 * 1024;
  /** The default limits. */
  public static final EntryLimits DEFAULT =
      new EntryLimits(DEFAULT_MAX_KEY_LENGTH, DEFAULT_MAX_VALUE_BYTES);
  /**
   * No size limit: only nulls and TTLs are checked. For decorators that check arguments before
   * they reach a backend which applies its own limits.
   */
  public static final EntryLimits UNLIMITED =
      new EntryLimits(Integer.MAX_VALUE, Integer.MAX_VALUE);

  /**
   * Validates the limits.
   *
   * @param maxKeyLength the longest key accepted, in chars; positive
   * @param maxValueBytes the largest value accepted, in bytes; positive
   * @throws CacheConfigException naming the first invalid field
   */
  public EntryLimits {
    if (maxKeyLength <= 0) {
      throw new CacheConfigException("maxKeyLength", "must be positive, was " + maxKeyLength);
    }
    if (maxValueBytes <= 0) {
      throw new CacheConfigException("maxValueBytes", "must be positive, was " + maxValueBytes);
    }
  }

  /**
   * Checks a key: non-null, not too long, and well-formed UTF-16. A key with an unpaired
   * surrogate has no UTF-8 form: a distributed backend would store it under the same bytes as
   * other keys ({@code "a\uD800"}, {@code "a\uDC00"} and {@code "a?"} all become {@code a?}),
   * so a compare-and-set or a lock on one would act on another. Such keys are rejected on
   * every backend, the in-memory one included.
   *
   * @param key the key
   * @return the key, for chaining
   * @throws NullPointerException if {@code key} is null
   * @throws IllegalArgumentException if it is longer than {@link #maxKeyLength()} or holds an
   *     unpaired surrogate
   */
  public String checkKey(String key) {
    if (key == null) {
      throw new NullPointerException("key must not be null");
    }
    if (key.length() > maxKeyLength) {
      throw new IllegalArgumentException("key is " + key.length()
          + " chars, over the limit of " + maxKeyLength + " (EntryLimits.maxKeyLength)");
    }
    int bad = unpairedSurrogate(key);
    if (bad >= 0) {
      throw new IllegalArgumentException(String.format("key has an unpaired surrogate U+%04X at "
          + "index %d: not valid UTF-16, so it has no UTF-8 form of its own", (int) key.charAt(bad),
          bad));
    }
    return key;
  }

  /** The index of the first unpaired surrogate of {@code s}, or -1. */
  private static int unpairedSurrogate(String s) {
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && i + 1 < n
            && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++; // a pair: one code point
        } else {
          return i;
        }
      }
    }
    return -1;
  }

  /**
   * Checks the arguments of a write, in the order every backend reports them: key, value, TTL.
   * The one validation entry point of {@code set}, {@code getOrSet} and {@code compareAndSet}.
   *
   * @param key the key
   * @param value the value to write
   * @param valueName the value argument's name for messages ({@code "value"},
   *     {@code "newValue"})
   * @param ttl the TTL
   * @return the TTL in milliseconds ({@link Ttl#toMillis(Duration)})
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the key or value is over its limit
   * @throws InvalidTtlException if the TTL is negative
   */
  public long checkWrite(String key, byte[] value, String valueName, Duration ttl) {
    checkKey(key);
    checkValue(value, valueName);
    return Ttl.toMillis(ttl);
  }

  /**
   * Checks a value argument: non-null and not too large.
   *
   * @param value the value
   * @param name the argument's name for messages ({@code "value"}, {@code "newValue"}, ...)
   * @return the value, for chaining
   * @throws NullPointerException if {@code value} is null
   * @throws IllegalArgumentException if it is larger than {@link #maxValueBytes()}
   */
  public byte[] checkValue(byte[] value, String name) {
    if (value == null) {
      throw new NullPointerException(name + " must not be null");
    }
    if (value.length > maxValueBytes) {
      throw new IllegalArgumentException(name + " is " + value.length
          + " bytes, over the limit of " + maxValueBytes + " (EntryLimits.maxValueBytes)");
    }
    return value;
  }
}

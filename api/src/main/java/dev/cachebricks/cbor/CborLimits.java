package dev.cachebricks.cbor;

import dev.cachebricks.CacheConfigException;
import dev.cachebricks.EntryLimits;

/**
 * Decode limits of a {@link CborCodec}, enforced while decoding (one pass, no pre-scan), so that
 * hostile input is rejected with a {@link CborLimitException} instead of exhausting memory or
 * stack. The defaults: 10,000 array elements, 10,000 map pairs, 16 nesting levels;
 * plus caps on declared string and byte-string lengths, on the whole document and on the chunks of
 * an indefinite-length string. A map with a duplicate key is rejected too, by default.
 *
 * @param maxArrayElements most elements in one array
 * @param maxMapPairs most key/value pairs in one map
 * @param maxNestingDepth deepest nesting of arrays and maps (a top-level map is depth 1)
 * @param maxStringLength longest text string, in chars
 * @param maxByteStringLength longest byte string, in bytes
 * @param maxDocumentLength largest input, in bytes
 * @param maxStringChunks most chunks in one indefinite-length text or byte string, so that the
 *     work of reading a string stays proportional to what it holds (a million empty chunks
 *     make an empty string)
 * @param rejectDuplicateKeys whether a map with a key twice is rejected (a {@link CborException})
 *     rather than decoded with the last value winning; keys are compared as decoded, so the
 *     integer key {@code 1} and the text key {@code "1"} are the same key
 */
public record CborLimits(
    int maxArrayElements,
    int maxMapPairs,
    int maxNestingDepth,
    int maxStringLength,
    int maxByteStringLength,
    int maxDocumentLength,
    int maxStringChunks,
    boolean rejectDuplicateKeys) {

  /** Default {@link #maxArrayElements()}. */
  public static final int DEFAULT_MAX_ARRAY_ELEMENTS = 10_000;
  /** Default {@link #maxMapPairs()}. */
  public static final int DEFAULT_MAX_MAP_PAIRS = 10_000;
  /** Default {@link #maxNestingDepth()}. */
  public static final int DEFAULT_MAX_NESTING_DEPTH = 16;
  /** Default {@link #maxStringLength()}: 1 Mi chars. */
  public static final int DEFAULT_MAX_STRING_LENGTH = 1 << 20;
  /** Default {@link #maxByteStringLength()}: 16 MiB, the largest cache value by default. */
  public static final int DEFAULT_MAX_BYTE_STRING_LENGTH = EntryLimits.DEFAULT_MAX_VALUE_BYTES;
  /** Default {@link #maxDocumentLength()}: 16 MiB, the largest cache value by default. */
  public static final int DEFAULT_MAX_DOCUMENT_LENGTH = EntryLimits.DEFAULT_MAX_VALUE_BYTES;

  /**
   * Default {@link #maxStringChunks()}: 4,096, enough for a streaming writer's 4 KiB chunks of a
   * 16 MiB byte string (the codec and the Go encoder never write chunks).
   */
  public static final int DEFAULT_MAX_STRING_CHUNKS = 4096;
  /**
   * Default {@link #rejectDuplicateKeys()}: true. A duplicate key is an ambiguity (which value
   * does a reader see?) that canonical writers never produce.
   */
  public static final boolean DEFAULT_REJECT_DUPLICATE_KEYS = true;

  /** The default limits. */
  public static final CborLimits DEFAULT = new CborLimits(DEFAULT_MAX_ARRAY_ELEMENTS,
      DEFAULT_MAX_MAP_PAIRS, DEFAULT_MAX_NESTING_DEPTH, DEFAULT_MAX_STRING_LENGTH,
      DEFAULT_MAX_BYTE_STRING_LENGTH, DEFAULT_MAX_DOCUMENT_LENGTH, DEFAULT_MAX_STRING_CHUNKS,
      DEFAULT_REJECT_DUPLICATE_KEYS);

  /**
   * Validates the limits.
   *
   * @param maxArrayElements most elements in one array, positive
   * @param maxMapPairs most key/value pairs in one map, positive
   * @param maxNestingDepth deepest nesting, positive
   * @param maxStringLength longest text string, positive
   * @param maxByteStringLength longest byte string, positive
   * @param maxDocumentLength largest input, positive
   * @param maxStringChunks most chunks in one indefinite-length string, positive
   * @param rejectDuplicateKeys whether a map with a key twice is rejected
   * @throws CacheConfigException naming the first limit that is not positive
   */
  public CborLimits {
    positive("maxArrayElements", maxArrayElements);
    positive("maxMapPairs", maxMapPairs);
    positive("maxNestingDepth", maxNestingDepth);
    positive("maxStringLength", maxStringLength);
    positive("maxByteStringLength", maxByteStringLength);
    positive("maxDocumentLength", maxDocumentLength);
    positive("maxStringChunks", maxStringChunks);
  }

  /**
   * Validates the size limits and takes the defaults for the other settings (at most
   * {@value #DEFAULT_MAX_STRING_CHUNKS} chunks per string, duplicate keys rejected).
   *
   * @param maxArrayElements most elements in one array, positive
   * @param maxMapPairs most key/value pairs in one map, positive
   * @param maxNestingDepth deepest nesting, positive
   * @param maxStringLength longest text string, positive
   * @param maxByteStringLength longest byte string, positive
   * @param maxDocumentLength largest input, positive
   * @throws CacheConfigException naming the first limit that is not positive
   */
  public CborLimits(int maxArrayElements, int maxMapPairs, int maxNestingDepth,
      int maxStringLength, int maxByteStringLength, int maxDocumentLength) {
    this(maxArrayElements, maxMapPairs, maxNestingDepth, maxStringLength, maxByteStringLength,
        maxDocumentLength, DEFAULT_MAX_STRING_CHUNKS, DEFAULT_REJECT_DUPLICATE_KEYS);
  }

  /**
   * Returns a builder starting from the defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  private static void positive(String field, int value) {
    if (value <= 0) {
      throw new CacheConfigException(field, "must be positive, was " + value);
    }
  }

  /** Builds {@link CborLimits}; validation happens in {@link #build()}. Not thread-safe. */
  public static final class Builder {
    private int maxArrayElements = DEFAULT_MAX_ARRAY_ELEMENTS;
    private int maxMapPairs = DEFAULT_MAX_MAP_PAIRS;
    private int maxNestingDepth = DEFAULT_MAX_NESTING_DEPTH;
    private int maxStringLength = DEFAULT_MAX_STRING_LENGTH;
    private int maxByteStringLength = DEFAULT_MAX_BYTE_STRING_LENGTH;
    private int maxDocumentLength = DEFAULT_MAX_DOCUMENT_LENGTH;
    private int maxStringChunks = DEFAULT_MAX_STRING_CHUNKS;
    private boolean rejectDuplicateKeys = DEFAULT_REJECT_DUPLICATE_KEYS;

    private Builder() {}

    /**
     * Sets the most elements in one array.
     *
     * @param value positive
     * @return this builder
     */
    public Builder maxArrayElements(int value) {
      maxArrayElements = value;
      return this;
    }

    /**
     * Sets the most key/value pairs in one map.
     *
     * @param value positive
     * @return this builder
     */
    public Builder maxMapPairs(int value) {
      maxMapPairs = value;
      return this;
    }

    /**
     * Sets the deepest nesting of arrays and maps.
     *
     * @param value positive
     * @return this builder
     */
    public Builder maxNestingDepth(int value) {
      maxNestingDepth = value;
      return this;
    }

    /**
     * Sets the longest text string, in chars.
     *
     * @param value positive
     * @return this builder
     */
    public Builder maxStringLength(int value) {
      maxStringLength = value;
      return this;
    }

    /**
     * Sets the longest byte string, in bytes.
     *
     * @param value positive
     * @return this builder
     */
    public Builder maxByteStringLength(int value) {
      maxByteStringLength = value;
      return this;
    }

    /**
     * Sets the largest input, in bytes.
     *
     * @param value positive
     * @return this builder
     */
    public Builder maxDocumentLength(int value) {
      maxDocumentLength = value;
      return this;
    }

    /**
     * Sets the most chunks in one indefinite-length text or byte string.
     *
     * @param value positive
     * @return this builder
     */
    public Builder maxStringChunks(int value) {
      maxStringChunks = value;
      return this;
    }

    /**
     * Sets whether a map with a key twice is rejected ({@code true}, the default) or decoded
     * with the last value winning ({@code false}, Jackson's and the Go decoder's default).
     *
     * @param value whether duplicate keys are rejected
     * @return this builder
     */
    public Builder rejectDuplicateKeys(boolean value) {
      rejectDuplicateKeys = value;
      return this;
    }

    /**
     * Validates and builds the limits.
     *
     * @return the limits
     * @throws CacheConfigException naming the first limit that is not positive
     */
    public CborLimits build() {
      return new CborLimits(maxArrayElements, maxMapPairs, maxNestingDepth, maxStringLength,
          maxByteStringLength, maxDocumentLength, maxStringChunks, rejectDuplicateKeys);
    }
  }
}

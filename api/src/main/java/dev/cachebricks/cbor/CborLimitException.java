package dev.cachebricks.cbor;

/**
 * Decoding stopped because the input exceeded one of the {@link CborLimits}: too many array
 * elements or map pairs, too deep, a string or byte string declared too long, a document too
 * large, or an indefinite-length string in too many chunks. Raised while decoding, before the
 * offending data is materialised, so hostile input cannot exhaust memory.
 */
public class CborLimitException extends CborException {

  private static final long serialVersionUID = 1L;

  /** The name of the exceeded limit, e.g. {@code "maxArrayElements"}. */
  private final String limit;
  /** The configured value of that limit. */
  private final long maximum;

  /**
   * Creates the exception.
   *
   * @param limit the name of the exceeded limit, as in {@link CborLimits}
   * @param maximum the configured value of that limit
   * @param cause the underlying failure, may be {@code null}
   */
  public CborLimitException(String limit, long maximum, Throwable cause) {
    super("cbor: input exceeds " + limit + " (" + maximum + ")", cause);
    this.limit = limit;
    this.maximum = maximum;
  }

  /**
   * Returns the name of the exceeded limit ({@code maxArrayElements}, {@code maxMapPairs},
   * {@code maxNestingDepth}, {@code maxStringLength}, {@code maxByteStringLength},
   * {@code maxDocumentLength}, {@code maxStringChunks}).
   *
   * @return the limit's name
   */
  public String limit() {
    return limit;
  }

  /**
   * Returns the configured value of the exceeded limit.
   *
   * @return the maximum
   */
  public long maximum() {
    return maximum;
  }
}

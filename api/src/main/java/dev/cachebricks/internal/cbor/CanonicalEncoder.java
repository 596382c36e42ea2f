package dev.cachebricks.internal.cbor;

import dev.cachebricks.cbor.CborException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectWriter;

/**
 * Encodes values as canonical CBOR, on Jackson's own {@code writeValueAsBytes} path: the
 * mapper's factory makes a {@link CanonicalGenerator}, which writes the common case (POJOs with a
 * stable set of properties, already emitted in canonical key order by the mapper) canonically as
 * it goes and runs {@link Canonicalizer} over the rest when it closes. Thread-safe.
 *
 * <p>Internal: not part of the public API.
 */
public final class CanonicalEncoder {

  private final ObjectWriter writer;
  private final ObjectWriter unlearned;

  /**
   * Creates an encoder.
   *
   * @param writer a writer of a mapper from {@link CborMappers#mapper}
   * @throws IllegalArgumentException if the writer is not from that mapper
   */
  public CanonicalEncoder(ObjectWriter writer) {
    if (!(writer.generatorFactory() instanceof CanonicalCborFactory)) {
      throw new IllegalArgumentException("not a writer of CborMappers.mapper");
    }
    this.writer = writer;
    this.unlearned = writer.withAttribute(CanonicalGenerator.NO_LEARNING, Boolean.TRUE);
  }

  /**
   * Encodes a value canonically.
   *
   * @param value the value (may be null)
   * @return the CBOR bytes
   * @throws CborException if the value cannot be encoded
   */
  public byte[] encode(Object value) {
    try {
      try {
        return writer.writeValueAsBytes(value);
      } catch (RuntimeException e) {
        if (!isRetry(e)) {
          throw e;
        }
        return unlearned.writeValueAsBytes(value); // a learned count was wrong
      }
    } catch (JacksonException | IllegalArgumentException | IllegalStateException e) {
      throw new CborException("cbor: cannot encode "
          + (value == null ? "null" : value.getClass().getName()) + ": " + e.getMessage(), e);
    }
  }

  private static boolean isRetry(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof CanonicalGenerator.Retry) {
        return true;
      }
    }
    return false;
  }
}

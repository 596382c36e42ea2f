package dev.cachebricks.internal.cbor;

import dev.cachebricks.CborException;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.core.JacksonException;
import tools.jackson.core.util.ByteArrayBuilder;
import tools.jackson.databind.ObjectWriter;

/**
 * Encodes values as canonical CBOR. Jackson serializes through a {@link CanonicalGenerator},
 * which writes the common case (POJOs with a stable set of properties, already emitted in
 * canonical key order by the mapper) canonically as it goes; only output it flags as not
 * canonical goes through the {@link Canonicalizer} pass. Thread-safe.
 *
 * <p>Internal: not part of the public API.
 */
public final class CanonicalEncoder {

  private final ObjectWriter writer;
  private final ClassValue<AtomicInteger> counts = new ClassValue<>() {
    @Override
    protected AtomicInteger computeValue(Class<?> type) {
      return new AtomicInteger(CanonicalGenerator.UNKNOWN);
    }
  };

  /**
   * Creates an encoder.
   *
   * @param writer a writer of a mapper from {@link CborMappers#mapper}
   */
  public CanonicalEncoder(ObjectWriter writer) {
    this.writer = writer;
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
        return encode(value, true);
      } catch (Retry e) {
        return encode(value, false); // a learned property count was wrong; now it is unstable
      }
    } catch (JacksonException | IllegalArgumentException | IllegalStateException e) {
      throw new CborException("cbor: cannot encode "
          + (value == null ? "null" : value.getClass().getName()) + ": " + e.getMessage(), e);
    }
  }

  private byte[] encode(Object value, boolean learn) {
    ByteArrayBuilder out = new ByteArrayBuilder();
    CanonicalGenerator g = new CanonicalGenerator(writer.createGenerator(out), counts, learn);
    try {
      writer.writeValue(g, value);
      g.close();
    } catch (JacksonException e) {
      if (g.retry) {
        throw new Retry();
      }
      throw e;
    }
    byte[] bytes = out.toByteArray();
    return g.dirty ? Canonicalizer.canonicalize(bytes) : bytes;
  }

  /** A learned count was wrong: encode again without learned counts. */
  private static final class Retry extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Retry() {
      super(null, null, false, false);
    }
  }
}

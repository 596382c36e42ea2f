package dev.cachebricks.cbor;

import dev.cachebricks.internal.cbor.CanonicalEncoder;
import dev.cachebricks.internal.cbor.CborMappers;
import java.lang.reflect.Type;
import java.util.Objects;
import tools.jackson.databind.ObjectReader;
import tools.jackson.dataformat.cbor.CBORMapper;

/**
 * A reusable, typed CBOR codec: built once (its Jackson reader is pre-built), then used from any
 * number of threads. Get one from {@link Cbor#codec(Class)}.
 *
 * <pre>{@code
 * static final CborCodec<User> USERS = Cbor.codec(User.class);
 * cache.set("user:123", USERS.encode(user), Duration.ofMinutes(5));
 * User back = USERS.decode(cache.get("user:123").orElseThrow());
 * }</pre>
 *
 * <p>Encoding is canonical (definite lengths, sorted keys, {@link CborKey} integer keys, RFC 3339
 * instants); decoding enforces the codec's {@link CborLimits} as it parses. Thread-safe and
 * immutable.
 *
 * @param <T> the value type
 */
public final class CborCodec<T> {

  private final CBORMapper mapper;
  private final ObjectReader reader;
  private final CanonicalEncoder encoder;
  private final CborLimits limits;
  private final String typeName;

  CborCodec(CBORMapper mapper, Type type, CborLimits limits) {
    this.mapper = mapper;
    this.reader = mapper.readerFor(mapper.constructType(type));
    this.encoder = new CanonicalEncoder(mapper.writer());
    this.limits = limits;
    this.typeName = type.getTypeName();
  }

  /**
   * Encodes a value.
   *
   * @param value the value (may be null, encoded as CBOR null)
   * @return the CBOR bytes
   * @throws CborException if the value cannot be encoded
   */
  public byte[] encode(T value) {
    return encoder.encode(value);
  }

  /**
   * Decodes bytes, enforcing the limits while parsing.
   *
   * @param data the CBOR bytes
   * @return the value
   * @throws NullPointerException if {@code data} is null
   * @throws CborLimitException if the input exceeds a limit
   * @throws CborException if the bytes are not valid CBOR of this type
   */
  public T decode(byte[] data) {
    Objects.requireNonNull(data, "data must not be null");
    return CborMappers.decode(mapper, reader, limits, data, typeName);
  }

  /**
   * Returns the limits this codec enforces.
   *
   * @return the limits
   */
  public CborLimits limits() {
    return limits;
  }

  @Override
  public String toString() {
    return "CborCodec[" + typeName + "]";
  }
}

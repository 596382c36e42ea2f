package dev.cachebricks.cbor;

import dev.cachebricks.internal.cbor.CanonicalEncoder;
import dev.cachebricks.internal.cbor.CborMappers;
import java.lang.reflect.Type;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.dataformat.cbor.CBORMapper;

/**
 * CBOR for cache values: {@link #marshal}, {@link #unmarshal}, {@link #mustMarshal} and
 * {@link #mustUnmarshal}, plus reusable typed codecs ({@link #codec(Class)}). Built on Jackson's
 * CBOR dataformat; the bytes are those of the widely used Go library fxamacker/cbor in its
 * canonical configuration, so Java and Go services can share values and compare them by content.
 *
 * <pre>{@code
 * record User(@CborKey(1) long id, @CborKey(2) String name, @CborKey(3) String email) {}
 *
 * byte[] data = Cbor.marshal(new User(123, "Alice", "alice@example.com"));
 * User user = Cbor.unmarshal(data, User.class);
 * }</pre>
 *
 * <p><b>Encoding</b> is canonical: definite-length maps and arrays, map keys in RFC 7049 canonical
 * order (shorter encoded key first, then bytewise — so integer keys come before text keys),
 * {@link CborKey} properties under integer keys, instants as RFC 3339 text with the shortest
 * fraction, as Go's {@code RFC3339Nano} writes them ({@code 2024-01-02T03:04:05.1234Z},
 * {@code 2024-01-02T03:04:05Z}; decode accepts any fraction and an offset; {@code java.util.Date}
 * alike, and an {@code OffsetDateTime} keeps its offset both ways, as a Go {@code time.Time} does),
 * BigIntegers beyond 64 bits as standard bignum tags, doubles and floats as 64- and 32-bit floats
 * but NaN and the infinities as the 2-byte floats Go writes ({@code f97e00}, {@code f97c00},
 * {@code f9fc00}). Jackson annotations work as usual: {@code @JsonIgnore} skips a field,
 * {@code @JsonProperty} renames, and {@code @JsonInclude(NON_DEFAULT)} on a property omits empty
 * values as Go's {@code omitempty} does: null, empty strings, collections, maps and arrays,
 * {@code false}, and {@code 0} or {@code ±0.0} of a primitive are left out, byte for byte as the Go
 * encoder leaves them out ({@code NON_EMPTY} still writes {@code 0} and {@code false}). Unknown
 * properties are ignored on decode, and a missing or null primitive reads as its zero value, as in
 * Go.
 *
 * <p><b>Decoding</b> enforces {@link CborLimits} in the same pass (defaults: 10,000 array
 * elements, 10,000 map pairs, 16 nesting levels, and caps on declared string, byte-string and
 * document lengths); exceeding one is a {@link CborLimitException}, never an
 * {@link OutOfMemoryError}. It is as strict as the Go decoder, and stricter where that one is
 * lenient: ill-formed UTF-8 is rejected wherever it appears (also in skipped
 * properties); tags count toward the nesting depth with arrays and maps; a map with a
 * duplicate key is rejected ({@link CborLimits#rejectDuplicateKeys()}); trailing bytes after
 * the value are rejected. Every failure is a {@link CborException}.
 *
 * <p>Thread-safe. The static methods use a codec per class with the default limits, cached.
 */
public final class Cbor {

  private static final CBORMapper DEFAULT_MAPPER = CborMappers.mapper(CborLimits.DEFAULT);
  private static final CanonicalEncoder DEFAULT_ENCODER =
      new CanonicalEncoder(DEFAULT_MAPPER.writer());
  private static final Map<Type, CborCodec<?>> DEFAULT_CODECS = new ConcurrentHashMap<>();

  private Cbor() {}

  /**
   * Encodes a value.
   *
   * @param value the value
   * @return the CBOR bytes
   * @throws CborException if the value cannot be encoded
   */
  public static byte[] marshal(Object value) {
    return DEFAULT_ENCODER.encode(value);
  }

  /**
   * Decodes bytes into a value of {@code type} with the default limits.
   *
   * @param data the CBOR bytes
   * @param type the target type
   * @param <T> the target type
   * @return the value
   * @throws CborLimitException if the input exceeds a limit
   * @throws CborException if the bytes are not valid CBOR of that type
   */
  public static <T> T unmarshal(byte[] data, Class<T> type) {
    return codec(type).decode(data);
  }

  /**
   * Like {@link #marshal(Object)}, for values known to encode: a failure is a programming
   * error.
   *
   * @param value the value
   * @return the CBOR bytes
   * @throws IllegalStateException wrapping the {@link CborException} if encoding fails
   */
  public static byte[] mustMarshal(Object value) {
    try {
      return marshal(value);
    } catch (CborException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /**
   * Like {@link #unmarshal(byte[], Class)}, for data known to be valid: a failure is a
   * programming error.
   *
   * @param data the CBOR bytes
   * @param type the target type
   * @param <T> the target type
   * @return the value
   * @throws IllegalStateException wrapping the {@link CborException} if decoding fails
   */
  public static <T> T mustUnmarshal(byte[] data, Class<T> type) {
    try {
      return unmarshal(data, type);
    } catch (CborException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /**
   * Returns the reusable codec of {@code type} with the default limits (cached).
   *
   * @param type the value type
   * @param <T> the value type
   * @return the codec
   */
  @SuppressWarnings("unchecked")
  public static <T> CborCodec<T> codec(Class<T> type) {
    Objects.requireNonNull(type, "type must not be null");
    return (CborCodec<T>) DEFAULT_CODECS.computeIfAbsent(type,
        t -> new CborCodec<>(DEFAULT_MAPPER, t, CborLimits.DEFAULT));
  }

  /**
   * Returns a new codec of {@code type} with custom limits. Build it once and keep it: it holds
   * its own Jackson mapper.
   *
   * @param type the value type
   * @param limits the decode limits
   * @param <T> the value type
   * @return the codec
   */
  public static <T> CborCodec<T> codec(Class<T> type, CborLimits limits) {
    Objects.requireNonNull(type, "type must not be null");
    Objects.requireNonNull(limits, "limits must not be null");
    return new CborCodec<>(CborMappers.mapper(limits), type, limits);
  }
}

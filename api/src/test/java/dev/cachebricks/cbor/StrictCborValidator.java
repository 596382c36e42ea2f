package dev.cachebricks.cbor;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;

/**
 * A strict reference for what a decoder with the seed's limits may accept, written independently
 * of the codec (and of Jackson): exactly one well-formed data item (RFC 8949 appendix C: no
 * reserved additional information, breaks only in indefinite-length items, chunks of their own
 * string type and definite, simple values 24..31 never in two bytes), text well-formed UTF-8 in
 * every chunk (checked with the JDK's strict decoder), no map with two equal keys (compared by
 * value), at most 10,000 array elements and map pairs, 4,096 chunks per string, and 16 levels
 * of nesting counted as the Go decoder counts them (an array or map is a level; a run of n tags
 * is n - 1 levels).
 */
final class StrictCborValidator {

  static final int MAX_DEPTH = 16;
  static final int MAX_ELEMENTS = 10_000;
  static final int MAX_PAIRS = 10_000;
  static final int MAX_CHUNKS = 4_096;

  private static final Object NOT_A_KEY = new Object();

  private final byte[] in;
  private int pos;

  private StrictCborValidator(byte[] in) {
    this.in = in;
  }

  /**
   * Returns why {@code data} must be rejected, or null if a strict decoder may accept it.
   *
   * @param data the input
   * @return the reason, or null
   */
  static String reject(byte[] data) {
    StrictCborValidator v = new StrictCborValidator(data);
    try {
      v.item(0);
      if (v.pos != data.length) {
        return "trailing bytes at " + v.pos;
      }
      return null;
    } catch (Invalid e) {
      return e.getMessage();
    }
  }

  private static final class Invalid extends Exception {
    private static final long serialVersionUID = 1L;

    Invalid(String message) {
      super(message, null, false, false);
    }
  }

  private int next() throws Invalid {
    if (pos >= in.length) {
      throw new Invalid("truncated");
    }
    return in[pos++] & 0xff;
  }

  /** The argument of a head with additional information {@code info} (unsigned, as a long). */
  private long argument(int info) throws Invalid {
    if (info < 24) {
      return info;
    }
    if (info > 27) {
      throw new Invalid("reserved additional information " + info + " at " + (pos - 1));
    }
    long value = 0;
    for (int i = 0, n = 1 << (info - 24); i < n; i++) {
      value = (value << 8) | next();
    }
    return value;
  }

  private byte[] take(long length) throws Invalid {
    if (length < 0 || length > in.length - pos) {
      throw new Invalid("truncated string");
    }
    byte[] bytes = java.util.Arrays.copyOfRange(in, pos, pos + (int) length);
    pos += (int) length;
    return bytes;
  }

  private static String utf8(byte[] bytes) throws Invalid {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new Invalid("ill-formed UTF-8");
    }
  }

  /**
   * Reads one data item inside {@code depth} levels and returns what it is equal to as a map key
   * (integers by value, text by its characters, bytes by their content).
   */
  private Object item(int depth) throws Invalid {
    int start = pos;
    int initial = next();
    int major = initial >>> 5;
    int info = initial & 31;
    switch (major) {
      case 0, 1 -> {
        if (info == 31) {
          throw new Invalid("indefinite integer");
        }
        BigInteger value = new BigInteger(Long.toUnsignedString(argument(info)));
        return major == 0 ? value : value.negate().subtract(BigInteger.ONE);
      }
      case 2, 3 -> {
        if (info != 31) {
          byte[] bytes = take(argument(info));
          return major == 3 ? "t" + utf8(bytes) : "b" + HexFormat.of().formatHex(bytes);
        }
        StringBuilder whole = new StringBuilder(major == 3 ? "t" : "b");
        int chunks = 0;
        while (true) {
          int head = next();
          if (head == 0xff) {
            return whole.toString();
          }
          if (head >>> 5 != major || (head & 31) == 31) {
            throw new Invalid("bad chunk at " + (pos - 1));
          }
          if (++chunks > MAX_CHUNKS) {
            throw new Invalid("too many chunks");
          }
          byte[] bytes = take(argument(head & 31));
          whole.append(major == 3 ? utf8(bytes) : HexFormat.of().formatHex(bytes));
        }
      }
      case 4, 5 -> {
        if (depth + 1 > MAX_DEPTH) {
          throw new Invalid("deeper than " + MAX_DEPTH);
        }
        boolean indefinite = info == 31;
        long declared = indefinite ? -1 : argument(info);
        long limit = major == 4 ? MAX_ELEMENTS : MAX_PAIRS;
        if (declared > limit) {
          throw new Invalid("too many entries");
        }
        Set<Object> keys = major == 5 ? new HashSet<>() : null;
        for (long n = 0; indefinite || n < declared; n++) {
          if (indefinite) {
            if (pos < in.length && (in[pos] & 0xff) == 0xff) {
              pos++;
              break;
            }
            if (n >= limit) {
              throw new Invalid("too many entries");
            }
          }
          Object key = item(depth + 1);
          if (keys != null) {
            if (key != NOT_A_KEY && !keys.add(key)) {
              throw new Invalid("duplicate key " + key);
            }
            item(depth + 1);
          }
        }
        return NOT_A_KEY;
      }
      case 6 -> {
        if (info == 31) {
          throw new Invalid("indefinite tag");
        }
        argument(info);
        int run = 1;
        while (pos < in.length && (in[pos] & 0xe0) == 0xc0) {
          next();
          argument(in[pos - 1] & 31);
          if (depth + run > MAX_DEPTH) { // this run is now run + 1 tags: run more levels
            throw new Invalid("tags deeper than " + MAX_DEPTH);
          }
          run++;
        }
        item(depth + run - 1);
        return "r" + HexFormat.of().formatHex(in, start, pos);
      }
      default -> {
        if (info == 31) {
          throw new Invalid("break outside an indefinite-length item at " + start);
        }
        if (info == 24 && next() < 32) {
          throw new Invalid("simple value below 32 in two bytes");
        }
        argument(info == 24 ? 0 : info); // floats: 2, 4 or 8 bytes
        return "r" + HexFormat.of().formatHex(in, start, pos);
      }
    }
  }
}

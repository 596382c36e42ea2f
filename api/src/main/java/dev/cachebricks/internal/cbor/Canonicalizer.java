package dev.cachebricks.internal.cbor;

import java.util.Arrays;
import tools.jackson.core.SerializableString;

/**
 * Rewrites the CBOR that Jackson streams out into canonical CBOR, the way the seed's Go encoder is
 * configured, in one linear pass over the bytes.
 *
 * <ul>
 *   <li>Every map, array, text and byte string gets a definite length (Jackson writes POJOs as
 *       indefinite-length maps and strings longer than about 4,000 characters as chunks).
 *   <li>Map keys are in RFC 7049 canonical order: shorter encoded key first, then bytewise. The
 *       codec's serializer modifier already emits bean properties in that order, so a map is only
 *       re-ordered when it was not (a {@code java.util.Map}, an any-getter).
 *   <li>Bignums (tags 2 and 3) whose magnitude fits 64 bits become plain integers; larger ones
 *       lose leading zero bytes.
 * </ul>
 *
 * <p>Integers and floats are copied as Jackson wrote them: the mapper is configured for minimal
 * integers and keeps doubles at 64 bits. Not thread-safe; one instance per encode.
 */
final class Canonicalizer {

  private static final byte BREAK = (byte) 0xFF;

  private final byte[] in;
  /** Read position in {@code in}. */
  private int pos;
  /** Start of the input bytes that are canonical as they are and not yet copied to {@code out}. */
  private int pending;
  private byte[] out;
  private int len;

  private Canonicalizer(byte[] in) {
    this.in = in;
  }

  /**
   * Returns the canonical form of one CBOR data item.
   *
   * @param in exactly one well-formed data item, as Jackson's CBOR generator writes it
   * @return canonical bytes ({@code in} itself when it already was canonical)
   * @throws IllegalStateException if {@code in} is not one well-formed data item
   */
  static byte[] canonicalize(byte[] in) {
    Canonicalizer c = new Canonicalizer(in);
    try {
      c.item();
    } catch (ArrayIndexOutOfBoundsException e) {
      throw new IllegalStateException("cbor: truncated value", e);
    }
    if (c.pos != in.length) {
      throw new IllegalStateException("cbor: trailing bytes after the encoded value");
    }
    if (c.out == null) {
      return in; // nothing was edited
    }
    c.flush(c.pos);
    return c.len == c.out.length ? c.out : Arrays.copyOf(c.out, c.len);
  }

  /**
   * Reads one data item at {@code pos}. Items that are canonical as written are only skipped
   * (copied later in bulk); edits flush the pending bytes first.
   */
  private void item() {
    int at = pos;
    int initial = in[pos++] & 0xff;
    int info = initial & 31;
    switch (initial >>> 5) {
      case 0, 1 -> skipArgument(info);
      case 2, 3 -> {
        if (info == 31) {
          indefiniteString(at, initial >>> 5);
        } else {
          skip(argument(info));
        }
      }
      case 4 -> {
        if (info == 31) {
          indefiniteArray(at);
        } else {
          for (long n = argument(info); n > 0; n--) {
            item();
          }
        }
      }
      case 5 -> map(at, info);
      case 6 -> tag(at, argument(info));
      default -> {
        if (info >= 28) {
          throw new IllegalStateException("cbor: unexpected byte " + initial);
        }
        skipArgument(info);
      }
    }
  }

  private void indefiniteString(int at, int major) {
    int total = 0;
    int scan = pos;
    while (in[scan] != BREAK) {
      int chunk = in[scan++] & 0xff;
      if (chunk >>> 5 != major || (chunk & 31) == 31) {
        throw new IllegalStateException("cbor: bad chunk in an indefinite-length string");
      }
      pos = scan;
      int n = length(argument(chunk & 31));
      scan = pos + n;
      total = Math.addExact(total, n);
    }
    pos = at + 1;
    flush(at);
    head(major, total);
    while (in[pos] != BREAK) {
      int n = length(argument(in[pos++] & 31));
      write(pos, n);
      pos += n;
    }
    pos++;
    pending = pos;
  }

  private void indefiniteArray(int at) {
    flush(at);
    pending = pos;
    int start = len;
    long count = 0;
    while (in[pos] != BREAK) {
      item();
      count++;
    }
    flush(pos);
    pending = ++pos;
    insertHead(start, 4, count);
  }

  private void map(int at, int info) {
    boolean indefinite = info == 31;
    long declared = indefinite ? -1 : argument(info);
    int start = -1;
    if (indefinite) {
      flush(at);
      pending = pos;
      start = len;
    }
    // Where the entries start in the output (no edits happened since the pending bytes began).
    int entriesOut = len + (pos - pending);
    boolean sorted = true;
    long count = 0;
    int prevStart = -1;
    int prevEnd = 0;
    while (indefinite ? in[pos] != BREAK : count < declared) {
      // Compare each key with the previous one, as written; a key the pass rewrites (a chunked
      // string, a bignum) is compared in its canonical form by sorting the entries.
      int keyStart = pos;
      int edits = pending;
      item();
      if (pending != edits
          || (prevStart >= 0 && compare(in, prevStart, prevEnd, in, keyStart, pos) > 0)) {
        sorted = false;
      }
      prevStart = keyStart;
      prevEnd = pos;
      item();
      count++;
    }
    if (!sorted) {
      flush(pos);
      sortEntries(entriesOut, count);
    }
    if (indefinite) {
      flush(pos);
      pending = ++pos;
      insertHead(start, 5, count);
    }
  }

  private void tag(int at, long tag) {
    if ((tag == 2 || tag == 3) && pos < in.length && (in[pos] & 0xff) >>> 5 == 2
        && (in[pos] & 31) != 31) {
      int n = length(argument(in[pos++] & 31));
      int from = pos;
      int end = pos + n;
      while (from < end && in[from] == 0) {
        from++;
      }
      if (from == pos && end - from > 8) { // a large bignum without leading zeros: as it is
        pos = end;
        return;
      }
      flush(at);
      if (end - from <= 8) { // fits 64 bits: a plain (negative) integer, as the Go encoder writes
        long value = 0;
        for (int i = from; i < end; i++) {
          value = (value << 8) | (in[i] & 0xff);
        }
        head(tag == 2 ? 0 : 1, value);
      } else {
        head(6, tag);
        head(2, end - from);
        write(from, end - from);
      }
      pos = end;
      pending = pos;
      return;
    }
    item();
  }

  /**
   * Returns how a property name is written as a map key: an integer key for an {@link
   * IntKeyName}, otherwise UTF-8 text.
   *
   * @param name a serialized property name
   * @return the encoded key, head included
   */
  static byte[] encodedKey(SerializableString name) {
    boolean intKey = name instanceof IntKeyName;
    byte[] text = intKey ? new byte[0] : name.asUnquotedUTF8();
    byte[] key = new byte[9 + text.length];
    int at = writeHead(key, 0, intKey ? 0 : 3, intKey ? ((IntKeyName) name).key : text.length);
    System.arraycopy(text, 0, key, at, text.length);
    return Arrays.copyOf(key, at + text.length);
  }

  /**
   * Orders encoded keys canonically: shorter first, then bytewise.
   *
   * @param a one encoded key
   * @param b another
   * @return the comparison
   */
  static int compareEncoded(byte[] a, byte[] b) {
    return compare(a, 0, a.length, b, 0, b.length);
  }

  // --- maps -------------------------------------------------------------------------------

  private static int compare(byte[] a, int aFrom, int aTo, byte[] b, int bFrom, int bTo) {
    int byLength = Integer.compare(aTo - aFrom, bTo - bFrom);
    return byLength != 0 ? byLength : Arrays.compareUnsigned(a, aFrom, aTo, b, bFrom, bTo);
  }

  /**
   * Re-orders the {@code count} entries written to {@code out} from {@code start} on, which are
   * canonical themselves. Stable: equal keys (which Jackson should never write) keep their order.
   */
  private void sortEntries(int start, long count) {
    int n = Math.toIntExact(count);
    int[] bounds = new int[2 * n + 1]; // key start, key end ... and the end of the last value
    int at = start;
    for (int i = 0; i < n; i++) {
      bounds[2 * i] = at;
      at = skipCanonical(out, at);
      bounds[2 * i + 1] = at;
      at = skipCanonical(out, at);
    }
    bounds[2 * n] = at;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> compare(out, bounds[2 * a], bounds[2 * a + 1],
        out, bounds[2 * b], bounds[2 * b + 1]));
    byte[] entries = Arrays.copyOfRange(out, start, at);
    int to = start;
    for (int i : order) {
      int from = bounds[2 * i];
      int size = bounds[2 * i + 2] - from;
      System.arraycopy(entries, from - start, out, to, size);
      to += size;
    }
  }

  /** Skips one definite-length item in {@code buf} (this pass's own output). */
  private static int skipCanonical(byte[] buf, int at) {
    int initial = buf[at] & 0xff;
    int info = initial & 31;
    int size = info < 24 ? 0 : 1 << (info - 24);
    long n = info;
    if (info >= 24) {
      n = 0;
      for (int i = 1; i <= size; i++) {
        n = (n << 8) | (buf[at + i] & 0xff);
      }
    }
    at += 1 + size;
    switch (initial >>> 5) {
      case 2, 3 -> at += (int) n;
      case 4 -> {
        for (long i = 0; i < n; i++) {
          at = skipCanonical(buf, at);
        }
      }
      case 5 -> {
        for (long i = 0; i < 2 * n; i++) {
          at = skipCanonical(buf, at);
        }
      }
      case 6 -> at = skipCanonical(buf, at);
      default -> { }
    }
    return at;
  }

  // --- reading ------------------------------------------------------------------------------

  private void skipArgument(int info) {
    if (info >= 24) {
      if (info > 27) {
        throw new IllegalStateException("cbor: unexpected additional information " + info);
      }
      pos += 1 << (info - 24);
      if (pos > in.length) {
        throw new IllegalStateException("cbor: truncated value");
      }
    }
  }

  /** The argument of a head whose initial byte had additional information {@code info}. */
  private long argument(int info) {
    if (info < 24) {
      return info;
    }
    if (info > 27) {
      throw new IllegalStateException("cbor: unexpected additional information " + info);
    }
    int size = 1 << (info - 24);
    long value = 0;
    for (int i = 0; i < size; i++) {
      value = (value << 8) | (in[pos++] & 0xff);
    }
    return value;
  }

  private int length(long n) {
    if (n < 0 || n > in.length - pos) {
      throw new IllegalStateException("cbor: truncated value");
    }
    return (int) n;
  }

  private void skip(long n) {
    pos += length(n);
  }

  // --- writing ------------------------------------------------------------------------------

  /** Copies the pending canonical input bytes up to {@code upTo} to the output. */
  private void flush(int upTo) {
    if (out == null) {
      out = new byte[in.length + 16];
    }
    write(pending, upTo - pending);
    pending = upTo;
  }

  private void write(int from, int n) {
    ensure(n);
    System.arraycopy(in, from, out, len, n);
    len += n;
  }

  /** Writes the shortest head of {@code major} with argument {@code n} (unsigned). */
  private void head(int major, long n) {
    ensure(9);
    len = writeHead(out, len, major, n);
  }

  /** Inserts a head before the bytes written since {@code at}. */
  private void insertHead(int at, int major, long n) {
    int size = headSize(n);
    ensure(size);
    System.arraycopy(out, at, out, at + size, len - at);
    writeHead(out, at, major, n);
    len += size;
  }

  /** Size of the shortest head with argument {@code n} (unsigned): 1, 2, 3, 5 or 9 bytes. */
  static int headSize(long n) {
    if (n >= 0 && n < 24) {
      return 1;
    } else if (n >= 0 && n < 0x100) {
      return 2;
    } else if (n >= 0 && n < 0x10000) {
      return 3;
    } else if (n >= 0 && n < 0x100000000L) {
      return 5;
    }
    return 9;
  }

  private static int writeHead(byte[] buf, int at, int major, long n) {
    int m = major << 5;
    int size = headSize(n);
    buf[at] = (byte) (m | (size == 1 ? (int) n : 23 + Integer.numberOfTrailingZeros(size - 1) + 1));
    for (int i = 1; i < size; i++) {
      buf[at + i] = (byte) (n >>> (8 * (size - 1 - i)));
    }
    return at + size;
  }

  private void ensure(int n) {
    if (len + n > out.length) {
      out = Arrays.copyOf(out, Math.max(out.length * 2, len + n));
    }
  }
}

package dev.cachebricks.internal.cbor;

/**
 * Well-formedness of UTF-8 as RFC 3629 defines it (the Unicode standard's table 3-7): no overlong
 * forms, no surrogates (U+D800..U+DFFF), nothing beyond U+10FFFF, no stray or missing
 * continuation bytes. Jackson's CBOR parser decodes such bytes leniently (an overlong
 * {@code C0 AF} becomes {@code /}), so the codec checks the bytes itself.
 */
final class Utf8 {

  private Utf8() {}

  /**
   * Tells whether {@code bytes[from..to)} is well-formed UTF-8.
   *
   * @param bytes the bytes
   * @param from first byte
   * @param to end, exclusive
   * @return true if every sequence is well-formed
   */
  static boolean isWellFormed(byte[] bytes, int from, int to) {
    int i = from;
    while (i < to) {
      int c = bytes[i];
      if (c >= 0) {
        i++;
        continue;
      }
      c &= 0xff;
      if (c < 0xc2) { // a continuation byte, or C0/C1 (always overlong)
        return false;
      } else if (c < 0xe0) {
        if (i + 1 >= to || !continuation(bytes[i + 1])) {
          return false;
        }
        i += 2;
      } else if (c < 0xf0) {
        if (i + 2 >= to) {
          return false;
        }
        int c1 = bytes[i + 1] & 0xff;
        if (!continuation(c1) || (c == 0xe0 && c1 < 0xa0) // overlong
            || (c == 0xed && c1 >= 0xa0) // a surrogate
            || !continuation(bytes[i + 2])) {
          return false;
        }
        i += 3;
      } else if (c < 0xf5) {
        if (i + 3 >= to) {
          return false;
        }
        int c1 = bytes[i + 1] & 0xff;
        if (!continuation(c1) || (c == 0xf0 && c1 < 0x90) // overlong
            || (c == 0xf4 && c1 >= 0x90) // beyond U+10FFFF
            || !continuation(bytes[i + 2]) || !continuation(bytes[i + 3])) {
          return false;
        }
        i += 4;
      } else {
        return false; // F5..FF never appear
      }
    }
    return true;
  }

  private static boolean continuation(int b) {
    return (b & 0xc0) == 0x80;
  }
}

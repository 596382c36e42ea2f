package dev.cachebricks.internal.cbor;

/**
 * Canonical order of text map keys, computed on the Java strings (no UTF-8 copy): a shorter
 * UTF-8 encoding first, then bytewise, which for UTF-8 is code point order.
 */
final class TextKeys {

  private TextKeys() {}

  /**
   * Compares two text keys canonically, given their UTF-8 lengths ({@link #utf8Length}, computed
   * once per key by the caller).
   *
   * @param a one key
   * @param aLength its UTF-8 length
   * @param b another
   * @param bLength its UTF-8 length
   * @return negative, zero or positive as {@code a} sorts before, with or after {@code b}
   */
  static int compare(String a, int aLength, String b, int bLength) {
    int byLength = Integer.compare(aLength, bLength);
    return byLength != 0 ? byLength : compareCodePoints(a, b);
  }

  /**
   * Returns the length of a string's UTF-8 encoding. Jackson refuses unpaired surrogates, so every
   * surrogate is half of a four-byte pair.
   *
   * @param s the string
   * @return its UTF-8 length
   */
  static int utf8Length(String s) {
    int length = s.length();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        length += c < 0x800 || Character.isSurrogate(c) ? 1 : 2; // a pair is 2 + 2
      }
    }
    return length;
  }

  /**
   * Compares in code point order, which is UTF-8 byte order ({@link String#compareTo} is UTF-16
   * order, which differs once surrogates are involved).
   *
   * @param a one string
   * @param b another
   * @return the comparison
   */
  private static int compareCodePoints(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char ca = a.charAt(i);
      char cb = b.charAt(i);
      if (ca != cb) {
        if (Character.isSurrogate(ca) || Character.isSurrogate(cb)) {
          return Integer.compare(a.codePointAt(i), b.codePointAt(i));
        }
        return Character.compare(ca, cb);
      }
    }
    return Integer.compare(a.length(), b.length());
  }
}

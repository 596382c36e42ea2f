package dev.cachebricks.internal.cbor;

import dev.cachebricks.cbor.CborLimitException;
import dev.cachebricks.cbor.CborLimits;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.HashSet;
import tools.jackson.core.Base64Variant;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.SerializableString;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.core.io.IOContext;
import tools.jackson.core.sym.ByteQuadsCanonicalizer;
import tools.jackson.core.sym.PropertyNameMatcher;
import tools.jackson.dataformat.cbor.CBORConstants;
import tools.jackson.dataformat.cbor.CBORParser;
import tools.jackson.dataformat.cbor.CBORReadContext;

/**
 * Jackson's CBOR parser with {@link CborLimits} enforced as it reads, failing with {@link
 * CborLimitException} the moment a limit is crossed. One pass: the limits are checked on the
 * very tokens databind consumes.
 *
 * <ul>
 *   <li>Nesting depth and a declared container length over its limit fail when the container
 *       starts, before anything inside it is read. Tags count toward the depth as in the Go
 *       decoder: a run of n tags in front of an item is n - 1 levels.
 *   <li>Array elements and map pairs are Jackson's own per-container index, checked after every
 *       way of advancing that Jackson implements itself ({@link #nextToken()}, the {@code
 *       nextName} shortcuts); the rest ({@code skipChildren}, {@code next*Value}) go through
 *       {@code nextToken}. A container start is checked against its parent's count too.
 *   <li>A byte string's declared length is checked before its bytes are copied; the chunks of
 *       an indefinite-length string are counted ({@link CborLimits#maxStringChunks()}) and, for
 *       a byte string, measured before Jackson reads or skips them.
 *   <li>Text must be well-formed UTF-8 ({@link Utf8}), in keys, values and skipped values alike,
 *       each chunk of an indefinite-length string on its own (RFC 8949): Jackson decodes
 *       ill-formed bytes leniently. Text that Jackson decodes is checked only when it was not
 *       all ASCII (one character per byte); text that is skipped is scanned.
 *   <li>String references (tag 256), which Jackson resolves and other decoders do not, are
 *       rejected.
 *   <li>A key that its map already has is rejected ({@link CborLimits#rejectDuplicateKeys()}),
 *       in maps that databind reads and in maps it skips.
 * </ul>
 */
final class LimitingParser extends CBORParser {

  private final CborLimits limits;
  /** The smaller of the two count limits: one comparison on the hot path. */
  private final int countFloor;
  /**
   * Nesting levels added by runs of tags, per Jackson nesting depth: index {@code d} holds the
   * levels in front of the containers enclosing depth {@code d}. Null until a run appears.
   */
  private int[] tagLevels;
  // The keys of the open maps, when duplicate keys are rejected. keySpans holds four ints per
  // nesting depth: where the container at that depth has its text keys in the flat array keys
  // (start and end; a child's start after its parent's end), a bit mask of the integer keys
  // 0..23 it had (the seed's keys: no string at all), and a bit mask of its text keys' hash
  // codes (cached in the strings), so that a key is compared with the others only when its bit
  // was set already. A map past SMALL_MAP text keys moves them to a hash set. Made on the first
  // map (keys on the first text key).
  private static final int SMALL_MAP = 16;
  private int[] keySpans;
  private String[] keys;
  private HashSet<String>[] bigMaps;

  LimitingParser(ObjectReadContext readCtxt, IOContext ioCtxt, int parserFeatures,
      int cborFeatures, ByteQuadsCanonicalizer symbols, byte[] data, int start, int end,
      CborLimits limits) {
    super(readCtxt, ioCtxt, parserFeatures, cborFeatures, symbols, null, data, start, end, false);
    this.limits = limits;
    this.countFloor = Math.min(limits.maxArrayElements(), limits.maxMapPairs());
  }

  // --- counts and keys ---------------------------------------------------------------------

  @Override
  public JsonToken nextToken() {
    scanTags();
    JsonToken token = super.nextToken();
    check();
    return token;
  }

  @Override
  public String nextName() {
    scanTags();
    String name = super.nextName();
    check();
    return name;
  }

  @Override
  public boolean nextName(SerializableString name) {
    scanTags();
    boolean matched = super.nextName(name);
    check();
    return matched;
  }

  @Override
  public int nextNameMatch(PropertyNameMatcher matcher) {
    scanTags();
    int match = super.nextNameMatch(matcher);
    check();
    return match;
  }

  /**
   * Rejects a run of tags too long for any depth before Jackson collects it (four bytes of
   * memory per tag byte). After a token Jackson has not finished, {@link #_skipIncomplete()}
   * looks instead, once it knows where the next token starts.
   */
  private void scanTags() {
    int at = _inputPtr;
    if (at < _inputEnd && (_inputBuffer[at] & 0xe0) == 0xc0 && !_tokenIncomplete) {
      tagRun(at);
    }
  }

  private void tagRun(int at) {
    int tags = 0;
    while (at < _inputEnd && (_inputBuffer[at] & 0xe0) == 0xc0) {
      if (++tags > limits.maxNestingDepth() + 1) {
        throw new CborLimitException("maxNestingDepth", limits.maxNestingDepth(), null);
      }
      at += 1 + argumentSize(_inputBuffer[at] & 31);
    }
  }

  /** Checks the token just read. */
  private void check() {
    JsonToken token = _currToken;
    if (token == JsonToken.PROPERTY_NAME) {
      key((int) (_tokenInputTotal - _currInputProcessed)); // where Jackson started the key
    }
    if (!_tagValues.isEmpty()) {
      if (token == JsonToken.END_ARRAY || token == JsonToken.END_OBJECT) {
        _reportError("cbor: a tag must be followed by a data item"); // Jackson took the break
      }
      if (token != JsonToken.START_ARRAY && token != JsonToken.START_OBJECT) {
        checkTagRun(_tagValues.size()); // a container's run was checked as it started
      }
    }
    checkCount(_streamReadContext);
  }

  /**
   * Checks the key just read, which started at {@code start} (its tags included): text, or a
   * byte string that Jackson reads as text, must be well-formed UTF-8; and the map must not
   * have had it.
   */
  private void key(int start) {
    CBORReadContext map = _streamReadContext;
    int initial = _inputBuffer[start] & 0xff;
    if (initial < 24) { // the seed's keys: a small integer, no tags
      if (keySpans != null) {
        checkDuplicate(initial, map);
      }
      return;
    }
    String name = map.currentName();
    if (initial >= 0x60 && initial < 0x78) { // the usual text key: short, no tags
      int length = initial - 0x60;
      if (name.length() != length) { // not all ASCII
        checkUtf8(start + 1, start + 1 + length);
      }
    } else {
      checkOtherKey(start, name);
    }
    if (keySpans != null) {
      int small = smallInteger(name);
      if (small >= 0) {
        checkDuplicate(small, map); // "1" fills the same property as the integer key 1
      } else {
        checkDuplicate(name, map);
      }
    }
  }

  /** A key with tags, a long, chunked or byte-string text key, or a larger integer. */
  private void checkOtherKey(int start, String name) {
    int at = start;
    while ((_inputBuffer[at] & 0xe0) == 0xc0) { // tags
      at += 1 + argumentSize(_inputBuffer[at] & 31);
    }
    int initial = _inputBuffer[at] & 0xff;
    int major = initial >>> 5;
    if (major != 2 && major != 3) {
      return; // an integer key
    }
    if ((initial & 31) == 31) {
      chunks(major, at + 1, true);
      return;
    }
    int from = at + 1 + argumentSize(initial & 31);
    if (major == 2) {
      checkUtf8(from, _inputPtr);
    } else {
      checkText(from, name.length());
    }
  }

  /** The context's index is the 0-based number of the element or pair being read. */
  private void checkCount(CBORReadContext context) {
    if (context.getCurrentIndex() >= countFloor) {
      if (context.inArray() && context.getCurrentIndex() >= limits.maxArrayElements()) {
        throw new CborLimitException("maxArrayElements", limits.maxArrayElements(), null);
      }
      if (context.inObject() && context.getCurrentIndex() >= limits.maxMapPairs()) {
        throw new CborLimitException("maxMapPairs", limits.maxMapPairs(), null);
      }
    }
  }

  // --- containers ---------------------------------------------------------------------------

  @Override
  protected void createChildArrayContext(int len) {
    enter(len, limits.maxArrayElements(), "maxArrayElements");
    super.createChildArrayContext(len);
  }

  @Override
  protected void createChildObjectContext(int len) {
    if (keySpans == null && limits.rejectDuplicateKeys()) {
      keySpans = new int[16]; // four levels; grown as maps nest deeper
    }
    enter(len, limits.maxMapPairs(), "maxMapPairs");
    super.createChildObjectContext(len);
  }

  /**
   * Checks a container about to open, one level below the current one; once it may open, its
   * keys (an array's too: its maps' keys) start after its parent's.
   */
  private void enter(int declaredLength, int limit, String name) {
    CBORReadContext parent = _streamReadContext;
    checkCount(parent); // this container is one more element of an enclosing array
    int depth = parent.getNestingDepth() + 1;
    if (_tagValues.contains(CBORConstants.TAG_ID_STRINGREF_NAMESPACE)) {
      // Jackson would resolve tag 25 inside it to earlier strings; other decoders, Go's among
      // them, read unknown tags: one payload, two meanings. Neither encoder writes it.
      _reportError("cbor: string references (tag 256) are not supported");
    }
    int levels = tagLevels(depth - 1) + Math.max(0, _tagValues.size() - 1);
    if (depth + levels > limits.maxNestingDepth()) {
      throw new CborLimitException("maxNestingDepth", limits.maxNestingDepth(), null);
    }
    if (levels > 0 || tagLevels != null) {
      if (tagLevels == null) {
        tagLevels = new int[limits.maxNestingDepth() + 2];
      }
      tagLevels[depth] = levels;
    }
    if (declaredLength > limit) {
      throw new CborLimitException(name, limit, null);
    }
    if (keySpans != null) {
      openKeys(depth);
    }
  }

  // --- duplicate keys -----------------------------------------------------------------------

  /** A container opens at {@code depth}: its keys start where its parent's end. */
  private void openKeys(int depth) {
    int at = 4 * depth;
    if (at + 4 > keySpans.length) {
      keySpans = Arrays.copyOf(keySpans, Math.max(2 * keySpans.length, at + 4));
    }
    int end = keySpans[at - 3];
    keySpans[at] = end;
    keySpans[at + 1] = end;
    keySpans[at + 2] = 0;
    keySpans[at + 3] = 0;
    if (bigMaps != null) {
      bigMaps[depth] = null;
    }
  }

  /** The value of a name that is an integer key 0..23 in decimal ("7", "23"), else -1. */
  private static int smallInteger(String name) {
    int n = name.length();
    if (n == 0 || n > 2) {
      return -1;
    }
    int d0 = name.charAt(0) - '0';
    if (n == 1) {
      return d0 >= 0 && d0 <= 9 ? d0 : -1;
    }
    int d1 = name.charAt(1) - '0';
    int value = 10 * d0 + d1;
    return d0 >= 1 && d0 <= 2 && d1 >= 0 && d1 <= 9 && value < 24 ? value : -1;
  }

  private void checkDuplicate(int smallKey, CBORReadContext map) {
    int at = 4 * map.getNestingDepth() + 2;
    int bit = 1 << smallKey;
    if ((keySpans[at] & bit) != 0) {
      duplicate(map.currentName());
    }
    keySpans[at] |= bit;
  }

  /**
   * Rejects a text key (or a larger integer key, by its name) that its map already had. Keys
   * compare as Jackson names them: integer key 300 and text key "300" are the same key.
   */
  @SuppressWarnings("unchecked")
  private void checkDuplicate(String name, CBORReadContext map) {
    int depth = map.getNestingDepth();
    int at = 4 * depth;
    int start = keySpans[at];
    int end = keySpans[at + 1];
    int bit = 1 << (name.hashCode() & 31);
    if ((keySpans[at + 3] & bit) != 0 || end - start == SMALL_MAP) { // maybe there already
      if (bigMaps != null && bigMaps[depth] != null) {
        if (!bigMaps[depth].add(name)) {
          duplicate(name);
        }
        return;
      }
      for (int i = start; i < end; i++) {
        if (keys[i].equals(name)) {
          duplicate(name);
        }
      }
      if (end - start == SMALL_MAP) { // a big map: hashed from now on
        if (bigMaps == null) {
          bigMaps = new HashSet[limits.maxNestingDepth() + 1];
        }
        HashSet<String> set = new HashSet<>(Arrays.asList(keys).subList(start, end));
        set.add(name);
        bigMaps[depth] = set;
        return;
      }
    }
    keySpans[at + 3] |= bit;
    if (keys == null) {
      keys = new String[SMALL_MAP];
    } else if (end == keys.length) {
      keys = Arrays.copyOf(keys, 2 * end);
    }
    keys[end] = name;
    keySpans[at + 1] = end + 1;
  }

  private void duplicate(String name) {
    _reportError("cbor: duplicate map key \"" + (name.length() <= 64 ? name
        : name.substring(0, 64) + "...") + "\"");
  }

  // --- tags ---------------------------------------------------------------------------------

  // The Go decoder counts a run of n tags before an item as n - 1 nesting levels (the first tag
  // of a run is free), on top of the arrays and maps around it.

  /** Levels added by tag runs in front of the containers enclosing {@code depth}, inclusive. */
  private int tagLevels(int depth) {
    return tagLevels == null ? 0 : tagLevels[depth];
  }

  /** Checks a run of {@code tags} tags in front of a scalar or a key in the current container. */
  private void checkTagRun(int tags) {
    if (tags > 1) {
      int depth = _streamReadContext.getNestingDepth();
      if (depth + tagLevels(depth) + tags - 1 > limits.maxNestingDepth()) {
        throw new CborLimitException("maxNestingDepth", limits.maxNestingDepth(), null);
      }
    }
  }

  @Override
  protected JsonToken _eofAsNextToken() {
    if (!_tagValues.isEmpty() && _currInputProcessed + _inputPtr > _tokenInputTotal) {
      // tags read since this token started, then the end: Jackson would drop them
      _reportError("cbor: a tag must be followed by a data item");
    }
    return super._eofAsNextToken();
  }

  @Override
  protected JsonToken _handleTaggedInt(TagList tags) {
    checkTagRun(tags.size()); // also reached from inside a decimal fraction, with its own list
    return super._handleTaggedInt(tags);
  }

  @Override
  protected JsonToken _handleTaggedBinary(TagList tags) {
    checkTagRun(tags.size()); // Jackson forgets the tags of a bignum once it is read
    return super._handleTaggedBinary(tags);
  }

  // --- text and byte strings ---------------------------------------------------------------

  @Override
  protected void _finishToken() {
    int initial = _typeByte;
    if (initial >>> 5 != 3) {
      super._finishToken();
      return;
    }
    int start = textStart(initial);
    super._finishToken();
    checkText(start, _textBuffer.size());
  }

  @Override
  protected String _finishTextToken(int initial) {
    int start = textStart(initial);
    String text = super._finishTextToken(initial);
    checkText(start, text.length());
    return text;
  }

  /**
   * Before Jackson decodes a text string whose head was {@code initial}: checks the chunks of an
   * indefinite-length one now and answers -1, else answers where its bytes start.
   */
  private int textStart(int initial) {
    if ((initial & 31) == 31) {
      chunks(3, _inputPtr, false);
      return -1;
    }
    return _inputPtr + argumentSize(initial & 31);
  }

  /**
   * After Jackson decoded {@code chars} characters from the bytes between {@code from} and
   * where it stopped: one character per byte is all ASCII, anything else is checked (-1: the
   * chunks were checked already).
   */
  private void checkText(int from, int chars) {
    if (from >= 0 && chars != _inputPtr - from) {
      checkUtf8(from, _inputPtr);
    }
  }

  @Override
  protected void _skipIncomplete() {
    int initial = _typeByte;
    int major = initial >>> 5;
    if ((initial & 31) == 31) {
      chunks(major, _inputPtr, false);
    } else if (major == 3) { // text is scanned even though nobody reads it
      int from = _inputPtr + argumentSize(initial & 31);
      long length = argument(_inputPtr, initial & 31);
      if (from <= _inputEnd && length <= _inputEnd - from) { // else Jackson reports the cut
        checkUtf8(from, from + (int) length);
      }
    }
    super._skipIncomplete();
    scanTags(); // Jackson has finished the token: the next one may start with tags
  }

  /**
   * Walks the chunks of an indefinite-length string whose first chunk head is at {@code at},
   * before Jackson reads or skips them: at most {@link CborLimits#maxStringChunks()} chunks,
   * and each text chunk well-formed UTF-8 on its own. Stops quietly at anything malformed (a
   * cut, a chunk of another type): Jackson reports those as it reads.
   *
   * @param major 2 (bytes) or 3 (text)
   * @param at where the first chunk's head is
   * @param asText whether byte-string chunks are read as text (a key)
   * @return the total length of the chunks walked
   */
  private long chunks(int major, int at, boolean asText) {
    byte[] in = _inputBuffer;
    int chunks = 0;
    long total = 0;
    while (at < _inputEnd) {
      int head = in[at] & 0xff;
      if (head == 0xff || head >>> 5 != major || (head & 31) > 27) {
        break;
      }
      if (++chunks > limits.maxStringChunks()) {
        throw new CborLimitException("maxStringChunks", limits.maxStringChunks(), null);
      }
      long length = argument(at + 1, head & 31);
      at += 1 + argumentSize(head & 31);
      if (at > _inputEnd || length > _inputEnd - at) {
        break;
      }
      if (major == 3 || asText) {
        checkUtf8(at, at + (int) length);
      }
      at += (int) length;
      total += length;
    }
    return total;
  }

  private void checkUtf8(int from, int to) {
    if (!Utf8.isWellFormed(_inputBuffer, from, to)) {
      _reportError("cbor: text is not well-formed UTF-8");
    }
  }

  /** Number of argument bytes after an initial byte with additional information {@code info}. */
  private static int argumentSize(int info) {
    return info < 24 ? 0 : info < 28 ? 1 << (info - 24) : 0;
  }

  /** The argument of a head whose argument bytes start at {@code at} (bounds checked). */
  private long argument(int at, int info) {
    if (info < 24) {
      return info;
    }
    int size = argumentSize(info);
    if (size == 0 || at + size > _inputEnd) {
      return Long.MAX_VALUE;
    }
    long value = 0;
    for (int i = 0; i < size; i++) {
      value = (value << 8) | (_inputBuffer[at + i] & 0xff);
    }
    return value < 0 ? Long.MAX_VALUE : value;
  }

  @Override
  protected byte[] _finishBytes(int len) {
    if (len < 0) { // chunked: counted and measured before Jackson copies anything
      checkBytes(chunks(2, _inputPtr, false));
    }
    checkBytes(len);
    return super._finishBytes(len);
  }

  @Override
  public byte[] getBinaryValue(Base64Variant variant) {
    byte[] value = super.getBinaryValue(variant);
    if (value != null) {
      checkBytes(value.length); // text decoded as base64
    }
    return value;
  }

  @Override
  public int readBinaryValue(Base64Variant variant, OutputStream out) {
    byte[] value = getBinaryValue(variant); // not Jackson's streaming copy, which skips the check
    try {
      out.write(value);
    } catch (IOException e) {
      throw JacksonIOException.construct(e);
    }
    return value.length;
  }

  private void checkBytes(long length) {
    if (length > limits.maxByteStringLength()) {
      throw new CborLimitException("maxByteStringLength", limits.maxByteStringLength(), null);
    }
  }
}

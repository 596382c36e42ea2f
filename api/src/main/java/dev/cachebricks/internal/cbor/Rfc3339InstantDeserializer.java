package dev.cachebricks.internal.cbor;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.Year;
import java.time.format.DateTimeFormatter;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonTokenId;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.ext.javatime.deser.InstantDeserializer;

/**
 * Jackson's {@link Instant} deserializer with a direct parse of the one shape the codec writes
 * and the Go encoder writes: RFC 3339, {@code 2024-01-02T03:04:05[.f{1,9}](Z|±hh:mm)}. Jackson
 * parses every instant through {@link DateTimeFormatter#ISO_INSTANT}, a general parser that
 * costs about a quarter of decoding a small struct with one instant; this reads the digits
 * directly. Anything else (other shapes, whitespace, out-of-range fields, leap seconds, numbers,
 * a {@code @JsonFormat} on the property, millisecond truncation) goes to Jackson unchanged, so
 * the result is always the one Jackson gives: the parse only answers for text that Jackson reads
 * to the same instant.
 */
final class Rfc3339InstantDeserializer extends InstantDeserializer<Instant> {

  private static final long serialVersionUID = 1L;

  Rfc3339InstantDeserializer() {
    super(InstantDeserializer.INSTANT, DateTimeFormatter.ISO_INSTANT);
  }

  @Override
  public Instant deserialize(JsonParser p, DeserializationContext ctxt) {
    if (p.currentTokenId() == JsonTokenId.ID_STRING
        && !ctxt.isEnabled(DateTimeFeature.TRUNCATE_TO_MSECS_ON_READ)) {
      Instant instant = parse(p.getString());
      if (instant != null) {
        return instant;
      }
    }
    return super.deserialize(p, ctxt);
  }

  /**
   * Parses {@code yyyy-mm-ddThh:mm:ss[.f{1,9}](Z|±hh:mm)} with every field in range (seconds
   * 0-59, offsets under 18 hours).
   *
   * @param text the text
   * @return the instant, or null if the text has any other shape
   */
  static Instant parse(String text) {
    int length = text.length();
    if (length < 20 || length > 35 || text.charAt(4) != '-' || text.charAt(7) != '-'
        || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':') {
      return null;
    }
    int year = number(text, 0, 4);
    int month = number(text, 5, 2);
    int day = number(text, 8, 2);
    int hour = number(text, 11, 2);
    int minute = number(text, 14, 2);
    int second = number(text, 17, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0
        || minute > 59 || second < 0 || second > 59
        || day > Month.of(month).length(Year.isLeap(year))) {
      return null;
    }
    int at = 19;
    int nano = 0;
    if (text.charAt(at) == '.') {
      int digits = 0;
      while (++at < length && digits < 10) {
        int d = text.charAt(at) - '0';
        if (d < 0 || d > 9) {
          break;
        }
        nano = 10 * nano + d;
        digits++;
      }
      if (digits == 0 || digits > 9) {
        return null;
      }
      for (int i = digits; i < 9; i++) {
        nano *= 10;
      }
    }
    int offset = offsetSeconds(text, at);
    if (offset == Integer.MIN_VALUE) {
      return null;
    }
    long days = LocalDate.of(year, month, day).toEpochDay();
    long seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset;
    return Instant.ofEpochSecond(seconds, nano);
  }

  /** The offset {@code Z} or {@code ±hh:mm} ending the text at {@code at}, else MIN_VALUE. */
  private static int offsetSeconds(String text, int at) {
    int rest = text.length() - at;
    if (rest == 1) {
      return text.charAt(at) == 'Z' ? 0 : Integer.MIN_VALUE;
    }
    char sign = rest == 6 ? text.charAt(at) : 0;
    if ((sign != '+' && sign != '-') || text.charAt(at + 3) != ':') {
      return Integer.MIN_VALUE;
    }
    int hours = number(text, at + 1, 2);
    int minutes = number(text, at + 4, 2);
    if (hours < 0 || hours > 17 || minutes < 0 || minutes > 59) {
      return Integer.MIN_VALUE;
    }
    int seconds = hours * 3600 + minutes * 60;
    return sign == '-' ? -seconds : seconds;
  }

  /** The decimal digits at {@code at}, or -1 if any is not a digit. */
  private static int number(String text, int at, int digits) {
    int value = 0;
    for (int i = at; i < at + digits; i++) {
      int d = text.charAt(i) - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      value = 10 * value + d;
    }
    return value;
  }
}

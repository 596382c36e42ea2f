package dev.cachebricks.internal.cbor;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ext.javatime.ser.InstantSerializer;

/**
 * Writes an {@link Instant} as Go's {@code time.RFC3339Nano} does: {@code
 * 2024-01-02T03:04:05.1Z}, the fraction without trailing zeros and left out when zero (Jackson
 * writes {@code .100}, in groups of three digits). Years 0000 to 9999 are the only ones RFC 3339
 * has; beyond 9999 the year keeps ISO 8601's sign ({@code +10000-...}), which Jackson reads back
 * (Go writes {@code 10000-...}, which no RFC 3339 parser reads, its own included). A
 * {@code @JsonFormat} pattern or shape on a property still takes precedence, as in Jackson.
 */
final class Rfc3339Instants extends InstantSerializer {

  private static final long serialVersionUID = 1L;

  /** 0000-01-01T00:00:00Z and 10000-01-01T00:00:00Z: the years RFC 3339 has. */
  private static final long FIRST_SECOND = -62_167_219_200L;
  private static final long END_SECOND = 253_402_300_800L;

  Rfc3339Instants() {
    super();
  }

  private Rfc3339Instants(Rfc3339Instants base, DateTimeFormatter formatter,
      Boolean useTimestamp, Boolean useNanoseconds, JsonFormat.Shape shape) {
    super(base, formatter, useTimestamp, useNanoseconds, shape);
  }

  @Override
  protected Rfc3339Instants withFormat(DateTimeFormatter formatter,
      Boolean useTimestamp, JsonFormat.Shape shape) {
    return new Rfc3339Instants(this, formatter, useTimestamp, _useNanoseconds, shape);
  }

  @Override
  protected Rfc3339Instants withFeatures(Boolean writeZoneId,
      Boolean writeNanoseconds) {
    return new Rfc3339Instants(this, _formatter, _useTimestamp, writeNanoseconds, _shape);
  }

  @Override
  protected String formatValue(Instant value, SerializationContext ctxt) {
    return _formatter != null ? super.formatValue(value, ctxt) : format(value);
  }

  /**
   * Formats an instant as RFC 3339 with the shortest fraction.
   *
   * @param instant the instant
   * @return the text
   */
  static String format(Instant instant) {
    long seconds = instant.getEpochSecond();
    if (seconds < FIRST_SECOND || seconds >= END_SECOND) {
      return wideYear(instant);
    }
    LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400));
    int year = date.getYear();
    int secondOfDay = (int) Math.floorMod(seconds, 86_400);
    int nano = instant.getNano();
    char[] out = new char[30];
    digits(out, 0, year, 4);
    out[4] = '-';
    digits(out, 5, date.getMonthValue(), 2);
    out[7] = '-';
    digits(out, 8, date.getDayOfMonth(), 2);
    out[10] = 'T';
    digits(out, 11, secondOfDay / 3600, 2);
    out[13] = ':';
    digits(out, 14, secondOfDay / 60 % 60, 2);
    out[16] = ':';
    digits(out, 17, secondOfDay % 60, 2);
    int length = 19;
    if (nano != 0) {
      out[19] = '.';
      digits(out, 20, nano, 9);
      length = 29;
      while (out[length - 1] == '0') {
        length--;
      }
    }
    out[length++] = 'Z';
    return new String(out, 0, length);
  }

  /** ISO 8601 (a signed year, as Jackson writes it), with the shortest fraction. */
  private static String wideYear(Instant instant) {
    String iso = DateTimeFormatter.ISO_INSTANT.format(instant); // fraction in groups of three
    int end = iso.length() - 1; // the 'Z'
    if (iso.lastIndexOf('.') < 0) {
      return iso;
    }
    int cut = end;
    while (iso.charAt(cut - 1) == '0') {
      cut--;
    }
    return iso.substring(0, cut) + "Z";
  }

  private static void digits(char[] out, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      out[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }
}

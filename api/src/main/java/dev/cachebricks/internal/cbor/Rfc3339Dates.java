package dev.cachebricks.internal.cbor;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.Instant;
import java.util.Date;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonTokenId;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.SerializationConfig;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.deser.jdk.JavaUtilDateDeserializer;
import tools.jackson.databind.ser.Serializers;
import tools.jackson.databind.ser.jdk.JavaUtilDateSerializer;

/**
 * {@link java.util.Date} as the codec writes and reads an {@link Instant} (a Go {@code
 * time.Time}): {@code 2024-01-02T03:04:05.1Z}, the fraction without trailing zeros, in the
 * proleptic Gregorian calendar Go uses. Jackson's own writes {@code .100Z} and {@code .000Z},
 * and reads and writes dates before 1582 in the Julian calendar. Only {@code java.util.Date}
 * itself: its JDBC subclasses keep Jackson's handling. A {@code @JsonFormat} on a property still
 * takes precedence, as in Jackson.
 */
final class Rfc3339Dates {

  private Rfc3339Dates() {}

  /** Finds {@link Writer} for {@code java.util.Date} exactly (not its subclasses). */
  static final class Finder extends Serializers.Base {
    @Override
    public ValueSerializer<?> findSerializer(SerializationConfig config, JavaType type,
        BeanDescription.Supplier beanDescRef, JsonFormat.Value formatOverrides) {
      return type.getRawClass() == Date.class ? new Writer() : null;
    }
  }

  /** Writes a date as {@link Rfc3339Instants#format(Instant)} does. */
  static final class Writer extends JavaUtilDateSerializer {
    @Override
    public void serialize(Date value, JsonGenerator g, SerializationContext ctxt) {
      if (_customFormat == null && !_asTimestamp(ctxt)) {
        g.writeString(Rfc3339Instants.format(value.toInstant()));
        return;
      }
      super.serialize(value, g, ctxt);
    }
  }

  /** Reads the RFC 3339 text an instant has into a date; anything else as Jackson does. */
  static final class Reader extends JavaUtilDateDeserializer {
    private static final long serialVersionUID = 1L;

    @Override
    public Date deserialize(JsonParser p, DeserializationContext ctxt) {
      if (_customFormat == null && p.currentTokenId() == JsonTokenId.ID_STRING) {
        Instant instant = Rfc3339InstantDeserializer.parse(p.getString());
        if (instant != null) {
          return Date.from(instant);
        }
      }
      return super.deserialize(p, ctxt);
    }
  }
}

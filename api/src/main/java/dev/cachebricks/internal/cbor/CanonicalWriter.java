package dev.cachebricks.internal.cbor;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeType;

/**
 * Writes a tree as canonical CBOR, the way the seed's Go encoder is configured: every map and
 * array with a definite length, map keys sorted in RFC 7049 canonical order (shorter encoded key
 * first, then bytewise), and properties marked by {@link CborMappers#INT_KEY_PREFIX} written as
 * integer keys.
 */
final class CanonicalWriter {

  private CanonicalWriter() {}

  static void write(JsonNode node, JsonGenerator g) {
    JsonNodeType type = node.getNodeType();
    switch (type) {
      case OBJECT -> writeMap(node, g);
      case ARRAY -> {
        g.writeStartArray(null, node.size());
        for (JsonNode element : node) {
          write(element, g);
        }
        g.writeEndArray();
      }
      case STRING -> g.writeString(node.stringValue());
      case BINARY -> g.writeBinary(node.binaryValue());
      case BOOLEAN -> g.writeBoolean(node.booleanValue());
      case NULL, MISSING -> g.writeNull();
      case NUMBER -> writeNumber(node, g);
      case POJO -> g.writePOJO(((tools.jackson.databind.node.POJONode) node).getPojo());
      default -> throw new IllegalStateException("unexpected node type " + type);
    }
  }

  private static void writeNumber(JsonNode node, JsonGenerator g) {
    switch (node.numberType()) {
      case INT, LONG -> g.writeNumber(node.longValue());
      case BIG_INTEGER -> {
        java.math.BigInteger big = node.bigIntegerValue();
        if (big.bitLength() < 64) {
          g.writeNumber(big.longValue());
        } else {
          g.writeNumber(big);
        }
      }
      case FLOAT -> g.writeNumber(node.floatValue());
      case DOUBLE -> g.writeNumber(node.doubleValue());
      case BIG_DECIMAL -> g.writeNumber(node.decimalValue());
      default -> g.writeNumber(node.doubleValue());
    }
  }

  private static void writeMap(JsonNode node, JsonGenerator g) {
    List<Key> keys = new ArrayList<>(node.size());
    for (Map.Entry<String, JsonNode> property : node.properties()) {
      keys.add(Key.of(property.getKey(), property.getValue()));
    }
    keys.sort(null);
    g.writeStartObject(null, keys.size());
    for (Key key : keys) {
      if (key.intKey >= 0) {
        g.writePropertyId(key.intKey);
      } else {
        g.writeName(key.name);
      }
      write(key.value, g);
    }
    g.writeEndObject();
  }

  /** A map key with its encoded form, ordered canonically. */
  private record Key(String name, long intKey, byte[] encoded, JsonNode value)
      implements Comparable<Key> {

    static Key of(String name, JsonNode value) {
      long intKey = CborMappers.intKey(name);
      return new Key(name, intKey, intKey >= 0 ? header(0, intKey, new byte[0]) : text(name), value);
    }

    private static byte[] text(String name) {
      return header(3, name.getBytes(StandardCharsets.UTF_8).length,
          name.getBytes(StandardCharsets.UTF_8));
    }

    /** The CBOR head of major type {@code major} with argument {@code n}, then {@code tail}. */
    private static byte[] header(int major, long n, byte[] tail) {
      byte[] head;
      int m = major << 5;
      if (n < 24) {
        head = new byte[] {(byte) (m | n)};
      } else if (n < 0x100) {
        head = new byte[] {(byte) (m | 24), (byte) n};
      } else if (n < 0x10000) {
        head = new byte[] {(byte) (m | 25), (byte) (n >> 8), (byte) n};
      } else if (n < 0x100000000L) {
        head = new byte[] {(byte) (m | 26), (byte) (n >> 24), (byte) (n >> 16), (byte) (n >> 8), (byte) n};
      } else {
        head = new byte[9];
        head[0] = (byte) (m | 27);
        for (int i = 0; i < 8; i++) {
          head[1 + i] = (byte) (n >> (56 - 8 * i));
        }
      }
      byte[] all = Arrays.copyOf(head, head.length + tail.length);
      System.arraycopy(tail, 0, all, head.length, tail.length);
      return all;
    }

    @Override
    public int compareTo(Key other) {
      if (encoded.length != other.encoded.length) {
        return Integer.compare(encoded.length, other.encoded.length);
      }
      return Arrays.compareUnsigned(encoded, other.encoded);
    }
  }
}

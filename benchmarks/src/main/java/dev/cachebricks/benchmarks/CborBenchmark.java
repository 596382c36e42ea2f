package dev.cachebricks.benchmarks;

import dev.cachebricks.cbor.Cbor;
import dev.cachebricks.cbor.CborCodec;
import dev.cachebricks.cbor.CborKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.cbor.CBORMapper;

/**
 * The codec ({@code ours*}: canonical encoding, limits enforced on decode) against plain Jackson
 * CBOR ({@code jacksonCbor*}, defaults, no limits beyond Jackson's) and Jackson JSON
 * ({@code jacksonJson*}), on the seed's {@code User} and on a nested order.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class CborBenchmark {

  /** The seed's struct. */
  public record User(@CborKey(1) long id, @CborKey(2) String name, @CborKey(3) String email) {}

  /** A line of an order. */
  public record Line(String sku, int quantity, long priceCents) {}

  /** A nested struct: lists, maps, instants, bytes. */
  public record Order(String id, User customer, List<Line> lines, Map<String, String> tags,
      Instant placedAt, byte[] signature) {}

  private final CborCodec<User> oursUser = Cbor.codec(User.class);
  private final CborCodec<Order> oursOrder = Cbor.codec(Order.class);
  private final ObjectMapper cbor = new CBORMapper();
  private final ObjectMapper json = new JsonMapper();
  private ObjectWriter cborWriter;
  private ObjectWriter jsonWriter;
  private ObjectReader cborUserReader;
  private ObjectReader cborOrderReader;
  private ObjectReader jsonUserReader;
  private ObjectReader jsonOrderReader;

  User user;
  Order order;
  byte[] oursUserBytes;
  byte[] oursOrderBytes;
  byte[] cborUserBytes;
  byte[] cborOrderBytes;
  byte[] jsonUserBytes;
  byte[] jsonOrderBytes;

  /** Builds the values and their encodings. */
  @Setup
  public void setUp() {
    user = new User(123, "Alice", "alice@example.com");
    order = new Order("order-2026-0001", user,
        List.of(new Line("sku-1", 2, 1999), new Line("sku-22", 1, 54900),
            new Line("sku-333", 10, 5)),
        Map.of("channel", "web", "coupon", "WINTER", "region", "eu-west"),
        Instant.parse("2026-11-24T10:15:30.123456789Z"), new byte[32]);
    cborWriter = cbor.writer();
    jsonWriter = json.writer();
    cborUserReader = cbor.readerFor(User.class);
    cborOrderReader = cbor.readerFor(Order.class);
    jsonUserReader = json.readerFor(User.class);
    jsonOrderReader = json.readerFor(Order.class);
    oursUserBytes = oursUser.encode(user);
    oursOrderBytes = oursOrder.encode(order);
    cborUserBytes = cborWriter.writeValueAsBytes(user);
    cborOrderBytes = cborWriter.writeValueAsBytes(order);
    jsonUserBytes = jsonWriter.writeValueAsBytes(user);
    jsonOrderBytes = jsonWriter.writeValueAsBytes(order);
  }

  @Benchmark
  public byte[] oursEncodeUser() {
    return oursUser.encode(user);
  }

  @Benchmark
  public byte[] jacksonCborEncodeUser() {
    return cborWriter.writeValueAsBytes(user);
  }

  @Benchmark
  public byte[] jacksonJsonEncodeUser() {
    return jsonWriter.writeValueAsBytes(user);
  }

  @Benchmark
  public Object oursDecodeUser() {
    return oursUser.decode(oursUserBytes);
  }

  @Benchmark
  public Object jacksonCborDecodeUser() {
    return cborUserReader.readValue(cborUserBytes);
  }

  @Benchmark
  public Object jacksonJsonDecodeUser() {
    return jsonUserReader.readValue(jsonUserBytes);
  }

  @Benchmark
  public byte[] oursEncodeOrder() {
    return oursOrder.encode(order);
  }

  @Benchmark
  public byte[] jacksonCborEncodeOrder() {
    return cborWriter.writeValueAsBytes(order);
  }

  @Benchmark
  public byte[] jacksonJsonEncodeOrder() {
    return jsonWriter.writeValueAsBytes(order);
  }

  @Benchmark
  public Object oursDecodeOrder() {
    return oursOrder.decode(oursOrderBytes);
  }

  @Benchmark
  public Object jacksonCborDecodeOrder() {
    return cborOrderReader.readValue(cborOrderBytes);
  }

  @Benchmark
  public Object jacksonJsonDecodeOrder() {
    return jsonOrderReader.readValue(jsonOrderBytes);
  }
}

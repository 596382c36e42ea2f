package dev.cachebricks.cbor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.cachebricks.cbor.CborGoParityTest.Floats;
import dev.cachebricks.cbor.CborTest.Event;
import dev.cachebricks.cbor.CborTest.User;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The codec against the real Go library the seed uses: fxamacker/cbor v2 with the seed's
 * options, driven through a small Go program ({@code src/test/go/cbordiff}) built offline
 * against Debian's packaged sources. Java must write the bytes Go writes for the same values,
 * read Go's bytes back to equal values, accept and reject what Go does (except the documented
 * deliberate differences, where Java is stricter), and random values must come back from Go
 * byte for byte and with the same meaning.
 *
 * <p>Skipped, with a message naming the packages, where Go or the packages are missing; CI
 * installs them ({@code .ci/run}). {@code -Dcachebricks.godiff.seed=S} and
 * {@code -Dcachebricks.godiff.values=N} (default 3,000) reproduce or extend the random part.
 */
class CborGoDifferentialTest {

  static final String PACKAGES =
      "golang-go golang-github-fxamacker-cbor-dev golang-github-x448-float16-dev";
  private static final Path FXAMACKER = Path.of("/usr/share/gocode/src/github.com/fxamacker/cbor");
  private static final Path FLOAT16 = Path.of("/usr/share/gocode/src/github.com/x448/float16");
  private static final long SEED = Long.getLong("cachebricks.godiff.seed", 20_260_101L);
  private static final int VALUES = Integer.getInteger("cachebricks.godiff.values", 3_000);

  private static Process process;
  private static BufferedWriter toGo;
  private static final BlockingQueue<String> fromGo = new LinkedBlockingQueue<>();

  // ---- the Go side ---------------------------------------------------------------------------

  private static final String SKIPPED = "Go differential CBOR test skipped: it needs Go and"
      + " fxamacker/cbor; install them with apt-get install " + PACKAGES;

  @BeforeAll
  static void buildAndStartTheGoProgram() throws Exception {
    if (!goAvailable()) {
      System.err.println(SKIPPED);
      return;
    }
    Path source = Path.of("src/test/go/cbordiff").toAbsolutePath();
    Path target = Path.of("target/cbordiff").toAbsolutePath();
    Files.createDirectories(target);
    Path binary = target.resolve("cbordiff");
    ProcessBuilder build = new ProcessBuilder("go", "build", "-o", binary.toString(), ".")
        .directory(source.toFile()).redirectErrorStream(true)
        .redirectOutput(target.resolve("build.log").toFile());
    build.environment().put("GOPROXY", "off");
    build.environment().put("GOFLAGS", "-mod=readonly");
    build.environment().put("GOTOOLCHAIN", "local");
    if (System.getenv("GOCACHE") == null && System.getenv("HOME") == null
        && System.getenv("XDG_CACHE_HOME") == null) {
      build.environment().put("GOCACHE", target.resolve("go-cache").toString());
    }
    Process go = build.start();
    if (!go.waitFor(5, TimeUnit.MINUTES) || go.exitValue() != 0) {
      go.destroyForcibly();
      fail("go build of %s failed:%n%s", source, Files.readString(target.resolve("build.log")));
    }
    process = new ProcessBuilder(binary.toString())
        .redirectError(target.resolve("stderr.log").toFile()).start();
    toGo = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(),
        StandardCharsets.US_ASCII));
    BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.US_ASCII));
    Thread pump = new Thread(() -> {
      try {
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          fromGo.put(line);
        }
      } catch (IOException | InterruptedException e) {
        // the program ended; ask() reports it
      }
    }, "cbordiff-reader");
    pump.setDaemon(true);
    pump.start();
  }

  @BeforeEach
  void needsGo() {
    Assumptions.assumeTrue(process != null, SKIPPED);
  }

  private static boolean goAvailable() {
    if (!Files.isDirectory(FXAMACKER) || !Files.isDirectory(FLOAT16)) {
      return false;
    }
    try {
      Process version = new ProcessBuilder("go", "version").redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      return version.waitFor(1, TimeUnit.MINUTES) && version.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @AfterAll
  static void stopTheGoProgram() throws Exception {
    if (process != null) {
      toGo.close();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  private static String ask(String command) {
    try {
      toGo.write(command);
      toGo.newLine();
      toGo.flush();
    } catch (IOException e) {
      throw new IllegalStateException("cbordiff: " + e, e);
    }
    return readLine(command);
  }

  private static String readLine(String command) {
    try {
      String answer = fromGo.poll(2, TimeUnit.MINUTES);
      if (answer == null) {
        throw new IllegalStateException("cbordiff did not answer " + abbreviate(command)
            + (process.isAlive() ? "" : "; it exited, see target/cbordiff/stderr.log"));
      }
      return answer;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String abbreviate(String command) {
    return command.length() <= 200 ? command : command.substring(0, 200) + "...";
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  private static byte[] unhex(String hex) {
    return HexFormat.of().parseHex(hex.replace(" ", ""));
  }

  // ---- the corpus, written by both -----------------------------------------------------------

  /** Go's Mixed: integer and text keys of several lengths. */
  public record Mixed(@CborKey(1) int one, @CborKey(300) int big, String c,
      @JsonProperty("a_longer_name") String aLongerName, @JsonProperty("\u00e9") String accent) {}

  /** Go's Omit: {@code omitempty} on every field, which is {@code NON_DEFAULT}. */
  public static final class Omit {
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) public int i;
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) public long l;
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) public long u;
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) public boolean b;
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) public double d;
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) public float f;
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) public String s;
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) public List<String> list;
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) public Map<String, Integer> map;
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) public byte[] bytes;
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) public Integer p;
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) @CborKey(1) public int k;
  }

  /** Go's Containers: nil and empty. */
  public record Containers(List<Integer> l, Map<String, Integer> m, List<String> s, byte[] b,
      User p) {}

  /**
   * One corpus value: what Java writes, the Go type that decodes it, the Java type that decodes
   * Go's bytes and what that must give.
   */
  private record Entry(String name, Object value, String goType, Class<?> javaType,
      Object decoded) {}

  private static Object nested(int levels, boolean asMaps) {
    Object value = 1;
    for (int i = 0; i < levels; i++) {
      value = asMaps ? Map.of("a", value) : List.of(value);
    }
    return value;
  }

  private static List<Entry> corpus() {
    List<Entry> corpus = new ArrayList<>();
    User alice = new User(123, "Alice", "alice@example.com");
    corpus.add(new Entry("user", alice, "User", User.class, alice));
    corpus.add(new Entry("user-zero", new User(0, "", ""), "User", User.class,
        new User(0, "", "")));
    Map<String, Integer> counts = new LinkedHashMap<>();
    counts.put("views", 3);
    counts.put("likes", 1);
    Event event = new Event(Instant.parse("2024-05-06T07:08:09.5Z"),
        new byte[] {0, 1, (byte) 0xff}, new User(1, "Bob", "bob@example.com"), counts);
    corpus.add(new Entry("event", event, "Event", Event.class, event));
    Mixed mixed = new Mixed(1, 300, "c", "long", "\u00e9");
    corpus.add(new Entry("mixed", mixed, "Mixed", Mixed.class, mixed));

    BigInteger two64 = BigInteger.ONE.shiftLeft(64);
    List<Object> ints = new ArrayList<>(List.of(0L, 1L, 23L, 24L, 255L, 256L, 65535L, 65536L,
        4294967295L, 4294967296L, Long.MAX_VALUE, -1L, -24L, -25L, -256L, -257L, -65536L,
        -65537L, -4294967296L, -4294967297L, Long.MIN_VALUE));
    ints.add(two64.subtract(BigInteger.ONE));
    corpus.add(new Entry("ints", ints, "Ints", BigInteger[].class,
        ints.stream().map(n -> new BigInteger(n.toString())).toArray(BigInteger[]::new)));
    List<BigInteger> bigs = List.of(two64, two64.negate(), two64.subtract(BigInteger.ONE),
        two64.negate().subtract(BigInteger.ONE), BigInteger.ONE.shiftLeft(100),
        BigInteger.ONE.shiftLeft(100).negate(), BigInteger.valueOf(5), BigInteger.valueOf(-5),
        BigInteger.ZERO);
    corpus.add(new Entry("bigs", bigs, "Bigs", BigInteger[].class,
        bigs.toArray(BigInteger[]::new)));

    double[] doubles = {0.0, -0.0, 1.5, -2.25, 0.1, Double.MAX_VALUE, Double.MIN_VALUE,
        Double.MIN_NORMAL, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
    corpus.add(new Entry("floats64", doubles, "Float64s", double[].class, doubles));
    float[] floats = {0.0f, -0.0f, 1.5f, 0.1f, Float.MAX_VALUE, Float.MIN_VALUE, Float.NaN,
        Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
    corpus.add(new Entry("floats32", floats, "Float32s", float[].class, floats));
    Floats nonFinite = new Floats(Double.NaN, Float.NEGATIVE_INFINITY);
    corpus.add(new Entry("floats", nonFinite, "Floats", Floats.class, nonFinite));

    List<Instant> times = new ArrayList<>();
    Instant base = Instant.parse("2024-01-02T03:04:05Z");
    for (int nanos : new int[] {0, 100000000, 120000000, 123000000, 123400000, 123450000,
        123456000, 123456700, 123456780, 123456789, 1, 10, 500, 999999999}) {
      times.add(base.plusNanos(nanos));
    }
    times.addAll(List.of(Instant.parse("0001-01-01T00:00:00.5Z"),
        Instant.parse("9999-12-31T23:59:59.999999999Z"), Instant.EPOCH,
        Instant.parse("1969-12-31T23:59:59.9Z")));
    corpus.add(new Entry("times", times, "Times", Instant[].class, times.toArray(Instant[]::new)));
    // An OffsetDateTime keeps its offset as Go's time.Time does: same text both ways.
    List<OffsetDateTime> offsets = List.of(
        OffsetDateTime.parse("2024-01-02T05:04:05.0000001+02:00"),
        OffsetDateTime.parse("2024-01-01T22:04:05-05:00"),
        OffsetDateTime.parse("2024-01-02T03:04:05.5+05:30"),
        OffsetDateTime.parse("2024-01-02T03:04:05Z"));
    corpus.add(new Entry("times-offset", offsets, "Times", OffsetDateTime[].class,
        offsets.toArray(OffsetDateTime[]::new)));
    // A java.util.Date is a time too, in Go's (proleptic Gregorian) calendar before 1582 as well.
    List<Date> dates = Stream.of("2024-01-02T03:04:05.1Z", "2024-01-02T03:04:05Z",
        "2024-01-02T03:04:05.123Z", "1969-12-31T23:59:59.9Z", "1500-03-01T12:00:00Z",
        "0001-01-01T00:00:00.5Z").map(t -> Date.from(Instant.parse(t))).toList();
    corpus.add(new Entry("dates", dates, "Times", Date[].class, dates.toArray(Date[]::new)));

    Map<String, Integer> keys = new LinkedHashMap<>();
    String[] names = {"a", "b", "aa", "\u00e9", "\ud83d\ude00", "\ue000", "\ue0008",
        "\ue000123", "", "z", "zz", "\u20ac", "\uff5a", "A", "\u0080", "\uffff",
        "\udbff\udfff", "a_much_longer_key_than_the_rest"};
    for (int i = names.length - 1; i >= 0; i--) { // any order in, canonical order out
      keys.put(names[i], i + 1);
    }
    corpus.add(new Entry("keys", keys, "Keys", Map.class, keys));
    List<String> strings = List.of("", "a", "\u00e9", "\ud83d\ude00", "\u0000", "x".repeat(23),
        "x".repeat(24), "\u00e9".repeat(128), "y".repeat(256), "z".repeat(65536));
    corpus.add(new Entry("strings", strings, "Strings", String[].class,
        strings.toArray(String[]::new)));
    List<byte[]> bytes = List.of(new byte[0], new byte[1], new byte[24], new byte[256]);
    corpus.add(new Entry("bytes", bytes, "Bytes", byte[][].class, bytes.toArray(byte[][]::new)));

    corpus.add(new Entry("omit-zero", new Omit(), "Omit", Omit.class, new Omit()));
    Omit empty = new Omit();
    empty.list = List.of();
    empty.map = Map.of();
    empty.bytes = new byte[0];
    corpus.add(new Entry("omit-empty", empty, "Omit", Omit.class, new Omit()));
    Omit negativeZero = new Omit();
    negativeZero.d = -0.0;
    negativeZero.f = -0.0f;
    corpus.add(new Entry("omit-negative-zero", negativeZero, "Omit", Omit.class, new Omit()));
    Omit set = new Omit();
    set.i = -1;
    set.l = 1L << 40;
    set.u = 7;
    set.b = true;
    set.d = Double.NaN;
    set.f = 0.5f;
    set.s = "s";
    set.list = List.of("a");
    set.map = Map.of("k", 1);
    set.bytes = new byte[] {1};
    set.p = 7;
    set.k = 2;
    corpus.add(new Entry("omit-set", set, "Omit", Omit.class, set));
    Containers nils = new Containers(null, null, null, null, null);
    corpus.add(new Entry("containers-nil", nils, "Containers", Containers.class, nils));
    Containers empties = new Containers(List.of(), Map.of(), List.of(), new byte[0],
        new User(0, "", ""));
    corpus.add(new Entry("containers-empty", empties, "Containers", Containers.class, empties));

    corpus.add(new Entry("nest16", nested(16, false), "any", Object.class, nested(16, false)));
    corpus.add(new Entry("nest17", nested(17, false), "any", Object.class, null));
    corpus.add(new Entry("maps16", nested(16, true), "any", Object.class, nested(16, true)));
    corpus.add(new Entry("maps17", nested(17, true), "any", Object.class, null));
    List<Object> mixedValues = Arrays.asList(true, false, null, "text", new byte[] {1, 2},
        Map.of("k", List.of()));
    corpus.add(new Entry("mixed-values", mixedValues, "any", Object.class, mixedValues));
    return corpus;
  }

  /** What Go writes that Java reads to the same value but writes differently (offsets). */
  private static final Map<String, Object> DECODE_ONLY = Map.of("decode-only-time-offset",
      new Instant[] {Instant.parse("2024-01-02T03:04:05.0000001Z"),
          Instant.parse("2024-01-02T03:04:05Z")});

  private static Map<String, String> goCorpus() {
    Map<String, String> written = new LinkedHashMap<>();
    for (String line = ask("corpus"); !line.equals("end"); line = readLine("corpus")) {
      String[] parts = line.split(" ");
      written.put(parts[0], parts[1]);
    }
    return written;
  }

  @Test
  void javaWritesTheBytesGoWritesForTheSameValues() {
    Map<String, String> go = goCorpus();
    List<Entry> corpus = corpus();
    assertThat(go.keySet()).containsExactlyElementsOf(concat(
        corpus.stream().map(Entry::name).toList(), DECODE_ONLY.keySet()));
    for (Entry entry : corpus) {
      assertThat(hex(Cbor.marshal(entry.value()))).as(entry.name()).isEqualTo(go.get(entry.name()));
    }
  }

  private static List<String> concat(List<String> a, java.util.Collection<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  @Test
  void javaReadsGosBytesToEqualValues() {
    Map<String, String> go = goCorpus();
    for (Entry entry : corpus()) {
      byte[] data = unhex(go.get(entry.name()));
      if (entry.decoded() == null) { // 17 levels: Go's own decoder refuses them too
        assertThatThrownBy(() -> Cbor.unmarshal(data, entry.javaType())).as(entry.name())
            .isInstanceOfSatisfying(CborLimitException.class,
                e -> assertThat(e.limit()).isEqualTo("maxNestingDepth"));
        assertThat(ask("dec " + go.get(entry.name()))).as(entry.name())
            .startsWith("err cbor: exceeded max nested level 16");
        continue;
      }
      assertEqual(entry.name(), Cbor.unmarshal(data, entry.javaType()), entry.decoded());
    }
    for (Map.Entry<String, Object> entry : DECODE_ONLY.entrySet()) {
      assertEqual(entry.getKey(),
          Cbor.unmarshal(unhex(go.get(entry.getKey())), entry.getValue().getClass()),
          entry.getValue());
    }
  }

  private static void assertEqual(String name, Object actual, Object expected) {
    if (expected.getClass().isArray()) {
      assertThat(Objects.deepEquals(actual, expected))
          .as("%s: %s", name, Arrays.deepToString(new Object[] {actual})).isTrue();
    } else {
      assertThat(actual).as(name).usingRecursiveComparison()
          .withEqualsForType((a, b) -> Double.compare(a, b) == 0, Double.class) // NaN, -0.0
          .withEqualsForType((a, b) -> Float.compare(a, b) == 0, Float.class)
          .isEqualTo(expected);
    }
  }

  @Test
  void goReadsWhatJavaWritesIntoItsTypesAndWritesItBackByteForByte() {
    for (Entry entry : corpus()) {
      String written = hex(Cbor.marshal(entry.value()));
      String answer = ask("rt " + entry.goType() + " " + written);
      if (entry.decoded() == null) {
        assertThat(answer).as(entry.name()).startsWith("err cbor: exceeded max nested level");
      } else {
        assertThat(answer).as(entry.name()).startsWith("ok " + written + " ");
      }
    }
  }

  // ---- what is accepted ----------------------------------------------------------------------

  private static String repeat(String hex, int n) {
    return hex.repeat(n);
  }

  @Test
  void javaRejectsWhatGoRejectsAndAcceptsWhatGoAccepts() {
    List<String> bothReject = List.of("62c0af", "62c1bf", "63e080af", "63eda080", "63edbfbf",
        "64f4908080", "64f5808080", "6180", "61c3", "a162c0af01", "7f62c0afff",
        "7f6261c362a961ff", repeat("81", 17) + "01", repeat("c6", 18) + "01",
        repeat("81", 16) + "c6c601", repeat("c6c681", 9) + "01",
        repeat("a16161", 15) + "a1c6c6616101",
        "9fc6ff", "bfc6ff", "f800", "f81f", "1c", "5c", "ff", "6261", "a201", "9b0000000100000000");
    for (String input : bothReject) {
      assertThat(ask("dec " + input)).as("Go on %s", input).startsWith("err ");
      assertThatThrownBy(() -> Cbor.unmarshal(unhex(input), Object.class)).as("Java on %s", input)
          .isInstanceOf(CborException.class);
    }
    List<String> bothAccept = List.of("62c3a9", "64f09f9880", "63ee8080", "64f48fbfbf",
        repeat("c6", 17) + "01", repeat("81", 16) + "c601", repeat("c6c681", 8) + "01",
        repeat("81", 16) + "01", repeat("a16161", 15) + "a1c6616101", "7f6161ff", "f820",
        "c24101", "a2616101616202", "9f01ff");
    for (String input : bothAccept) {
      assertThat(ask("dec " + input)).as("Go on %s", input).startsWith("ok ");
      Cbor.unmarshal(unhex(input), Object.class);
    }
  }

  @Test
  void javaIsStricterOnlyWhereItIsDocumented() {
    byte[] chunks = new byte[4099];
    Arrays.fill(chunks, (byte) 0x60);
    chunks[0] = 0x7f;
    chunks[4098] = (byte) 0xff;
    Map<String, String> deliberate = new LinkedHashMap<>();
    deliberate.put("a2616101616102", "duplicate keys: Go's default decoder keeps one quietly");
    deliberate.put("0101", "trailing bytes: fxamacker 2.4 ignores them (2.5 and later reject)");
    deliberate.put("01c6", "a trailing tag without content, likewise");
    deliberate.put(hex(chunks), "4,097 chunks in one string: Go has no chunk limit");
    deliberate.put("d901008263616263d81900", "string references: Go reads unknown tags");
    for (Map.Entry<String, String> e : deliberate.entrySet()) {
      assertThat(ask("dec " + e.getKey())).as("Go: %s", e.getValue()).startsWith("ok ");
      assertThatThrownBy(() -> Cbor.unmarshal(unhex(e.getKey()), Object.class))
          .as("Java: %s", e.getValue()).isInstanceOf(CborException.class);
    }
    // Go skips an unknown field without looking at it; Java checks skipped text too.
    String skippedBadText = "a3 01 01 02 60 64 6a756e6b 62 c0af".replace(" ", "");
    assertThat(ask("typed User " + skippedBadText)).isEqualTo("ok");
    assertThatThrownBy(() -> Cbor.unmarshal(unhex(skippedBadText), User.class))
        .isInstanceOf(CborException.class);
  }

  // ---- random values, through Go and back ----------------------------------------------------

  @Test
  void randomValuesComeBackFromGoByteForByteWithTheSameMeaning() {
    Random random = new Random(SEED);
    for (int i = 0; i < VALUES; i++) {
      Object value = randomValue(random, 0);
      String written = hex(Cbor.marshal(value));
      String answer = ask("rt " + (value instanceof User ? "User" : "any") + " " + written);
      String expected = "ok " + written + " " + meaning(value);
      if (!answer.equals(expected)) {
        fail("value %d of seed %d (-Dcachebricks.godiff.seed=%d): %s%n Java wrote %s%n"
            + " Go answered %s%n expected    %s", i, SEED, SEED, value, written, answer,
            expected);
      }
    }
  }

  private static final long[] LONGS = {0, 1, 23, 24, 255, 256, 65535, 65536, 4294967295L,
      4294967296L, Long.MAX_VALUE, -1, -24, -25, -256, -257, -65536, -65537, Long.MIN_VALUE};
  private static final double[] DOUBLES = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY, Double.MIN_VALUE, Double.MAX_VALUE, Double.MIN_NORMAL, 0.1,
      1e300, -1.5};

  private static Object randomValue(Random random, int depth) {
    switch (random.nextInt(depth >= 5 ? 9 : 12)) {
      case 0:
        return random.nextBoolean() ? LONGS[random.nextInt(LONGS.length)]
            : random.nextLong() >> random.nextInt(64);
      case 1:
        return new BigInteger(1 + random.nextInt(130), random)
            .multiply(BigInteger.valueOf(random.nextBoolean() ? 1 : -1));
      case 2:
        return random.nextBoolean() ? DOUBLES[random.nextInt(DOUBLES.length)]
            : Double.longBitsToDouble(random.nextLong());
      case 3:
        return randomText(random);
      case 4: {
        byte[] bytes = new byte[random.nextInt(random.nextInt(10) == 0 ? 400 : 20)];
        random.nextBytes(bytes);
        return bytes;
      }
      case 5:
        return random.nextBoolean();
      case 6:
        return null;
      case 7: {
        long seconds = -62_135_596_800L + (long) (random.nextDouble() * 315_537_897_599L);
        int nanos = random.nextInt(1_000_000_000);
        int zeros = random.nextInt(10);
        for (int z = 0; z < zeros; z++) {
          nanos -= nanos % (int) Math.pow(10, z + 1);
        }
        return Instant.ofEpochSecond(seconds, nanos);
      }
      case 8:
        return new User(random.nextLong() >> random.nextInt(64), randomText(random),
            randomText(random));
      case 9: {
        List<Object> list = new ArrayList<>();
        for (int n = random.nextInt(6); n > 0; n--) {
          list.add(randomValue(random, depth + 1));
        }
        return list;
      }
      default: {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int n = random.nextInt(6); n > 0; n--) {
          map.put(randomText(random), randomValue(random, depth + 1));
        }
        return map;
      }
    }
  }

  /** Text of any code points (no lone surrogates), often like the old integer-key mark. */
  private static String randomText(Random random) {
    StringBuilder text = new StringBuilder();
    if (random.nextInt(8) == 0) {
      text.append('\ue000').append(random.nextInt(1000));
      return text.toString();
    }
    for (int n = random.nextInt(random.nextInt(20) == 0 ? 1200 : 12); n > 0; n--) {
      int codePoint = switch (random.nextInt(5)) {
        case 0, 1 -> 0x20 + random.nextInt(0x5f);
        case 2 -> 0x80 + random.nextInt(0x780);
        case 3 -> 0x10000 + random.nextInt(0x100000);
        default -> 0x800 + random.nextInt(0xf800);
      };
      if (codePoint < 0xd800 || codePoint > 0xdfff) {
        text.appendCodePoint(codePoint);
      }
    }
    return text.toString();
  }

  /** RFC 3339 with the shortest fraction, formatted independently of the codec. */
  private static final DateTimeFormatter RFC3339_NANO = new DateTimeFormatterBuilder()
      .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
      .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
      .appendLiteral('Z')
      .toFormatter()
      .withZone(ZoneOffset.UTC);

  /** The meaning of a Java value, rendered as the Go program renders what it decodes. */
  private static String meaning(Object value) {
    if (value == null) {
      return "null";
    } else if (value instanceof Boolean b) {
      return b.toString();
    } else if (value instanceof Long || value instanceof Integer || value instanceof BigInteger) {
      return "int(" + value + ")";
    } else if (value instanceof Double d) {
      return d.isNaN() ? "float(nan)"
          : "float(" + Long.toHexString(Double.doubleToRawLongBits(d)) + ")";
    } else if (value instanceof String s) {
      return "text(" + hex(s.getBytes(StandardCharsets.UTF_8)) + ")";
    } else if (value instanceof byte[] b) {
      return "bytes(" + hex(b) + ")";
    } else if (value instanceof Instant t) {
      return meaning(RFC3339_NANO.format(t));
    } else if (value instanceof User u) {
      return map(List.of(meaning(1L) + ":" + meaning(u.id()), meaning(2L) + ":" + meaning(u.name()),
          meaning(3L) + ":" + meaning(u.email())));
    } else if (value instanceof List<?> list) {
      List<String> items = new ArrayList<>();
      list.forEach(item -> items.add(meaning(item)));
      return "[" + String.join(",", items) + "]";
    } else if (value instanceof Map<?, ?> m) {
      List<String> entries = new ArrayList<>();
      m.forEach((k, v) -> entries.add(meaning(k) + ":" + meaning(v)));
      return map(entries);
    }
    throw new IllegalArgumentException("no meaning for " + value.getClass());
  }

  private static String map(List<String> entries) {
    List<String> sorted = new ArrayList<>(entries);
    sorted.sort(null); // ASCII renderings: Java's and Go's string orders agree
    return "{" + String.join(",", sorted) + "}";
  }
}

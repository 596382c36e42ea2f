package dev.cachebricks.cbor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.cachebricks.Cbor;
import dev.cachebricks.CborKey;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Golden vectors of what the seed's Go encoder (fxamacker/cbor v2, {@code SortCanonical},
 * {@code TimeRFC3339Nano}) writes, for the cases where a Jackson default differs: the codec must
 * write the same bytes. {@code CborGoDifferentialTest} checks the same against the real library.
 */
class CborGoParityTest {

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  private static String text(String s) {
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    return (utf8.length < 24 ? String.format("%02x", 0x60 + utf8.length)
        : String.format("78%02x", utf8.length)) + hex(utf8);
  }

  // ---- no key is reinterpreted ---------------------------------------------------------------

  /** A property whose name looks like the old in-band integer-key mark. */
  public record Marked(@JsonProperty("\ue0001") String one, @CborKey(1) String real) {}

  @Test
  void keysThatStartWithAPrivateUseCharacterAndDigitsStayText() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("\ue0008", new ArrayList<>());
    assertThat(hex(Cbor.marshal(map))).isEqualTo("a1" + text("\ue0008") + "80");
    assertThat(Cbor.unmarshal(Cbor.marshal(map), Map.class)).isEqualTo(map);
    Map<String, Integer> mixed = new LinkedHashMap<>();
    mixed.put("\ue000123", 1);
    mixed.put("b", 2);
    mixed.put("\ue000", 3);
    assertThat(hex(Cbor.marshal(mixed)))
        .isEqualTo("a3" + text("b") + "02" + text("\ue000") + "03" + text("\ue000123") + "01");
    Marked marked = new Marked("text", "int");
    assertThat(hex(Cbor.marshal(marked)))
        .isEqualTo("a2" + "01" + text("int") + text("\ue0001") + text("text"));
    assertThat(Cbor.unmarshal(Cbor.marshal(marked), Marked.class)).isEqualTo(marked);
    assertThat(hex(Cbor.marshal("\ue0001"))).isEqualTo(text("\ue0001"));
  }

  /** Unwrapped into {@link Unwrapping}. */
  public record Inner(@CborKey(5) String five, String text) {}

  /** One inner value unwrapped as it is, one with a prefix. */
  public static final class Unwrapping {
    @JsonUnwrapped public Inner plain = new Inner("a", "b");
    @JsonUnwrapped(prefix = "p_") public Inner prefixed = new Inner("c", "d");
  }

  @Test
  void unwrappedIntegerKeysStayIntegersUnlessAPrefixMakesThemText() {
    assertThat(hex(Cbor.marshal(new Unwrapping()))).isEqualTo("a4" + "05" + text("a")
        + text("p_5") + text("c") + text("text") + text("b") + text("p_text") + text("d"));
  }
}

package dev.cachebricks.hazelcast.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TenantUrisTest {

  @Test
  void unreservedCharactersStayReadable() {
    assertThat(TenantUris.uri("acme-01.eu_west~2")).hasToString(
        "cachebricks:tenant:acme-01.eu_west~2");
  }

  @Test
  void separatorsAndPercentSignsAreEncodedSoConcatenationsCannotCollide() {
    assertThat(TenantUris.uri("a/b")).isNotEqualTo(TenantUris.uri("a%2Fb"));
    assertThat(TenantUris.uri("a/b").toString()).isEqualTo("cachebricks:tenant:a%2Fb");
    assertThat(TenantUris.uri("a%2Fb").toString()).isEqualTo("cachebricks:tenant:a%252Fb");
  }

  @Test
  void emptyIdIsItsOwnTenant() {
    assertThat(TenantUris.uri("")).hasToString("cachebricks:tenant:");
    assertThat(tenantId(TenantUris.uri(""))).isEmpty();
  }

  @Test
  void unpairedSurrogateIsRejected() {
    assertThatThrownBy(() ->
        TenantUris.uri("a\uD800b")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void randomHostileIdsRoundTripAndNeverCollide() {
    Random random = new Random(42);
    String alphabet = "aZ09/%:?#[]@!$&'()*+,;= .-_~\\\u00e9\u4e2d\uD83D\uDE00\u0000\n";
    Map<URI, String> seen = new HashMap<>();
    for (int n = 0; n < 20_000; n++) {
      StringBuilder id = new StringBuilder();
      int length = random.nextInt(12);
      for (int i = 0; i < length; i++) {
        int at = random.nextInt(alphabet.length());
        char c = alphabet.charAt(at);
        if (Character.isHighSurrogate(c)) {
          id.append(c).append(alphabet.charAt(at + 1));
        } else if (!Character.isLowSurrogate(c)) {
          id.append(c);
        }
      }
      String tenant = id.toString();
      URI uri = TenantUris.uri(tenant);
      assertThat(tenantId(uri)).isEqualTo(tenant);
      String previous = seen.putIfAbsent(uri, tenant);
      assertThat(previous == null || previous.equals(tenant))
          .as("%s and %s share %s", previous, tenant, uri)
          .isTrue();
    }
  }

  /**
   * Decodes a tenant URI: that every URI decodes back to its id proves the encoding injective.
   *
   * @param uri a tenant URI
   * @return the tenant id
   * @throws IllegalArgumentException if {@code uri} is not a tenant URI
   */
  private static String tenantId(URI uri) {
    String s = uri.toString();
    if (!s.startsWith("cachebricks:tenant:")) {
      throw new IllegalArgumentException("not a tenant URI: " + uri);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
    for (int i = "cachebricks:tenant:".length(); i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%' && i + 2 < s.length()) {
        bytes.write(Integer.parseInt(s, i + 1, i + 3, 16));
        i += 2;
      } else if (c < 0x80 && isUnreserved(c)) {
        bytes.write(c);
      } else {
        throw new IllegalArgumentException("not a tenant URI: " + uri);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static boolean isUnreserved(int c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
        || c == '-' || c == '.' || c == '_' || c == '~';
  }
}

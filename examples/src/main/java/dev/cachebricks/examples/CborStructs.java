package dev.cachebricks.examples;

import dev.cachebricks.Cache;
import dev.cachebricks.cbor.Cbor;
import dev.cachebricks.cbor.CborCodec;
import dev.cachebricks.cbor.CborKey;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * CBOR structs with integer keys, as the seed's Go encoder writes them: encode a {@code User},
 * show the bytes, store it in the cache, read it back, and compare the size with JSON.
 */
public final class CborStructs {

  /** The seed's example struct: {@code cbor:"1,keyasint"} and so on. */
  public record User(@CborKey(1) long id, @CborKey(2) String name, @CborKey(3) String email) {}

  /** A struct with text keys, a list and an instant. */
  public record Session(User user, List<String> roles, Instant expires) {}

  private CborStructs() {}

  /**
   * Runs the example on the embedded default.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    try (Backend backend = Backend.embedded(); Cache cache = backend.cache("structs")) {
      run(cache);
    }
  }

  static void run(Cache cache) {
    CborCodec<User> users = Cbor.codec(User.class);
    User alice = new User(123, "Alice", "alice@example.com");
    byte[] data = users.encode(alice);
    String json = "{\"id\":123,\"name\":\"Alice\",\"email\":\"alice@example.com\"}";
    System.out.printf("%-22s %s%n", "User", alice);
    System.out.printf("%-22s %s%n", "CBOR (hex)", HexFormat.ofDelimiter(" ").formatHex(data));
    System.out.printf("%-22s %d bytes (JSON: %d bytes)%n", "size", data.length,
        json.getBytes(StandardCharsets.UTF_8).length);

    cache.set("user:123", data, Duration.ofMinutes(5));
    User back = users.decode(cache.get("user:123").orElseThrow());
    System.out.printf("%-22s %s (equal: %s)%n", "read back", back, back.equals(alice));

    Session session = new Session(alice, List.of("admin", "billing"),
        Instant.parse("2026-11-24T12:00:00Z"));
    byte[] sessionBytes = Cbor.marshal(session);
    System.out.printf("%-22s %d bytes, round trip equal: %s%n", "Session",
        sessionBytes.length, Cbor.unmarshal(sessionBytes, Session.class).equals(session));
  }
}

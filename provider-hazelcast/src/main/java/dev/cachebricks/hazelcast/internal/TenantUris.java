package dev.cachebricks.hazelcast.internal;

import dev.cachebricks.tenant.TenantIds;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Tenant id to JCache {@code CacheManager} URI, and back: the one translation point of tenant
 * namespaces. Hazelcast prefixes every cache name with its manager's URI, so distinct URIs never
 * share entries; this encoding makes distinct tenant ids give distinct URIs.
 *
 * <p>The id's UTF-8 bytes are kept when they are RFC 3986 unreserved characters
 * ({@code A-Z a-z 0-9 - . _ ~}) and percent-encoded (upper-case hex) otherwise, so {@code '%'}
 * and {@code '/'} are encoded too: the mapping is injective and reversible.
 * The empty id is allowed and gives {@code cachebricks:tenant:}.
 *
 * <p>Internal: not part of the public API.
 */
public final class TenantUris {

  /** The prefix of every tenant URI. */
  public static final String PREFIX = "cachebricks:tenant:";

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private TenantUris() {}

  /**
   * Returns the CacheManager URI of a tenant.
   *
   * @param tenantId a tenant id, checked with {@link TenantIds#requireValid(String)}
   * @return the URI
   */
  public static URI uri(String tenantId) {
    TenantIds.requireValid(tenantId);
    byte[] utf8 = tenantId.getBytes(StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder(PREFIX.length() + utf8.length * 3).append(PREFIX);
    for (byte b : utf8) {
      int c = b & 0xFF;
      if (isUnreserved(c)) {
        out.append((char) c);
      } else {
        out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
      }
    }
    return URI.create(out.toString());
  }

  private static boolean isUnreserved(int c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
        || c == '-' || c == '.' || c == '_' || c == '~';
  }
}

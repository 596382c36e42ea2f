package dev.cachebricks.tenant;

import java.util.Objects;

/**
 * The rules for tenant ids, shared by every {@link Manager}: any non-null string of at most
 * {@link #MAX_LENGTH} chars that is well-formed UTF-16. Everything else (slashes, percent signs,
 * colons, spaces, any Unicode) is allowed; backends encode ids injectively so that distinct ids
 * never share entries.
 */
public final class TenantIds {

  /** The longest tenant id accepted, in chars. */
  public static final int MAX_LENGTH = 512;

  private TenantIds() {}

  /**
   * Checks a tenant id.
   *
   * @param tenantId the id
   * @return the id, for chaining
   * @throws NullPointerException if {@code tenantId} is null
   * @throws IllegalArgumentException if it is longer than {@link #MAX_LENGTH} or holds an
   *     unpaired surrogate (which no encoding could keep distinct)
   */
  public static String requireValid(String tenantId) {
    Objects.requireNonNull(tenantId, "tenantId must not be null");
    if (tenantId.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "tenantId must be at most " + MAX_LENGTH + " chars, was " + tenantId.length());
    }
    for (int i = 0; i < tenantId.length(); i++) {
      char c = tenantId.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < tenantId.length() && Character.isLowSurrogate(tenantId.charAt(i + 1))) {
          i++;
          continue;
        }
        throw new IllegalArgumentException("tenantId has an unpaired surrogate at index " + i);
      }
      if (Character.isLowSurrogate(c)) {
        throw new IllegalArgumentException("tenantId has an unpaired surrogate at index " + i);
      }
    }
    return tenantId;
  }
}

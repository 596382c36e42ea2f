package dev.cachebricks;

/**
 * A configuration value is invalid. Thrown when a configuration is built or a cache or manager
 * is started, never later, so a bad configuration fails at startup.
 *
 * <p>Message: {@code cache configuration error: <field>: <message>[: <cause>]}.
 */
public class CacheConfigException extends CacheException {

  private static final long serialVersionUID = 1L;

  /** The configuration field that failed validation. */
  private final String field;
  /** What is wrong with the field. */
  private final String detail;

  /**
   * Creates the exception.
   *
   * @param field the configuration field that failed validation, e.g. {@code "maxTenants"}
   * @param message what is wrong with it
   * @param cause the underlying failure, may be {@code null}
   */
  public CacheConfigException(String field, String message, Throwable cause) {
    super(render(field, message, cause), cause);
    this.field = field;
    this.detail = message;
  }

  /**
   * Creates the exception without a cause.
   *
   * @param field the configuration field that failed validation
   * @param message what is wrong with it
   */
  public CacheConfigException(String field, String message) {
    this(field, message, null);
  }

  /**
   * Returns the field that failed validation.
   *
   * @return the field name
   */
  public String field() {
    return field;
  }

  /**
   * Returns what is wrong with the field, without the prefix and the cause.
   *
   * @return the human-readable message
   */
  public String detail() {
    return detail;
  }

  private static String render(String field, String message, Throwable cause) {
    String base = "cache configuration error: " + field + ": " + message;
    return cause == null ? base : base + ": " + describe(cause);
  }
}

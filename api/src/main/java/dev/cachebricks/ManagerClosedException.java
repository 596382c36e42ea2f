package dev.cachebricks;

import dev.cachebricks.tenant.Manager;

/** {@link Manager#get(String)} was called after {@link Manager#close()}. */
public class ManagerClosedException extends CacheException {

  private static final long serialVersionUID = 1L;

  /** The message of this exception. */
  public static final String MESSAGE = "cache: manager closed";

  /** Creates the exception. */
  public ManagerClosedException() {
    super(MESSAGE);
  }
}

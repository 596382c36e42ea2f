package dev.cachebricks.contract;

import java.util.Objects;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Something a test class starts once before its tests and closes after them (a member, a
 * backend, a JSR-107 provider): one static field instead of a {@code @BeforeAll} and an
 * {@code @AfterAll} per class.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final ClassResource<Members> cluster = new ClassResource<>(() -> Members.start(1));
 * }</pre>
 *
 * @param <T> what is started
 */
public final class ClassResource<T extends AutoCloseable>
    implements BeforeAllCallback, AfterAllCallback {

  private final Supplier<? extends T> start;
  private T value;
  /** Classes running: a {@code @Nested} class runs inside its outer one and shares its value. */
  private int depth;

  /**
   * Creates the extension.
   *
   * @param start starts the resource, before the class's first test
   */
  public ClassResource(Supplier<? extends T> start) {
    this.start = Objects.requireNonNull(start, "start");
  }

  /**
   * Returns the started resource.
   *
   * @return the resource
   * @throws IllegalStateException outside the test class's lifetime
   */
  public T get() {
    if (value == null) {
      throw new IllegalStateException("not started: register with @RegisterExtension on a"
          + " static field");
    }
    return value;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    if (depth++ == 0) {
      value = start.get();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (--depth == 0) {
      T started = value;
      value = null;
      if (started != null) {
        started.close();
      }
    }
  }
}

package dev.cachebricks.cbor;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives a property a small integer CBOR map key instead of its name (Go's
 * {@code cbor:"1,keyasint"}). Integer keys make payloads smaller and interoperate with Go
 * encoders. On decode, the integer key {@code n} (and, for convenience, the text key
 * {@code "n"}) is accepted.
 *
 * <pre>{@code
 * record User(@CborKey(1) long id, @CborKey(2) String name, @CborKey(3) String email) {}
 * }</pre>
 *
 * Put it on a record component, a field, or a getter/setter pair of one property; keys must be
 * unique within a type and not negative.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER,
    ElementType.RECORD_COMPONENT})
public @interface CborKey {

  /**
   * The integer map key.
   *
   * @return the key, 0 or more
   */
  int value();
}

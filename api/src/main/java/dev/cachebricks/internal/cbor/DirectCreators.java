package dev.cachebricks.internal.cbor;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.ValueInstantiator;
import tools.jackson.databind.deser.ValueInstantiators;
import tools.jackson.databind.deser.std.StdValueInstantiator;
import tools.jackson.databind.introspect.AnnotatedConstructor;
import tools.jackson.databind.introspect.AnnotatedMethod;
import tools.jackson.databind.introspect.AnnotatedWithParams;

/**
 * Calls the creator of a record or {@code @JsonCreator} class through a method handle fitted to
 * its arity once, instead of Jackson 3's {@code MethodHandle.invokeWithArguments} per value
 * (which builds a spreading invoker on every call: about a seventh of decoding a struct of
 * records). Everything else about the instantiator (which creator, its properties, the errors a
 * failing creator gives) stays Jackson's: only its own {@link StdValueInstantiator} is replaced,
 * by a copy that differs in the call alone, and only when the handle can be made.
 */
final class DirectCreators implements ValueInstantiators {

  @Override
  public ValueInstantiator findValueInstantiator(DeserializationConfig config,
      BeanDescription.Supplier beanDescRef) {
    return null;
  }

  @Override
  public ValueInstantiator modifyValueInstantiator(DeserializationConfig config,
      BeanDescription.Supplier beanDescRef, ValueInstantiator defaultInstantiator) {
    if (defaultInstantiator.getClass() != StdValueInstantiator.class
        || !defaultInstantiator.canCreateFromObjectWith()) {
      return defaultInstantiator;
    }
    MethodHandle handle = spreader(defaultInstantiator.getWithArgsCreator());
    return handle == null ? defaultInstantiator
        : new Direct((StdValueInstantiator) defaultInstantiator, handle);
  }

  /** {@code (Object[]) -> Object} calling the creator, or null if it cannot be made. */
  private static MethodHandle spreader(AnnotatedWithParams creator) {
    try {
      MethodHandle target;
      if (creator instanceof AnnotatedConstructor constructor) {
        Constructor<?> c = constructor.getAnnotated();
        target = MethodHandles.lookup().unreflectConstructor(c);
      } else if (creator instanceof AnnotatedMethod method
          && Modifier.isStatic(method.getAnnotated().getModifiers())) {
        Method m = method.getAnnotated();
        target = MethodHandles.lookup().unreflect(m);
      } else {
        return null;
      }
      target = target.asFixedArity(); // a varargs creator takes its array as one argument
      int arity = target.type().parameterCount();
      return target.asType(target.type().generic())
          .asSpreader(Object[].class, arity)
          .asType(MethodType.methodType(Object.class, Object[].class));
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null; // not accessible to this module: Jackson's own call stays
    }
  }

  /** Jackson's instantiator, calling its creator with arguments through {@link #handle}. */
  static final class Direct extends StdValueInstantiator {

    private static final long serialVersionUID = 1L;

    private final transient MethodHandle handle;

    Direct(StdValueInstantiator source, MethodHandle handle) {
      super(source);
      this.handle = handle;
    }

    @Override
    public Object createFromObjectWith(DeserializationContext ctxt, Object[] args) {
      if (handle == null) { // a deserialized copy
        return super.createFromObjectWith(ctxt, args);
      }
      try {
        return (Object) handle.invokeExact(args);
      } catch (Exception e) { // as Jackson's: the creator's own exceptions are reported
        return ctxt.handleInstantiationProblem(_valueClass, args, rewrapCtorProblem(ctxt, e));
      } catch (Error e) {
        throw e;
      } catch (Throwable e) {
        throw new IllegalStateException(e);
      }
    }
  }
}

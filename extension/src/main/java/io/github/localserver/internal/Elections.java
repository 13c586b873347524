package io.github.localserver.internal;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;

/**
 * Several {@code LocalServerExtension} objects can be registered for one test (the one that
 * {@code @LocalServer} registers, any built with {@code builder()} in fields), and JUnit may even
 * register one object twice (a static field inherited by a nested class and its outer class). Each
 * callback and each parameter must still be handled exactly once per context: the first call does
 * the work for all declarations (it finds them all itself), every other one stands by.
 */
public final class Elections {

  private Elections() {}

  private record Key(String contextId, String what) {}

  /** Whether this is the first call of this callback for this context. */
  public static boolean first(ExtensionContext context, String callback) {
    return Stores.compute(context, new Key(context.getUniqueId(), callback), key -> new AtomicBoolean(), AtomicBoolean.class)
        .compareAndSet(false, true);
  }

  /**
   * Whether this call claims the parameter: JUnit asks every registered resolver, so with one
   * object registered twice only the first may say yes. The claim lasts until {@link #release},
   * after resolution, so that the same parameter can be resolved again in the same context (a
   * constructor called once per test with a class-level context).
   */
  public static boolean firstClaim(ExtensionContext context, ParameterContext parameter) {
    return claim(context, parameter).compareAndSet(false, true);
  }

  /** Ends a claim once the parameter is resolved. */
  public static void release(ExtensionContext context, ParameterContext parameter) {
    claim(context, parameter).set(false);
  }

  private static AtomicBoolean claim(ExtensionContext context, ParameterContext parameter) {
    String what = "parameter " + parameter.getIndex() + " of " + parameter.getDeclaringExecutable();
    return Stores.compute(context, new Key(context.getUniqueId(), what), key -> new AtomicBoolean(), AtomicBoolean.class);
  }
}

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

  /** Whether this is the first claim on this parameter in this context. */
  public static boolean firstClaim(ExtensionContext context, ParameterContext parameter) {
    String what = "parameter " + parameter.getIndex() + " of " + parameter.getDeclaringExecutable();
    return first(context, what);
  }
}

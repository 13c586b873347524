package io.github.localserver.internal;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;

/**
 * Makes each callback do its work once per extension context however many {@code
 * LocalServerExtension} objects JUnit calls for it, and lets only one of them claim a parameter.
 * The guards live in the context's store, so they end with it.
 */
final class OncePerContext {

  /** The callbacks guarded. */
  enum Callback {
    BEFORE_ALL,
    AFTER_ALL,
    BEFORE_EACH,
    AFTER_EACH,
    DYNAMIC_TEST
  }

  private OncePerContext() {}

  private record CallbackKey(String contextId, Callback callback) {}

  private record InstanceKey(String contextId, int instance) {}

  private record ParameterKey(String contextId, int index, java.lang.reflect.Executable executable) {}

  /** Whether this is the first call of this callback for this context. */
  static boolean first(ExtensionContext context, Callback callback) {
    return flag(context, new CallbackKey(context.getUniqueId(), callback)).compareAndSet(false, true);
  }

  /** Whether this is the first post-processing of this instance in this context. */
  static boolean firstFor(ExtensionContext context, Object instance) {
    return flag(context, new InstanceKey(context.getUniqueId(), System.identityHashCode(instance)))
        .compareAndSet(false, true);
  }

  /**
   * Whether this call claims the parameter: JUnit asks every registered resolver, so with one
   * object registered twice only the first may say yes. The claim lasts until {@link #release},
   * after resolution, so that the same parameter can be resolved again in the same context (a
   * constructor called once per test with a class-level context).
   */
  static boolean claim(ExtensionContext context, ParameterContext parameter) {
    return parameterFlag(context, parameter).compareAndSet(false, true);
  }

  /** Ends a claim once the parameter is resolved. */
  static void release(ExtensionContext context, ParameterContext parameter) {
    parameterFlag(context, parameter).set(false);
  }

  private static AtomicBoolean parameterFlag(ExtensionContext context, ParameterContext parameter) {
    return flag(context, new ParameterKey(context.getUniqueId(), parameter.getIndex(), parameter.getDeclaringExecutable()));
  }

  private static AtomicBoolean flag(ExtensionContext context, Object key) {
    return ContextStore.compute(context, key, k -> new AtomicBoolean(), AtomicBoolean.class);
  }
}

package io.github.localserver.internal;

import java.util.function.Function;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;

/**
 * The one place that touches {@link ExtensionContext.Store}'s compute method: {@code
 * getOrComputeIfAbsent} exists from JUnit 5.0 to 6.x (deprecated in 6, where {@code
 * computeIfAbsent} arrived), so one jar serves both lines.
 */
final class ContextStore {

  /** LocalServer's own namespace in every store. */
  static final Namespace NAMESPACE = Namespace.create("io.github.localserver");

  private ContextStore() {}

  static ExtensionContext.Store of(ExtensionContext context) {
    return context.getStore(NAMESPACE);
  }

  @SuppressWarnings("deprecation")
  static <K, V> V compute(ExtensionContext context, K key, Function<K, V> factory, Class<V> type) {
    return of(context).getOrComputeIfAbsent(key, factory, type);
  }
}

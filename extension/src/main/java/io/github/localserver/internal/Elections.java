package io.github.localserver.internal;

import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Several {@code LocalServerExtension} objects can be registered for one test: the one that
 * {@code @LocalServer} registers and any built with {@code builder()} in fields. Each callback and
 * each parameter must be handled once, so per context the first object JUnit calls is elected and
 * does the work for all declarations (it finds them all itself); the others stand by.
 */
public final class Elections {

  private Elections() {}

  private record Key(String contextId) {}

  /** Whether this extension object handles this context. */
  public static boolean won(Object extension, ExtensionContext context) {
    Object elected =
        Stores.compute(context, new Key(context.getUniqueId()), key -> extension, Object.class);
    return elected == extension;
  }
}

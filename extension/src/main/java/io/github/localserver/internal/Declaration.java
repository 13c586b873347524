package io.github.localserver.internal;

import io.github.localserver.Lifecycle;

/**
 * One declared server: its settings, where it was declared and, for the programmatic form, the
 * binding of the {@code LocalServerExtension} field. Compared by identity: it is the store key of
 * its server.
 */
final class Declaration {

  private final ServerSettings settings;
  private final boolean perTest;
  private final String origin;
  private final ServerBinding binding;

  Declaration(ServerSettings settings, boolean perTest, String origin, ServerBinding binding) {
    this.settings = settings;
    this.perTest = perTest;
    this.origin = origin;
    this.binding = binding;
  }

  ServerSettings settings() {
    return settings;
  }

  String name() {
    return settings.name();
  }

  /** Whether each test gets its own server (method-level, {@code PER_METHOD}, instance field). */
  boolean perTest() {
    return perTest || settings.lifecycle() == Lifecycle.PER_METHOD;
  }

  /** Where it was declared, for messages: {@code @LocalServer on OrdersTest}. */
  String origin() {
    return origin;
  }

  /** The programmatic extension's binding, or {@code null} for an annotation. */
  ServerBinding binding() {
    return binding;
  }
}

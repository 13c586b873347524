package io.github.localserver.internal;

import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Starts a visible declaration's server on first use and keeps it in its owner's store. */
final class ServerStore {

  private ServerStore() {}

  /**
   * The running server of a visible declaration, started if need be.
   *
   * @param error makes the exception for a per-test server asked for outside a test
   */
  static StartedServer<?> acquire(VisibleServers.Visible visible, Function<String, RuntimeException> error) {
    if (visible.owner() == null) {
      Declaration declaration = visible.declaration();
      throw error.apply(
          declaration.settings().sentenceLabel()
              + " ("
              + declaration.origin()
              + ") is PER_METHOD: a fresh server for each test, which does not exist in @BeforeAll,"
              + " @AfterAll or a static field; use lifecycle = PER_CLASS, or ask for it in a test,"
              + " @BeforeEach, @AfterEach or an instance field");
    }
    ExtensionContext owner = visible.owner();
    return ContextStore.compute(owner, visible.declaration(), declaration -> start(declaration, owner), StartedServer.class);
  }

  /** The server of a visible declaration if it was started, without starting it. */
  static Optional<StartedServer<?>> find(VisibleServers.Visible visible) {
    if (visible.owner() == null) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(
          ContextStore.of(visible.owner()).get(visible.declaration(), StartedServer.class));
    } catch (RuntimeException e) {
      return Optional.empty(); // its start failed; that failure is reported already
    }
  }

  private static StartedServer<?> start(Declaration declaration, ExtensionContext owner) {
    StartedServer<?> server =
        declaration.settings().isHttp()
            ? ServerStarter.of(owner).acquire(declaration.settings())
            : FactoryServer.start(declaration.settings());
    ServerBinding binding = declaration.binding();
    if (binding != null) {
      binding.started(server);
      server.onClose(() -> binding.closed(server));
    }
    return server;
  }
}

package io.github.localserver.internal;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Links a {@code LocalServerExtension} built with {@code builder()} to the server(s) started for
 * it, so that the extension object can act as a {@link io.github.localserver.LocalHttpServer}.
 *
 * <p>The server itself lives in JUnit's store; this only points at it. The thread running a test
 * (or a class's {@code @BeforeAll}) sees that test's server; other threads see the one running
 * server, when there is exactly one.
 */
public final class ServerBinding {

  private static final Map<Object, ServerBinding> BY_EXTENSION =
      Collections.synchronizedMap(new WeakHashMap<>());

  private final ServerSettings.Declared declared;
  private final String description;
  /**
   * The servers this thread is inside of, innermost last: a class's (from before {@code @BeforeAll}
   * to after {@code @AfterAll}) and a test's. A stack, because a JUnit worker that waits for other
   * tasks may run another class's callbacks in between; they are always properly nested.
   */
  private final InheritableThreadLocal<Deque<StartedServer<?>>> onThread =
      new InheritableThreadLocal<>() {
        @Override
        protected Deque<StartedServer<?>> initialValue() {
          return new ArrayDeque<>();
        }

        @Override
        protected Deque<StartedServer<?>> childValue(Deque<StartedServer<?>> parent) {
          return new ArrayDeque<>(parent); // a thread the test starts sees the same server
        }
      };
  private final Set<StartedServer<?>> running = ConcurrentHashMap.newKeySet();

  private ServerBinding(ServerSettings.Declared declared, String description) {
    this.declared = declared;
    this.description = description;
  }

  /** Creates the binding of a programmatic extension. */
  static ServerBinding register(Object extension, ServerSettings.Declared declared, String description) {
    ServerBinding binding = new ServerBinding(declared, description);
    BY_EXTENSION.put(extension, binding);
    return binding;
  }

  /** The binding of an extension object, or {@code null} for the declarative one. */
  static ServerBinding of(Object extension) {
    return BY_EXTENSION.get(extension);
  }

  /** For messages: {@code LocalServerExtension "api"}. */
  String description() {
    return description;
  }

  ServerSettings.Declared declared() {
    return declared;
  }

  void started(StartedServer<?> server) {
    running.add(server);
  }

  void closed(StartedServer<?> server) {
    running.remove(server);
  }

  /**
   * Points the scope's programmatic extensions at their servers on this thread: in a test, every
   * visible one; before a class's {@code @BeforeAll}, the class-scoped ones.
   */
  static void enter(VisibleServers scope, boolean test) {
    for (VisibleServers.Visible visible : scope.outerFirst()) {
      ServerBinding binding = visible.declaration().binding();
      if (binding != null && (test || !visible.declaration().perTest())) {
        ServerStore.find(visible).ifPresent(binding::enterThread);
      }
    }
  }

  /** Undoes {@link #enter}. */
  static void leave(VisibleServers scope, boolean test) {
    for (VisibleServers.Visible visible : scope.outerFirst()) {
      ServerBinding binding = visible.declaration().binding();
      if (binding != null && (test || !visible.declaration().perTest())) {
        ServerStore.find(visible).ifPresent(binding::leaveThread);
      }
    }
  }

  /** This thread is now inside the server's scope (a class's before-all, or a test). */
  void enterThread(StartedServer<?> server) {
    onThread.get().addLast(server);
  }

  /** This thread leaves the server's scope. */
  void leaveThread(StartedServer<?> server) {
    onThread.get().removeLastOccurrence(server);
  }

  private io.github.localserver.LocalHttpServer http(StartedServer<?> server) {
    if (server instanceof RunningServer http) {
      return http;
    }
    throw new IllegalStateException(
        description + " stands for " + server + ", which is not an HTTP server; inject it with @Server instead");
  }

  /** The server this extension stands for right now. */
  io.github.localserver.LocalHttpServer current() {
    StartedServer<?> server = onThread.get().peekLast();
    if (server != null && !server.isClosed()) {
      return http(server);
    }
    Set<StartedServer<?>> snapshot = Set.copyOf(running);
    if (snapshot.size() == 1) {
      return http(snapshot.iterator().next());
    }
    if (snapshot.isEmpty()) {
      throw new IllegalStateException(
          description
              + " has no running server here: a static field's server runs from before @BeforeAll to"
              + " after @AfterAll, an instance field's from before @BeforeEach to after @AfterEach");
    }
    throw new IllegalStateException(
        description
            + " has "
            + snapshot.size()
            + " running servers (one per concurrently running test class) and this thread belongs"
            + " to none; inject LocalHttpServer as a parameter instead");
  }
}

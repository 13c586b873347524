package io.github.localserver.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Reuses started HTTP engines between scopes, because starting WireMock costs about 10 ms a
 * class and a clean reset about 30 µs.
 *
 * <p>How it works: one pool per test run, in the JUnit root context's store, so JUnit closes it
 * (and every idle engine) when the run ends. A scope that ends hands its engine back; the pool
 * cleans it completely ({@link HttpEngine#clean()}: its client's calls cancelled, listening again,
 * only the stub files' stubs, empty journal, scenarios and sequences restarted, default global
 * settings, no pooled client connection) before any other scope can take it, so no class ever sees state left by another.
 * Only servers on a free port are reused (a fixed port is the user's explicit choice), and only
 * engines with the same address, scheme and stub files. At most {@value #MAX_IDLE} idle engines
 * are kept; more are stopped.
 */
@SuppressWarnings("deprecation") // CloseableResource: how JUnit before 5.13 closes stored values
public final class ServerPool implements AutoCloseable, ExtensionContext.Store.CloseableResource {

  static final int MAX_IDLE = 16;

  private static final Logger LOG = System.getLogger("io.github.localserver");

  private final Deque<HttpEngine> idle = new ConcurrentLinkedDeque<>();
  private boolean closed; // guarded by this

  private ServerPool() {}

  /** A pool of its own (benchmarks and tests of the internals); JUnit runs use {@link #of}. */
  public static ServerPool create() {
    return new ServerPool();
  }

  /** The run's pool. */
  static ServerPool of(ExtensionContext context) {
    return Stores.compute(context.getRoot(), ServerPool.class, key -> new ServerPool(), ServerPool.class);
  }

  /** A server for one scope: an idle engine that fits, or a new one. */
  public RunningServer acquire(ServerSettings settings) {
    if (settings.port() == 0) {
      for (HttpEngine engine : idle) {
        if (engine.fits(settings) && idle.remove(engine)) {
          return new RunningServer(settings, engine, this);
        }
      }
    }
    return new RunningServer(settings, HttpEngine.start(settings), settings.port() == 0 ? this : null);
  }

  /** Takes an engine back from a scope that ended. */
  void release(HttpEngine engine) {
    try {
      engine.clean();
    } catch (RuntimeException | Error e) {
      // Not reusable (say, a port taken during an outage the scope left unended): stop it rather
      // than hand on its state. The scope's tests are over and passed as they did; a failure to
      // stop what could not be cleaned is logged, not thrown at a class that did nothing wrong.
      try {
        engine.close();
      } catch (RuntimeException | Error closing) {
        closing.addSuppressed(e);
        LOG.log(Level.WARNING, "Could not stop a server that could not be cleaned for reuse", closing);
      }
      return;
    }
    synchronized (this) {
      if (!closed && idle.size() < MAX_IDLE) {
        idle.push(engine);
        return;
      }
    }
    engine.close();
  }

  /** How many engines wait to be reused. */
  int idleCount() {
    return idle.size();
  }

  /** Stops every idle engine; engines still in use are stopped when handed back. */
  @Override
  public void close() {
    List<HttpEngine> engines = new ArrayList<>();
    synchronized (this) {
      closed = true;
      for (HttpEngine engine; (engine = idle.poll()) != null; ) {
        engines.add(engine);
      }
    }
    RuntimeException failure = null;
    for (HttpEngine engine : engines) {
      try {
        engine.close();
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}

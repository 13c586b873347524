package io.github.localserver.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts the HTTP servers of one test run, each new, for one scope; and keeps the next one ready.
 *
 * <p>How it works: isolation comes from never handing a server to a second scope. Speed comes from
 * starting ahead: when a scope takes a server on a free port, a spare with the same address, scheme,
 * stub folder and WireMock options is started in the background, on one daemon thread, so the next scope that asks
 * for such a server takes one that is already listening. A spare is touched by nobody before it is
 * handed out (it is as new as a server started on the spot), and a spare nobody takes is stopped
 * when the run ends. Servers on a fixed port are always started on the spot.
 *
 * <p>One per test run, in the JUnit root context's store, which closes it when the run ends.
 */
@SuppressWarnings("deprecation") // CloseableResource: how JUnit before 5.13 closes stored values
public final class ServerStarter implements AutoCloseable, ExtensionContext.Store.CloseableResource {

  private static final Logger LOG = System.getLogger("io.github.localserver");
  /** How long taking a spare that is still starting may take before starting one on the spot. */
  private static final long SPARE_WAIT_SECONDS = 30;

  private record SpareKey(
      InetAddress address, boolean https, String mappings, PassedOptions options, ClassLoader loader) {}

  private final boolean adminOpen;
  private final Map<SpareKey, Future<HttpEngine>> spares = new ConcurrentHashMap<>();
  /**
   * Starts spares, and finishes closing servers whose scope ended (stops their threads, deletes
   * their files): one thread for both, so that the background takes one core at most, and a scope
   * that starts right after another ended mostly finds it busy rather than wakes it.
   */
  private final ExecutorService background =
      Executors.newSingleThreadExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "localserver-background");
            thread.setDaemon(true);
            return thread;
          });
  private final List<Future<?>> closing = new ArrayList<>(); // guarded by this
  private boolean closed; // guarded by this

  private ServerStarter(boolean adminOpen) {
    this.adminOpen = adminOpen;
  }

  /**
   * A starter of its own (benchmarks and tests of the internals); JUnit runs use {@link #of}.
   *
   * @param adminOpen whether WireMock's admin API is open to any client
   */
  public static ServerStarter create(boolean adminOpen) {
    return new ServerStarter(adminOpen);
  }

  /** The run's starter. */
  static ServerStarter of(ExtensionContext context) {
    return ContextStore.compute(
        context.getRoot(),
        ServerStarter.class,
        key -> new ServerStarter(RunConfiguration.of(context).adminApiOpen()),
        ServerStarter.class);
  }

  /** A new server for one scope: the spare if one is ready, else one started now. */
  public RunningServer acquire(ServerSettings settings) {
    ClasspathCheck.requireWireMock();
    RecordMode.requireReachable(settings);
    if (settings.port() != 0 || RecordMode.records(settings)) { // a recording server: never a spare
      return new RunningServer(settings, HttpEngine.start(settings, adminOpen), this::finishClose);
    }
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    SpareKey key = new SpareKey(settings.address(), settings.https(), settings.mappings(), settings.options(), loader);
    Future<HttpEngine> spare = spares.remove(key);
    startSpare(key, settings);
    HttpEngine engine = spare == null ? null : take(spare);
    return new RunningServer(
        settings, engine != null ? engine : HttpEngine.start(settings, adminOpen), this::finishClose);
  }

  private void startSpare(SpareKey key, ServerSettings settings) {
    synchronized (this) {
      if (closed) {
        return;
      }
      spares.computeIfAbsent(key, k -> background.submit(() -> startInBackground(settings, k.loader())));
    }
  }

  private HttpEngine startInBackground(ServerSettings settings, ClassLoader loader) {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(loader); // stub files are found as the test's thread finds them
    try {
      return HttpEngine.start(settings, adminOpen);
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  /** The spare, or {@code null} if it could not start: the caller starts one and reports why. */
  private static HttpEngine take(Future<HttpEngine> spare) {
    try {
      return spare.get(SPARE_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return null; // started again on the caller's thread, where the failure is reported
    } catch (TimeoutException e) {
      spare.cancel(true);
      LOG.log(Level.WARNING, "A server started ahead took over " + SPARE_WAIT_SECONDS + " s; starting another");
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while taking a server started ahead", e);
    }
  }

  /**
   * Runs the rest of a server's close (its port already refuses connections) in the background,
   * where it costs the next scope nothing; the run's end waits for it. After the run's end, or
   * if the background thread is gone, it runs here.
   */
  private void finishClose(Runnable rest) {
    synchronized (this) {
      if (!closed) {
        closing.removeIf(Future::isDone);
        closing.add(background.submit(rest));
        return;
      }
    }
    rest.run();
  }

  /** Stops every spare nobody took, waiting for one still starting, and every close under way. */
  @Override
  public void close() {
    List<Future<HttpEngine>> left;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      left = new ArrayList<>(spares.values());
      spares.clear();
    }
    List<Future<?>> finishing;
    synchronized (this) {
      finishing = new ArrayList<>(closing);
      closing.clear();
    }
    background.shutdown();
    RuntimeException failure = null;
    for (Future<?> close : finishing) {
      try {
        close.get(SPARE_WAIT_SECONDS, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        failure = Failures.add(failure, e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause()));
      } catch (TimeoutException e) {
        failure = Failures.add(failure, new IllegalStateException("A server did not stop within " + SPARE_WAIT_SECONDS + " s"));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    for (Future<HttpEngine> spare : left) {
      Optional<HttpEngine> engine = Optional.ofNullable(take(spare));
      try {
        engine.ifPresent(HttpEngine::close);
      } catch (RuntimeException e) {
        failure = Failures.add(failure, e);
      }
    }
    try {
      if (!background.awaitTermination(SPARE_WAIT_SECONDS, TimeUnit.SECONDS)) {
        failure = Failures.add(failure, new IllegalStateException("The thread starting servers ahead did not end"));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (failure != null) {
      throw failure;
    }
  }

}

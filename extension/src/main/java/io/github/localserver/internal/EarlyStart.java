package io.github.localserver.internal;

import io.github.localserver.LocalServer;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.engine.discovery.MethodSelector;
import org.junit.platform.launcher.LauncherDiscoveryListener;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Starts a run's first HTTP server while JUnit is still discovering the tests, so that in a fresh
 * JVM (every {@code mvn test}, every IDE run of one class) loading WireMock and starting it overlap
 * with JUnit's own start-up instead of following it.
 *
 * <p>How it works: the launcher hands every discovery request to the {@code
 * LauncherDiscoveryListener}s registered through {@code META-INF/services}, as this one is, before
 * the engines discover anything. When a class the request selects by name (as Surefire, Gradle and
 * IDEs select classes and methods) declares {@code @LocalServer} on a free port, a daemon thread
 * starts a server with that declaration's settings. The run's {@link ServerStarter} takes it as its
 * first spare (a server nobody touched, for the first scope that asks for the same settings), or
 * stops it when the run ends. A server nobody took (the class was filtered out, or the launcher
 * session ended first) is stopped when the launcher session closes: this class is also its {@code
 * LauncherSessionListener}. Nothing here can fail a run: when the early start fails, the scope
 * starts its server itself and reports why.
 *
 * <p>Only a launcher loads these services, so this class, which links to the launcher API, is never
 * touched where the launcher is absent.
 */
public final class EarlyStart implements LauncherDiscoveryListener, LauncherSessionListener {

  private static final Logger LOG = System.getLogger("io.github.localserver");
  private static final long WAIT_SECONDS = 30;

  /** A server starting ahead of the run, with what it was started for. */
  record Early(ServerSettings settings, ClassLoader loader, boolean adminOpen, Future<HttpEngine> engine) {}

  /** The one early server of this JVM not yet taken: launcher sessions run one at a time. */
  private static final AtomicReference<Early> PENDING = new AtomicReference<>();

  /** Made by {@code ServiceLoader}. */
  public EarlyStart() {}

  @Override
  public void launcherDiscoveryStarted(LauncherDiscoveryRequest request) {
    try {
      Optional<LocalServer> declaration = firstDeclaration(request);
      if (declaration.isEmpty()) {
        return;
      }
      RunConfiguration run = RunConfiguration.parse(request.getConfigurationParameters()::get);
      ServerSettings settings = ServerSettings.resolve(ServerSettings.Declared.of(declaration.get()), run);
      if (!settings.isHttp() || settings.port() != 0) {
        return;
      }
      ClassLoader loader = Thread.currentThread().getContextClassLoader();
      boolean adminOpen = run.adminApiOpen();
      FutureTask<HttpEngine> task = new FutureTask<>(() -> HttpEngine.start(settings, adminOpen));
      if (PENDING.compareAndSet(null, new Early(settings, loader, adminOpen, task))) {
        Thread thread = new Thread(task, "localserver-early-start");
        thread.setDaemon(true);
        thread.setContextClassLoader(loader); // stub files are found as the test's thread finds them
        thread.start();
      }
    } catch (RuntimeException | LinkageError e) {
      // a bad declaration or configuration: the extension reports it where it applies
    }
  }

  /** The first {@code @LocalServer} on a class selected by name, if any. */
  private static Optional<LocalServer> firstDeclaration(LauncherDiscoveryRequest request) {
    for (ClassSelector selector : request.getSelectorsByType(ClassSelector.class)) {
      Optional<LocalServer> found = declaredOn(selector::getJavaClass);
      if (found.isPresent()) {
        return found;
      }
    }
    for (MethodSelector selector : request.getSelectorsByType(MethodSelector.class)) {
      Optional<LocalServer> found = declaredOn(selector::getJavaClass);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  private interface ClassSource {
    Class<?> load();
  }

  private static Optional<LocalServer> declaredOn(ClassSource source) {
    try {
      List<LocalServer> declared = AnnotationSupport.findRepeatableAnnotations(source.load(), LocalServer.class);
      return declared.stream().findFirst();
    } catch (RuntimeException | LinkageError e) {
      return Optional.empty(); // not loadable here: its engine reports it
    }
  }

  /**
   * Hands the early server, if one is starting, to the run's starter as its first spare.
   *
   * @param starter the run's starter, just made
   * @param adminOpen whether the run's admin API is open
   */
  static void handTo(ServerStarter starter, boolean adminOpen) {
    Early early = PENDING.getAndSet(null);
    if (early == null) {
      return;
    }
    if (early.adminOpen() == adminOpen) {
      starter.adopt(early.settings(), early.loader(), early.engine());
    } else {
      stop(early);
    }
  }

  @Override
  public void launcherSessionClosed(LauncherSession session) {
    Early early = PENDING.getAndSet(null);
    if (early != null) {
      stop(early);
    }
  }

  private static void stop(Early early) {
    try {
      early.engine().get(WAIT_SECONDS, TimeUnit.SECONDS).close();
    } catch (ExecutionException e) {
      // it never started: nothing to stop
    } catch (TimeoutException e) {
      early.engine().cancel(true);
      LOG.log(Level.WARNING, "A server started ahead of the run took over " + WAIT_SECONDS + " s; abandoned it");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Could not stop a server started ahead of the run", e);
    }
  }
}

package io.github.localserver.internal;

import io.github.localserver.LocalHttpServer;
import java.util.List;
import javax.net.SocketFactory;

/**
 * The benchmarks module's one door into the internals: how a test run gets a server for a scope and
 * ends it, and what it does around each test of a {@code PER_CLASS} server, without JUnit, so that
 * each can be measured alone. Not API.
 */
public final class BenchmarkAccess {

  private BenchmarkAccess() {}

  /**
   * A run's starter of servers, as each JUnit run has one: a new server for each scope, and a spare
   * with the same settings started ahead in the background.
   */
  public static final class Starter implements AutoCloseable {
    private final ServerStarter starter = ServerStarter.create(false);
    private final ServerSettings http = settings(false);
    private final ServerSettings https = settings(true);

    private Starter() {}

    /**
     * A new server for one scope, as a class declaring {@code @LocalServer} (or {@code
     * https = true}) gets: the spare if one is ready, else one started now.
     *
     * @param isHttps whether it serves HTTPS
     * @return the server; end its scope with {@link BenchmarkAccess#close}
     */
    public LocalHttpServer acquire(boolean isHttps) {
      return starter.acquire(isHttps ? https : http);
    }

    /** Stops the spares nobody took, as the end of a run does. */
    @Override
    public void close() {
      starter.close();
    }
  }

  /**
   * A starter of its own, with the admin API protected (the default).
   *
   * @return a new starter; close it
   */
  public static Starter starter() {
    return new Starter();
  }

  /**
   * A server started on the spot, with no spare, as the first scope of a run without an early
   * start gets one.
   *
   * @param isHttps whether it serves HTTPS
   * @return the server; end its scope with {@link #close}
   */
  public static LocalHttpServer startFresh(boolean isHttps) {
    return RunningServer.start(settings(isHttps));
  }

  /**
   * Ends a server's scope, as the end of its class or test does: it stops for good.
   *
   * @param server a server from this class
   */
  public static void close(LocalHttpServer server) {
    ((RunningServer) server).close();
  }

  /**
   * The socket factory of the clients LocalServer injects: {@code TCP_NODELAY} on every socket.
   *
   * @return a new factory
   */
  public static SocketFactory noDelaySocketFactory() {
    return new NoDelaySocketFactory();
  }

  /** What a plain {@code @LocalServer} (or {@code @LocalServer(https = true)}) resolves to. */
  private static ServerSettings settings(boolean isHttps) {
    return ServerSettings.resolve(
        new ServerSettings.Declared(false, "", null, 0, isHttps ? Boolean.TRUE : null, null, "", null, null),
        RunConfiguration.defaults());
  }

  /**
   * What happens before each test of a shared server: take its turn, back to the class baseline.
   *
   * @param server a server from {@link Starter#acquire}
   * @param testId the test's unique id
   * @param classIds the test's class contexts, innermost first
   */
  public static void enterTest(LocalHttpServer server, String testId, List<String> classIds) {
    ((RunningServer) server).enterTest(testId, classIds);
  }

  /** What happens after each test: give the turn back. */
  public static void leaveTest(LocalHttpServer server, String testId) {
    ((RunningServer) server).leaveTest(testId);
  }
}

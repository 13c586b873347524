package io.github.localserver.internal;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.Options;
import java.time.Duration;

/**
 * WireMock's server, with a shutdown that LocalServer can wait for.
 *
 * <p>WireMock answers {@code POST /__admin/shutdown} (and {@code shutdownServer()}) by stopping
 * itself 100 ms later on a thread of its own, so nobody can tell when it is over: a test that
 * starts meanwhile would find a running server die under it. Here the stop runs on a thread this
 * server keeps; {@link #awaitShutdown} waits for it (with a deadline) before the next test starts
 * the server again.
 */
final class ScopedWireMockServer extends WireMockServer {

  /** How long the admin request that asked for the shutdown has to be answered. */
  private static final long ANSWER_MILLIS = 100;

  private Thread shuttingDown; // guarded by this
  private boolean closed; // guarded by this

  private final ScopedJettyServer jetty;

  /**
   * @param options WireMock's options, whose {@code httpServerFactory} is {@code factory}
   */
  ScopedWireMockServer(Options options, ScopedJettyServer.Factory factory) {
    super(options);
    this.jetty = factory.built();
  }

  /** An outage: see {@link ScopedJettyServer#stopListening()}. */
  void stopListening() {
    jetty.stopListening();
  }

  /** A scope's end: see {@link ScopedJettyServer#cutOff}. */
  void cutOff(Duration deadline) {
    jetty.cutOff(deadline);
  }

  /** Ends an outage on the same port; after a shutdown over the admin API, starts it again. */
  void startListening() {
    if (!isRunning()) {
      start();
      return;
    }
    try {
      jetty.startListening();
    } catch (Exception e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /** Whether it runs and listens (not stopped, not in an outage). */
  boolean isListening() {
    return jetty.isListening();
  }

  /** Starts; a checked exception WireMock rethrows unchecked arrives as an unchecked one. */
  @Override
  public void start() {
    try {
      super.start();
    } catch (Exception e) { // WireMock rethrows Jetty's checked exceptions without declaring them
      throw unchecked(e);
    }
  }

  /** Stops; a checked exception WireMock rethrows unchecked arrives as an unchecked one. */
  @Override
  public void stop() {
    try {
      super.stop();
    } catch (Exception e) { // Jetty's ExecutionException from a failed start's clean-up, say
      throw unchecked(e);
    }
  }

  private static RuntimeException unchecked(Exception e) {
    return e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.toString(), e);
  }

  @Override
  public synchronized void shutdown() {
    if (closed || (shuttingDown != null && shuttingDown.isAlive())) {
      return;
    }
    Thread thread =
        new Thread(
            () -> {
              try {
                Thread.sleep(ANSWER_MILLIS); // let the admin response go out first, as WireMock does
              } catch (InterruptedException e) {
                return; // cut short by stopForGood(), which stops the server itself
              }
              stop();
            },
            "localserver-shutdown-" + port());
    thread.setDaemon(true);
    shuttingDown = thread;
    thread.start();
  }

  /** Waits for a shutdown asked for over the admin API, if one is under way. */
  void awaitShutdown(Duration deadline, String label) {
    Thread thread;
    synchronized (this) {
      thread = shuttingDown;
      shuttingDown = null;
    }
    if (thread == null) {
      return;
    }
    try {
      thread.join(deadline.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for " + label + " to shut down", e);
    }
    if (thread.isAlive()) {
      throw new IllegalStateException(
          ServerSettings.capitalized(label) + " did not shut down within " + deadline.toSeconds()
              + " s of the admin API's shutdown request");
    }
  }

  /** Stops for good: a shutdown under way is cut short, and none can be asked for afterwards. */
  void stopForGood() {
    Thread thread;
    synchronized (this) {
      closed = true;
      thread = shuttingDown;
      shuttingDown = null;
    }
    if (thread != null) {
      thread.interrupt();
      try {
        thread.join(SHUTDOWN_JOIN_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    stop();
  }

  private static final long SHUTDOWN_JOIN_MILLIS = 10_000;
}

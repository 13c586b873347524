package io.github.localserver.internal;

import com.github.tomakehurst.wiremock.core.Options;
import com.github.tomakehurst.wiremock.http.AdminRequestHandler;
import com.github.tomakehurst.wiremock.http.HttpServerFactory;
import com.github.tomakehurst.wiremock.http.StubRequestHandler;
import com.github.tomakehurst.wiremock.jetty11.Jetty11HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import wiremock.org.eclipse.jetty.io.EndPoint;
import wiremock.org.eclipse.jetty.io.ManagedSelector;
import wiremock.org.eclipse.jetty.server.ServerConnector;

/**
 * WireMock's Jetty server, with what a scope's server needs besides: an outage that keeps the
 * server running ({@link #stopListening()}), a cut-off at the scope's end that leaves the port
 * refusing connections before it returns ({@link #cutOff}), and a stop that drops the responses it
 * was still delaying ({@code Faults.delayed}, {@code slowBody}, any fixed or random delay) at once.
 *
 * <p>How the last works: delays are served asynchronously (no Jetty worker sleeps for them) on
 * WireMock's scheduler, which WireMock only {@code shutdown()}s, so a delayed task would still run
 * — and keep its thread — long after the server's scope ended. This server {@code shutdownNow()}s
 * it first.
 */
final class ScopedJettyServer extends Jetty11HttpServer {

  /** Builds this server for one WireMock server (its {@code httpServerFactory} option). */
  static final class Factory implements HttpServerFactory {
    private ScopedJettyServer built;

    @Override
    public synchronized ScopedJettyServer buildHttpServer(
        Options options, AdminRequestHandler adminRequestHandler, StubRequestHandler stubRequestHandler) {
      built = new ScopedJettyServer(options, adminRequestHandler, stubRequestHandler);
      return built;
    }

    /** The server it built. */
    synchronized ScopedJettyServer built() {
      if (built == null) {
        throw new IllegalStateException("WireMock did not use LocalServer's HTTP server factory");
      }
      return built;
    }
  }

  private ScopedJettyServer(
      Options options, AdminRequestHandler adminRequestHandler, StubRequestHandler stubRequestHandler) {
    super(options, adminRequestHandler, stubRequestHandler);
  }

  private ServerConnector connector() {
    return httpConnector != null ? httpConnector : httpsConnector;
  }

  /**
   * An outage: the connector stops listening and its connections are cut, while the server (its
   * handlers, its threads, its HTTP/2 state) keeps running. A full stop and start of Jetty would
   * leave a JDK client to meet a GOAWAY on its first connection afterwards.
   */
  void stopListening() {
    ServerConnector connector = connector();
    connector.getConnectedEndPoints().forEach(EndPoint::close);
    try {
      connector.stop();
    } catch (Exception e) {
      throw new IllegalStateException("Could not stop listening on port " + connector.getPort(), e);
    }
  }

  /**
   * A scope's end: the port refuses connections before this returns, and every connection is cut;
   * the rest of the stop (the connector's and Jetty's threads) is left to {@link #stop()}.
   *
   * <p>How it works: the JDK keeps a listening socket registered with a selector open, and
   * accepting, until that selector next selects; closing the channel alone is not enough. So the
   * channel is closed and each selector of the connector is asked, on its own thread, to select
   * once more, which releases the socket; this waits for that. One hand-over to a selector's
   * thread, where the connector's stop takes several. Should a selector not answer in time, the
   * connector is stopped, which cannot leave the socket open.
   */
  void cutOff(Duration deadline) {
    ServerConnector connector = connector();
    if (!connector.isRunning() || !(connector.getTransport() instanceof ServerSocketChannel channel)) {
      return; // in an outage, or shut down over the admin API: nothing listens
    }
    int port = connector.getLocalPort();
    try {
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not close the port " + port, e);
    }
    Collection<ManagedSelector> selectors = connector.getSelectorManager().getBeans(ManagedSelector.class);
    CountDownLatch released = new CountDownLatch(selectors.size());
    for (ManagedSelector selector : selectors) {
      selector.submit(
          javaSelector -> {
            try {
              javaSelector.selectNow(); // lets go of the closed channel; Jetty handles what it selected
            } catch (IOException | RuntimeException e) {
              // the selector is closing: it lets go of every channel as it does
            } finally {
              released.countDown();
            }
          });
    }
    connector.getConnectedEndPoints().forEach(EndPoint::close);
    try {
      if (!released.await(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
        stopListening();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopListening();
    }
  }

  /** Ends an outage: listens again on the same port. */
  void startListening() throws Exception {
    connector().start();
  }

  /** Whether the server runs and listens. */
  boolean isListening() {
    return isRunning() && connector().isRunning();
  }

  @Override
  public void stop() {
    if (scheduledExecutorService != null) {
      scheduledExecutorService.shutdownNow();
    }
    super.stop();
  }
}

package io.github.localserver.internal;

import com.github.tomakehurst.wiremock.core.Options;
import com.github.tomakehurst.wiremock.http.AdminRequestHandler;
import com.github.tomakehurst.wiremock.http.HttpServerFactory;
import com.github.tomakehurst.wiremock.http.StubRequestHandler;
import com.github.tomakehurst.wiremock.jetty11.Jetty11HttpServer;
import wiremock.org.eclipse.jetty.io.EndPoint;
import wiremock.org.eclipse.jetty.server.ServerConnector;

/**
 * WireMock's Jetty server, changed in one way: when it stops, responses it was still delaying
 * ({@code Faults.delayed}, {@code slowBody}, any fixed or random delay) are dropped at once.
 *
 * <p>How it works: delays are served asynchronously (no Jetty worker sleeps for them) on WireMock's
 * scheduler, which WireMock only {@code shutdown()}s, so a delayed task would still run — and keep
 * its thread — long after the server's scope ended. This server {@code shutdownNow()}s it first.
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

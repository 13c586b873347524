package io.github.localserver.benchmarks;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.localserver.LocalHttpServer;
import io.github.localserver.internal.BenchmarkAccess;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;

/**
 * A started server of one kind that answers {@code GET /hello} with {@code 200 hello}: a WireMock
 * stub for WireMock and LocalServer, a dispatcher for MockWebServer (whose queue would run dry).
 */
abstract class Served implements AutoCloseable {

  static final String PATH = "/hello";
  static final String BODY = "hello";

  /** The kinds, as named in benchmark parameters and reports. */
  static final String WIREMOCK = "wiremock";

  static final String MOCKWEBSERVER = "mockwebserver";
  static final String LOCALSERVER = "localserver";

  /**
   * MockWebServer with {@code TCP_NODELAY} on its accepted sockets, which it does not set itself:
   * it flushes a response's headers and body separately, so on a kept-alive connection the body
   * waits for the client's delayed ACK (about 40 ms on Linux). Not how users run it; here to show
   * what that costs.
   */
  static final String MOCKWEBSERVER_NODELAY = "mockwebserver-nodelay";

  abstract HttpUrl url();

  /** Empties the request journal, as the reset between two tests does. */
  abstract void clearJournal();

  @Override
  public abstract void close();

  /**
   * Starts one.
   *
   * @param pool where LocalServer takes its engine from
   */
  static Served start(String kind, BenchmarkAccess.Starter pool) {
    switch (kind) {
      case WIREMOCK:
        return new WireMockServed();
      case MOCKWEBSERVER:
        return new MockWebServerServed(false);
      case MOCKWEBSERVER_NODELAY:
        return new MockWebServerServed(true);
      case LOCALSERVER:
        return new LocalServerServed(pool);
      default:
        throw new IllegalArgumentException("Unknown server kind " + kind);
    }
  }

  private static final class WireMockServed extends Served {
    private final WireMockServer server = Fixtures.wireMock();

    WireMockServed() {
      server.start();
      server.stubFor(get(PATH).willReturn(ok(BODY)));
    }

    @Override
    HttpUrl url() {
      return HttpUrl.get(server.baseUrl() + PATH);
    }

    @Override
    void clearJournal() {
      server.resetRequests();
    }

    @Override
    public void close() {
      server.stop();
    }
  }

  private static final class MockWebServerServed extends Served {
    private final MockWebServer server;

    MockWebServerServed(boolean noDelay) {
      MockResponse hello = new MockResponse.Builder().body(BODY).build();
      MockResponse notFound = new MockResponse.Builder().code(404).build();
      server = noDelay ? Fixtures.mockWebServer(new NoDelayServerSocketFactory()) : Fixtures.mockWebServer();
      server.setDispatcher(
          new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
              return PATH.equals(request.getTarget()) ? hello : notFound;
            }
          });
    }

    @Override
    HttpUrl url() {
      return server.url(PATH);
    }

    @Override
    void clearJournal() {
      try {
        while (server.takeRequest(0, TimeUnit.MILLISECONDS) != null) {
          // MockWebServer keeps every request until it is taken.
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public void close() {
      server.close();
    }
  }

  private static final class LocalServerServed extends Served {
    private final LocalHttpServer server;

    LocalServerServed(BenchmarkAccess.Starter pool) {
      server = pool.acquire(false);
      server.stubFor(get(PATH).willReturn(ok(BODY)));
    }

    @Override
    HttpUrl url() {
      return server.url(PATH);
    }

    @Override
    void clearJournal() {
      server.wireMock().resetRequests();
    }

    @Override
    public void close() {
      BenchmarkAccess.close(server);
    }
  }
}

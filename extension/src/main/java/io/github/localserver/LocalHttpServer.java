package io.github.localserver;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509TrustManager;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * A running mock HTTP server on loopback: its address, its stubs and journal, and clients that
 * reach it. Injected into tests declared with {@link LocalServer}, or implemented by a {@link
 * LocalServerExtension} registered with {@code @RegisterExtension} while its server runs.
 *
 * <p>All methods are thread-safe. Stubs use WireMock's DSL ({@code
 * com.github.tomakehurst.wiremock.client.WireMock.*}).
 *
 * <pre>{@code
 * server.stubFor(get("/orders/1").willReturn(okJson("{\"id\":1}")));
 * Response response = server.client().newCall(new Request.Builder().url(server.url("/orders/1")).build()).execute();
 * server.verify(1, getRequestedFor(urlEqualTo("/orders/1")));
 * }</pre>
 *
 * <h2>Lifecycle</h2>
 * A handle is valid for its server's scope (see {@link Lifecycle}). What a test registers lasts
 * until the next test starts or {@link #reset()} is called.
 *
 * <h2>Since</h2>
 * 0.1.0
 */
public interface LocalHttpServer {

  /** The declared name; {@code ""} for the default server. */
  String name();

  /** The bound literal address, e.g. {@code 127.0.0.1} or {@code ::1} (without brackets). */
  String host();

  /** The bound port. */
  int port();

  /** Whether the server speaks HTTPS (and only HTTPS). */
  boolean isHttps();

  /** {@code scheme://host:port} without trailing slash, e.g. {@code http://127.0.0.1:62893}. */
  String baseUrl();

  /**
   * The base URL joined with a path; {@code "/orders/1"} and {@code "orders/1"} give the same URI.
   * The path may carry a query string.
   */
  URI uri(String path);

  /** As {@link #uri(String)}, as an OkHttp URL. */
  HttpUrl url(String path);

  /** WireMock's DSL client bound to this server. */
  WireMock wireMock();

  /** Registers a stub; it lasts until the end of the current test (or is baseline, before it). */
  StubMapping stubFor(MappingBuilder stub);

  /**
   * Answers matching requests with the responses in order; after the last one it keeps answering
   * the last. Each test starts the sequence afresh.
   *
   * <pre>{@code
   * server.stubSequence(get("/orders/1"), Faults.serviceUnavailable(Duration.ofSeconds(1)), okJson("{}"));
   * }</pre>
   *
   * @return the one stub that answers the sequence (removing it removes the sequence)
   * @throws IllegalArgumentException when no response is given
   */
  StubMapping stubSequence(MappingBuilder request, ResponseDefinitionBuilder... responses);

  /** Verifies the server received at least one request matching the pattern. */
  void verify(RequestPatternBuilder pattern);

  /** Verifies the server received exactly {@code count} requests matching the pattern. */
  void verify(int count, RequestPatternBuilder pattern);

  /** The requests received during the current test, oldest first. */
  List<LoggedRequest> requests();

  /** The requests of the current test that matched no stub, oldest first. */
  List<LoggedRequest> unmatchedRequests();

  /**
   * Back to the class baseline (the stubs registered before the class's first test and those of
   * {@link LocalServer#mappings()}), with an empty journal and every scenario restarted.
   */
  void reset();

  /**
   * An OkHttp client for this server: trusts its certificate, never retries a failed connection
   * by itself (so simulated faults reach the code under test), speaks HTTP/1.1 (so faults look the
   * same over HTTP and HTTPS), finite timeouts (connect 5 s, read and write 10 s, call 30 s). Build
   * variants with {@code client().newBuilder()}: they share its connection pool.
   */
  OkHttpClient client();

  /** A JDK HTTP client configured as {@link #client()}, made on first use. */
  HttpClient httpClient();

  /** A TLS context that trusts this server's certificate; usable for plain-HTTP servers too. */
  SSLContext sslContext();

  /** The trust manager of {@link #sslContext()}. */
  X509TrustManager trustManager();

  /**
   * Simulates an outage: the server stops listening, so connecting is refused, and the pooled
   * connections of {@link #client()} (and of clients built from it) are evicted, so its very next
   * call sees "connection refused" rather than a stale socket. Stubs and journal are kept. Does
   * nothing if already stopped. The port is held during the outage (a bound socket that does not
   * listen), so a server started meanwhile cannot take it; that hold is best effort: a connection
   * another client left open may keep the port in TIME_WAIT, and then it is not held.
   */
  void stop();

  /**
   * Ends an outage: the server listens again on the same port with the same stubs. Does nothing if
   * running. A test that leaves its server stopped does not affect the next test: the server is
   * started again before it.
   */
  void start();

  /** Whether the server is listening (false between {@link #stop()} and {@link #start()}). */
  boolean isRunning();
}

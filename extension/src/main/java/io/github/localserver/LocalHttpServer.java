package io.github.localserver;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
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
 * <h2>Errors</h2>
 * <ul>
 *   <li>After its scope ends (its class for a {@code PER_CLASS} server, its test otherwise), every
 *       method of a handle fails with an {@link IllegalStateException} whose message says that the
 *       server's scope has ended, and the calls of the clients it gave fail too; a handle never
 *       reaches a server another scope uses.
 *   <li>A {@link LocalServerExtension} that stands for a {@link LocalServerFactory} server is no
 *       HTTP server: its methods of this interface fail with an {@link IllegalStateException}
 *       saying to inject the server with {@link Server} instead. So do they outside the scope of
 *       its server (before {@code @BeforeAll} for a static field, before {@code @BeforeEach} for an
 *       instance field), and on a thread of none of its classes while several run in parallel.
 *   <li>{@link #start()} fails with an {@link IllegalStateException} when the server cannot listen
 *       again on its port (another process took it during the outage); the message names the port
 *       and, where the OS tells, the holder.
 *   <li>{@link #stubSequence} fails with an {@link IllegalArgumentException} when given no
 *       response.
 *   <li>{@link #awaitRequests} fails with an {@link IllegalArgumentException} naming the value when
 *       {@code count} is below 1 or the timeout is not positive, and with an {@link AssertionError}
 *       ({@code org.opentest4j.AssertionFailedError}) when the requests do not arrive in time.
 *   <li>{@link #verify(RequestPatternBuilder)} and {@link #verify(int, RequestPatternBuilder)} fail
 *       with WireMock's {@code VerificationException}, an {@link AssertionError}, when the
 *       requests do not match.
 * </ul>
 *
 * <h2>Since</h2>
 * 0.1.0
 */
public interface LocalHttpServer {

  /**
   * The declared name.
   *
   * @return the name, {@code ""} for the default server
   */
  String name();

  /**
   * The bound literal address.
   *
   * @return e.g. {@code 127.0.0.1} or {@code ::1} (without brackets)
   */
  String host();

  /**
   * The bound port.
   *
   * @return the port, the same across {@link #stop()} and {@link #start()}
   */
  int port();

  /**
   * Whether the server speaks HTTPS (and only HTTPS).
   *
   * @return {@code true} for an HTTPS server
   */
  boolean isHttps();

  /**
   * The base URL.
   *
   * @return {@code scheme://host:port} without trailing slash, e.g. {@code http://127.0.0.1:62893}
   */
  String baseUrl();

  /**
   * The base URL joined with a path; {@code "/orders/1"} and {@code "orders/1"} give the same URI.
   *
   * @param path a path, with or without a leading slash; it may carry a query string
   * @return the URI on this server
   */
  URI uri(String path);

  /**
   * As {@link #uri(String)}, as an OkHttp URL.
   *
   * @param path a path, with or without a leading slash; it may carry a query string
   * @return the URL on this server
   */
  HttpUrl url(String path);

  /**
   * WireMock's DSL client bound to this server.
   *
   * @return the client
   */
  WireMock wireMock();

  /**
   * Registers a stub; it lasts until the end of the current test (or is baseline, before it).
   *
   * @param stub the stub, in WireMock's DSL
   * @return the registered stub
   */
  StubMapping stubFor(MappingBuilder stub);

  /**
   * Answers matching requests with the responses in order; after the last one it keeps answering
   * the last. Each test starts the sequence afresh.
   *
   * <pre>{@code
   * server.stubSequence(get("/orders/1"), Faults.serviceUnavailable(Duration.ofSeconds(1)), okJson("{}"));
   * }</pre>
   *
   * @param request the requests the sequence answers
   * @param responses the responses, in order; at least one
   * @return the one stub that answers the sequence (removing it removes the sequence)
   * @throws IllegalArgumentException when no response is given
   */
  StubMapping stubSequence(MappingBuilder request, ResponseDefinitionBuilder... responses);

  /**
   * Verifies the server received at least one request matching the pattern.
   *
   * @param pattern the requests to look for
   */
  void verify(RequestPatternBuilder pattern);

  /**
   * Verifies the server received exactly {@code count} requests matching the pattern.
   *
   * @param count the expected number of requests
   * @param pattern the requests to count
   */
  void verify(int count, RequestPatternBuilder pattern);

  /**
   * Waits until the server has received {@code count} requests matching the pattern, for code that
   * calls the API from another thread (a scheduler, a message listener): no sleeps in tests.
   *
   * <pre>{@code
   * scheduler.start();
   * List<LoggedRequest> polls = server.awaitRequests(3, getRequestedFor(urlEqualTo("/rates")), Duration.ofSeconds(5));
   * }</pre>
   *
   * <p>Requests received earlier in the current test count (the journal is the test's own), also
   * across {@link #stop()} and {@link #start()}. The wait ends as soon as enough requests have
   * arrived; it never outlasts the timeout.
   *
   * @param count how many matching requests to wait for; at least 1
   * @param pattern the requests to wait for, in WireMock's DSL ({@code postRequestedFor(...)})
   * @param timeout how long to wait at most; positive
   * @return the first {@code count} matching requests, in arrival order
   * @throws IllegalArgumentException when {@code count} is below 1 or {@code timeout} is zero or
   *     negative, naming the value
   * @throws AssertionError ({@code org.opentest4j.AssertionFailedError}) when fewer requests arrived
   *     within the timeout, saying how many of how many, listing those that did arrive and the
   *     nearest misses among the others with WireMock's diff
   */
  List<LoggedRequest> awaitRequests(int count, RequestPatternBuilder pattern, Duration timeout);

  /**
   * The requests received during the current test.
   *
   * @return the requests, oldest first
   */
  List<LoggedRequest> requests();

  /**
   * The requests of the current test that matched no stub.
   *
   * @return the requests, oldest first
   */
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
   *
   * @return the client
   */
  OkHttpClient client();

  /**
   * A JDK HTTP client configured as {@link #client()}, made on first use.
   *
   * @return the client
   */
  HttpClient httpClient();

  /**
   * A TLS context that trusts this server's certificate; usable for plain-HTTP servers too.
   *
   * @return the context
   */
  SSLContext sslContext();

  /**
   * The trust manager of {@link #sslContext()}.
   *
   * @return the trust manager
   */
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
   *
   * @throws IllegalStateException when the port cannot be listened on again, naming it and, where
   *     the OS tells, the process that holds it
   */
  void start();

  /**
   * Whether the server is listening.
   *
   * @return {@code false} between {@link #stop()} and {@link #start()}
   */
  boolean isRunning();
}

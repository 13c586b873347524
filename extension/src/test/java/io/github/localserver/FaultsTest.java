package io.github.localserver;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static io.github.localserver.LocalServerTestKit.describe;
import static io.github.localserver.LocalServerTestKit.failure;
import static io.github.localserver.LocalServerTestKit.reported;
import static io.github.localserver.LocalServerTestKit.reportedOnce;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.stream.Collectors;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;

/**
 * What a client sees for each {@link Faults} helper, through the injected OkHttp and JDK clients,
 * and the errors a user gets for bad input.
 */
class FaultsTest {

  // ---- plain responses ------------------------------------------------------------------------

  @Test
  void statusAnswersTheCodeWithAnEmptyBody() {
    EngineExecutionResults results = LocalServerTestKit.run(StatusTestCase.class);

    assertAllSucceeded(results, 1);
    assertThat(reportedOnce(results, "status")).isEqualTo("418");
    assertThat(reportedOnce(results, "bodyLength")).isEqualTo("0");
  }

  @Test
  void serviceUnavailableAnswers503WithRetryAfterInWholeSeconds() {
    EngineExecutionResults results = LocalServerTestKit.run(ServiceUnavailableTestCase.class);

    assertAllSucceeded(results, 1);
    assertThat(reportedOnce(results, "twoSeconds")).isEqualTo("503, Retry-After: 2");
    assertThat(reportedOnce(results, "twoMinutes")).isEqualTo("503, Retry-After: 120");
  }

  @Test
  void tooManyRequestsAnswers429WithRetryAfterInWholeSeconds() {
    EngineExecutionResults results = LocalServerTestKit.run(TooManyRequestsTestCase.class);

    assertAllSucceeded(results, 1);
    assertThat(reportedOnce(results, "oneMinute")).isEqualTo("429, Retry-After: 60");
    assertThat(reportedOnce(results, "zero")).isEqualTo("429, Retry-After: 0");
  }

  // ---- broken connections -----------------------------------------------------------------------

  @Test
  void connectionResetFailsTheCallWithAConnectionReset() {
    EngineExecutionResults results = LocalServerTestKit.run(ConnectionResetTestCase.class);

    assertAllSucceeded(results, 1); // the fixture also asserts the JDK client got an IOException
    assertThat(reportedOnce(results, "okhttp")).isEqualTo("java.net.SocketException: Connection reset");
    assertThat(reportedOnce(results, "journal")).isEqualTo("GET /reset, GET /reset");
  }

  @Test
  void emptyResponseFailsTheCallWithAnUnexpectedEndOfStream() {
    EngineExecutionResults results = LocalServerTestKit.run(EmptyResponseTestCase.class);

    assertAllSucceeded(results, 1); // the fixture also asserts the JDK client got an IOException
    assertThat(reportedOnce(results, "okhttp"))
        .matches("java\\.io\\.IOException: unexpected end of stream on http://127\\.0\\.0\\.1:\\d+/\\.\\.\\.");
    assertThat(reportedOnce(results, "journal")).isEqualTo("GET /empty, GET /empty");
  }

  @Test
  void malformedChunkSendsTheStatusThenFailsWhileReadingTheBody() {
    EngineExecutionResults results = LocalServerTestKit.run(MalformedChunkTestCase.class);

    assertAllSucceeded(results, 1); // the fixture also asserts the JDK client got an IOException
    assertThat(reportedOnce(results, "okhttpStatus")).isEqualTo("200");
    assertThat(reportedOnce(results, "okhttpBody"))
        .isEqualTo("java.net.ProtocolException: Expected leading [0-9a-fA-F] character but was 0x6c");
    assertThat(reportedOnce(results, "journal")).isEqualTo("GET /chunk, GET /chunk");
  }

  @Test
  void randomDataFailsTheCallWithoutAStatus() {
    EngineExecutionResults results = LocalServerTestKit.run(RandomDataTestCase.class);

    assertAllSucceeded(results, 1); // the fixture also asserts the JDK client got an IOException
    assertThat(reportedOnce(results, "okhttp"))
        .matches("java\\.io\\.IOException: unexpected end of stream on http://127\\.0\\.0\\.1:\\d+/\\.\\.\\.");
    assertThat(reportedOnce(results, "journal")).isEqualTo("GET /random, GET /random");
  }

  // ---- timing -----------------------------------------------------------------------------------

  @Test
  void delayedAnswersAfterTheDelayAndLeavesTheGivenBuilderAlone() {
    EngineExecutionResults results = LocalServerTestKit.run(DelayedTestCase.class);

    assertAllSucceeded(results, 1);
    assertThat(reportedOnce(results, "response")).isEqualTo("200 late");
    assertThat(Long.parseLong(reportedOnce(results, "millis"))).isBetween(300L, 5_000L);
    assertThat(reportedOnce(results, "originalDelay")).isEqualTo("null");
  }

  @Test
  void slowBodySendsTheHeadersFirstAndDribblesTheBodyOverTheTotal() {
    EngineExecutionResults results = LocalServerTestKit.run(SlowBodyTestCase.class);

    assertAllSucceeded(results, 1);
    long headers = Long.parseLong(reportedOnce(results, "headersMillis"));
    long body = Long.parseLong(reportedOnce(results, "bodyMillis"));
    assertThat(reportedOnce(results, "response")).isEqualTo("200 0123456789abcdef");
    // 4 chunks over 400 ms: the headers come with the first chunk, three more follow 100 ms apart.
    assertThat(body).isBetween(380L, 5_000L);
    assertThat(body - headers).as("time from the headers to the last byte").isGreaterThanOrEqualTo(150L);
    assertThat(reportedOnce(results, "originalDribble")).isEqualTo("null");
  }

  // ---- refusedUrl -------------------------------------------------------------------------------

  @Test
  void refusedUrlFailsAtOnceWithConnectionRefused() {
    EngineExecutionResults results = LocalServerTestKit.run(RefusedUrlTestCase.class);

    assertAllSucceeded(results, 1);
    String url = reportedOnce(results, "url");
    assertThat(url).matches("http://127\\.0\\.0\\.1:\\d+").isEqualTo(reportedOnce(results, "urlAgain"));
    String port = url.substring(url.lastIndexOf(':') + 1);
    assertThat(reportedOnce(results, "okhttp"))
        .isEqualTo("java.net.ConnectException: Failed to connect to /127.0.0.1:" + port);
    assertThat(reportedOnce(results, "jdk")).isEqualTo("java.net.ConnectException");
    assertThat(Long.parseLong(reportedOnce(results, "okhttpMillis"))).isLessThan(1_000L);
    assertThat(Long.parseLong(reportedOnce(results, "jdkMillis"))).isLessThan(1_000L);
  }

  @Test
  void refusedUrlStaysTheSameAndRefusedWhileOtherServersStartAndStop() {
    EngineExecutionResults results =
        LocalServerTestKit.runParallel(
            4, FirstChurnTestCase.class, SecondChurnTestCase.class, ThirdChurnTestCase.class);

    assertAllSucceeded(results, 3 * ChurnTestCase.REPETITIONS);
    String url = Faults.refusedUrl();
    String refusedPort = url.substring(url.lastIndexOf(':') + 1);
    assertThat(reported(results, "url")).hasSize(3 * ChurnTestCase.REPETITIONS).containsOnly(url);
    assertThat(reported(results, "refused")).hasSize(3 * ChurnTestCase.REPETITIONS).containsOnly("java.net.ConnectException");
    assertThat(reported(results, "bind")).hasSize(3 * ChurnTestCase.REPETITIONS).containsOnly("java.net.BindException");
    assertThat(reported(results, "serverPort")).hasSize(3 * ChurnTestCase.REPETITIONS).doesNotContain(refusedPort);
  }

  // ---- bad input --------------------------------------------------------------------------------

  @Test
  void badInputFailsWithAMessageNamingTheValue() {
    EngineExecutionResults results = LocalServerTestKit.run(BadInputTestCase.class);

    assertThat(results.testEvents().succeeded().count()).as(describe(results)).isZero();
    assertFailure(results, "statusBelow100", IllegalArgumentException.class,
        "Faults.status(99) is not an HTTP status; use a code from 100 to 599");
    assertFailure(results, "statusAbove599", IllegalArgumentException.class,
        "Faults.status(600) is not an HTTP status; use a code from 100 to 599");
    assertFailure(results, "negativeRetryAfter", IllegalArgumentException.class,
        "Faults.serviceUnavailable(PT-1S) cannot be a Retry-After header, which holds whole seconds;"
            + " use a non-negative Duration.ofSeconds(n)");
    assertFailure(results, "fractionalRetryAfter", IllegalArgumentException.class,
        "Faults.serviceUnavailable(PT1.5S) cannot be a Retry-After header, which holds whole seconds;"
            + " use a non-negative Duration.ofSeconds(n)");
    assertFailure(results, "negativeTooManyRequestsRetryAfter", IllegalArgumentException.class,
        "Faults.tooManyRequests(PT-3S) cannot be a Retry-After header, which holds whole seconds;"
            + " use a non-negative Duration.ofSeconds(n)");
    assertFailure(results, "fractionalTooManyRequestsRetryAfter", IllegalArgumentException.class,
        "Faults.tooManyRequests(PT0.25S) cannot be a Retry-After header, which holds whole seconds;"
            + " use a non-negative Duration.ofSeconds(n)");
    assertFailure(results, "nullServiceUnavailableRetryAfter", NullPointerException.class,
        "Faults.serviceUnavailable(retryAfter): retryAfter is null");
    assertFailure(results, "nullTooManyRequestsRetryAfter", NullPointerException.class,
        "Faults.tooManyRequests(retryAfter): retryAfter is null");
    assertFailure(results, "negativeDelay", IllegalArgumentException.class,
        "Faults.delayed(..., PT-0.001S) is not a usable delay; use 0 to 2147483647 milliseconds (about 24 days)");
    assertFailure(results, "delayBeyondIntMillis", IllegalArgumentException.class,
        "Faults.delayed(..., PT720H) is not a usable delay; use 0 to 2147483647 milliseconds (about 24 days)");
    assertFailure(results, "nullDelayedResponse", NullPointerException.class,
        "Faults.delayed(response, ...): response is null");
    assertFailure(results, "nullDelay", NullPointerException.class,
        "Faults.delayed(...): the duration is null");
    assertFailure(results, "zeroChunks", IllegalArgumentException.class,
        "Faults.slowBody(..., 0) needs at least one chunk; use 1 or more");
    assertFailure(results, "negativeChunks", IllegalArgumentException.class,
        "Faults.slowBody(..., -2) needs at least one chunk; use 1 or more");
    assertFailure(results, "negativeSlowBodyTotal", IllegalArgumentException.class,
        "Faults.slowBody(..., PT-0.4S) is not a usable delay; use 0 to 2147483647 milliseconds (about 24 days)");
    assertFailure(results, "nullSlowBodyResponse", NullPointerException.class,
        "Faults.slowBody(response, ...): response is null");
    assertFailure(results, "nullSlowBodyTotal", NullPointerException.class,
        "Faults.slowBody(...): the duration is null");
    assertThat(results.testEvents().failed().count()).as(describe(results)).isEqualTo(17);
  }

  @Test
  void theLimitsThemselvesAreAccepted() {
    EngineExecutionResults results = LocalServerTestKit.run(LimitsTestCase.class);

    assertAllSucceeded(results, 1);
    assertThat(reportedOnce(results, "limits")).isEqualTo("100, 599, Retry-After 0, delay 0, 1 chunk");
  }

  // ---- helpers ----------------------------------------------------------------------------------

  private static void assertAllSucceeded(EngineExecutionResults results, long tests) {
    assertThat(results.allEvents().failed().count()).as(describe(results)).isZero();
    assertThat(results.testEvents().succeeded().count()).as(describe(results)).isEqualTo(tests);
  }

  private static void assertFailure(
      EngineExecutionResults results, String method, Class<? extends Throwable> type, String message) {
    Event finished =
        results.testEvents().failed().stream()
            .filter(e -> e.getTestDescriptor().getSource().filter(MethodSource.class::isInstance)
                .map(s -> ((MethodSource) s).getMethodName().equals(method)).orElse(false))
            .findFirst()
            .orElseThrow(() -> new AssertionError(method + " did not fail\n" + describe(results)));
    assertThat(failure(finished)).as(method).isExactlyInstanceOf(type).hasMessage(message);
  }

  /** {@code java.net.SocketException: Connection reset}, or "no exception". */
  static String describeFailure(Throwable thrown) {
    return thrown == null ? "no exception" : thrown.getClass().getName() + ": " + thrown.getMessage();
  }

  static Request request(HttpUrl url) {
    return new Request.Builder().url(url).build();
  }

  /** Status and body, e.g. {@code 200 late}. */
  static String fetch(OkHttpClient http, HttpUrl url) throws IOException {
    try (Response response = http.newCall(request(url)).execute()) {
      return response.code() + " " + response.body().string();
    }
  }

  static String fetch(HttpClient jdk, URI uri) throws IOException, InterruptedException {
    HttpResponse<String> response = jdk.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    return response.statusCode() + " " + response.body();
  }

  /** The server's journal as {@code GET /a, GET /b}. */
  static String journal(LocalHttpServer server) {
    return server.requests().stream().map(r -> r.getMethod() + " " + r.getUrl()).collect(Collectors.joining(", "));
  }

  private static String statusAndRetryAfter(OkHttpClient http, HttpUrl url) throws IOException {
    try (Response response = http.newCall(request(url)).execute()) {
      return response.code() + ", Retry-After: " + response.header("Retry-After");
    }
  }

  private static long millisSince(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
  }

  // ---- fixtures ---------------------------------------------------------------------------------

  @LocalServer
  static class StatusTestCase {
    @Test
    void teapot(LocalHttpServer server, OkHttpClient http, TestReporter reporter) throws IOException {
      server.stubFor(get("/teapot").willReturn(Faults.status(418)));
      try (Response response = http.newCall(request(server.url("/teapot"))).execute()) {
        reporter.publishEntry("status", String.valueOf(response.code()));
        reporter.publishEntry("bodyLength", String.valueOf(response.body().bytes().length));
      }
    }
  }

  @LocalServer
  static class ServiceUnavailableTestCase {
    @Test
    void unavailable(LocalHttpServer server, OkHttpClient http, TestReporter reporter) throws IOException {
      server.stubFor(get("/two-seconds").willReturn(Faults.serviceUnavailable(Duration.ofSeconds(2))));
      server.stubFor(get("/two-minutes").willReturn(Faults.serviceUnavailable(Duration.ofMinutes(2))));
      reporter.publishEntry("twoSeconds", statusAndRetryAfter(http, server.url("/two-seconds")));
      reporter.publishEntry("twoMinutes", statusAndRetryAfter(http, server.url("/two-minutes")));
    }
  }

  @LocalServer
  static class TooManyRequestsTestCase {
    @Test
    void throttled(LocalHttpServer server, OkHttpClient http, TestReporter reporter) throws IOException {
      server.stubFor(get("/one-minute").willReturn(Faults.tooManyRequests(Duration.ofMinutes(1))));
      server.stubFor(get("/zero").willReturn(Faults.tooManyRequests(Duration.ZERO)));
      reporter.publishEntry("oneMinute", statusAndRetryAfter(http, server.url("/one-minute")));
      reporter.publishEntry("zero", statusAndRetryAfter(http, server.url("/zero")));
    }
  }

  /** Calls {@code path} once with each client; both must fail with an {@link IOException}. */
  static void callWithBothClients(
      LocalHttpServer server, String path, OkHttpClient http, HttpClient jdk, TestReporter reporter) {
    Throwable okHttpFailure = catchThrowable(() -> fetch(http, server.url(path)));
    Throwable jdkFailure = catchThrowable(() -> fetch(jdk, server.uri(path)));
    reporter.publishEntry("okhttp", describeFailure(okHttpFailure));
    reporter.publishEntry("jdk", describeFailure(jdkFailure));
    reporter.publishEntry("journal", journal(server));
    assertThat(okHttpFailure).isInstanceOf(IOException.class);
    assertThat(jdkFailure).isInstanceOf(IOException.class);
  }

  @LocalServer
  static class ConnectionResetTestCase {
    @Test
    void reset(LocalHttpServer server, OkHttpClient http, HttpClient jdk, TestReporter reporter) {
      server.stubFor(get("/reset").willReturn(Faults.connectionReset()));
      callWithBothClients(server, "/reset", http, jdk, reporter);
    }
  }

  @LocalServer
  static class EmptyResponseTestCase {
    @Test
    void empty(LocalHttpServer server, OkHttpClient http, HttpClient jdk, TestReporter reporter) {
      server.stubFor(get("/empty").willReturn(Faults.emptyResponse()));
      callWithBothClients(server, "/empty", http, jdk, reporter);
    }
  }

  @LocalServer
  static class RandomDataTestCase {
    @Test
    void garbage(LocalHttpServer server, OkHttpClient http, HttpClient jdk, TestReporter reporter) {
      server.stubFor(get("/random").willReturn(Faults.randomData()));
      callWithBothClients(server, "/random", http, jdk, reporter);
    }
  }

  @LocalServer
  static class MalformedChunkTestCase {
    @Test
    void corruptBody(LocalHttpServer server, OkHttpClient http, HttpClient jdk, TestReporter reporter)
        throws IOException {
      server.stubFor(get("/chunk").willReturn(Faults.malformedChunk()));
      try (Response response = http.newCall(request(server.url("/chunk"))).execute()) {
        reporter.publishEntry("okhttpStatus", String.valueOf(response.code()));
        reporter.publishEntry("okhttpBody", describeFailure(catchThrowable(() -> response.body().string())));
      }
      // The JDK client upgrades plain HTTP to h2c, so it may fail in send() before any status.
      Throwable jdkFailure = catchThrowable(() -> fetch(jdk, server.uri("/chunk")));
      assertThat(jdkFailure).isInstanceOf(IOException.class);
      reporter.publishEntry("journal", journal(server));
    }
  }

  @LocalServer
  static class DelayedTestCase {
    @Test
    void late(LocalHttpServer server, OkHttpClient http, TestReporter reporter) throws IOException {
      ResponseDefinitionBuilder original = ok("late");
      server.stubFor(get("/late").willReturn(Faults.delayed(original, Duration.ofMillis(300))));
      long start = System.nanoTime();
      reporter.publishEntry("response", fetch(http, server.url("/late")));
      reporter.publishEntry("millis", String.valueOf(millisSince(start)));
      reporter.publishEntry("originalDelay", String.valueOf(original.build().getFixedDelayMilliseconds()));
    }
  }

  @LocalServer
  static class SlowBodyTestCase {
    @Test
    void dribble(LocalHttpServer server, OkHttpClient http, TestReporter reporter) throws IOException {
      ResponseDefinitionBuilder original = ok("0123456789abcdef");
      server.stubFor(get("/slow").willReturn(Faults.slowBody(original, Duration.ofMillis(400), 4)));
      long start = System.nanoTime();
      try (Response response = http.newCall(request(server.url("/slow"))).execute()) {
        reporter.publishEntry("headersMillis", String.valueOf(millisSince(start)));
        String body = response.body().string();
        reporter.publishEntry("bodyMillis", String.valueOf(millisSince(start)));
        reporter.publishEntry("response", response.code() + " " + body);
      }
      reporter.publishEntry("originalDribble", String.valueOf(original.build().getChunkedDribbleDelay()));
    }
  }

  @LocalServer
  static class RefusedUrlTestCase {
    @Test
    void refused(OkHttpClient http, HttpClient jdk, TestReporter reporter) {
      String url = Faults.refusedUrl();
      reporter.publishEntry("url", url);
      reporter.publishEntry("urlAgain", Faults.refusedUrl());

      long start = System.nanoTime();
      Throwable okHttpFailure = catchThrowable(() -> fetch(http, HttpUrl.get(url + "/orders/1")));
      reporter.publishEntry("okhttpMillis", String.valueOf(millisSince(start)));
      reporter.publishEntry("okhttp", describeFailure(okHttpFailure));

      start = System.nanoTime();
      Throwable jdkFailure = catchThrowable(() -> fetch(jdk, URI.create(url + "/orders/1")));
      reporter.publishEntry("jdkMillis", String.valueOf(millisSince(start)));
      reporter.publishEntry("jdk", jdkFailure == null ? "no exception" : jdkFailure.getClass().getName());
    }
  }

  /** Many short-lived servers while the refused port is probed. */
  @LocalServer(lifecycle = Lifecycle.PER_METHOD)
  abstract static class ChurnTestCase {
    static final int REPETITIONS = 8;

    @RepeatedTest(REPETITIONS)
    void probe(LocalHttpServer server, OkHttpClient http, TestReporter reporter) throws IOException {
      server.stubFor(get("/up").willReturn(ok("up")));
      assertThat(fetch(http, server.url("/up"))).isEqualTo("200 up");
      String url = Faults.refusedUrl();
      reporter.publishEntry("url", url);
      reporter.publishEntry("serverPort", String.valueOf(server.port()));
      Throwable refused = catchThrowable(() -> fetch(http, HttpUrl.get(url + "/up")));
      reporter.publishEntry("refused", refused == null ? "no exception" : refused.getClass().getName());
      int port = HttpUrl.get(url).port();
      try (ServerSocket taker = new ServerSocket()) {
        Throwable bind =
            catchThrowable(() -> taker.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port)));
        reporter.publishEntry("bind", bind == null ? "bound" : bind.getClass().getName());
      }
    }
  }

  static class FirstChurnTestCase extends ChurnTestCase {}

  static class SecondChurnTestCase extends ChurnTestCase {}

  static class ThirdChurnTestCase extends ChurnTestCase {}

  /** Each test makes one bad call and fails with its exception. */
  static class BadInputTestCase {
    @Test
    void statusBelow100() {
      Faults.status(99);
    }

    @Test
    void statusAbove599() {
      Faults.status(600);
    }

    @Test
    void negativeRetryAfter() {
      Faults.serviceUnavailable(Duration.ofSeconds(-1));
    }

    @Test
    void fractionalRetryAfter() {
      Faults.serviceUnavailable(Duration.ofMillis(1500));
    }

    @Test
    void negativeTooManyRequestsRetryAfter() {
      Faults.tooManyRequests(Duration.ofSeconds(-3));
    }

    @Test
    void fractionalTooManyRequestsRetryAfter() {
      Faults.tooManyRequests(Duration.ofMillis(250));
    }

    @Test
    void nullServiceUnavailableRetryAfter() {
      Faults.serviceUnavailable(null);
    }

    @Test
    void nullTooManyRequestsRetryAfter() {
      Faults.tooManyRequests(null);
    }

    @Test
    void negativeDelay() {
      Faults.delayed(ok(), Duration.ofMillis(-1));
    }

    @Test
    void delayBeyondIntMillis() {
      Faults.delayed(ok(), Duration.ofDays(30));
    }

    @Test
    void nullDelayedResponse() {
      Faults.delayed(null, Duration.ofMillis(1));
    }

    @Test
    void nullDelay() {
      Faults.delayed(ok(), null);
    }

    @Test
    void zeroChunks() {
      Faults.slowBody(ok("body"), Duration.ofMillis(400), 0);
    }

    @Test
    void negativeChunks() {
      Faults.slowBody(ok("body"), Duration.ofMillis(400), -2);
    }

    @Test
    void negativeSlowBodyTotal() {
      Faults.slowBody(ok("body"), Duration.ofMillis(-400), 4);
    }

    @Test
    void nullSlowBodyResponse() {
      Faults.slowBody(null, Duration.ofMillis(400), 4);
    }

    @Test
    void nullSlowBodyTotal() {
      Faults.slowBody(ok("body"), null, 4);
    }
  }

  static class LimitsTestCase {
    @Test
    void limits(TestReporter reporter) {
      reporter.publishEntry(
          "limits",
          Faults.status(100).build().getStatus()
              + ", "
              + Faults.status(599).build().getStatus()
              + ", Retry-After "
              + Faults.serviceUnavailable(Duration.ZERO).build().getHeaders().getHeader("Retry-After").firstValue()
              + ", delay "
              + Faults.delayed(ok(), Duration.ZERO).build().getFixedDelayMilliseconds()
              + ", "
              + Faults.slowBody(ok("body"), Duration.ZERO, 1).build().getChunkedDribbleDelay().getNumberOfChunks()
              + " chunk");
    }
  }
}

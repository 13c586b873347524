package io.github.localserver;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.github.localserver.LocalServerTestKit.describe;
import static io.github.localserver.LocalServerTestKit.reported;
import static io.github.localserver.LocalServerTestKit.reportedOnce;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** {@link LocalHttpServer#awaitRequests}: waiting for requests made on other threads, with a deadline. */
class AwaitRequestsTest {

  @Test
  void returnsTheRequestsOnceTheyHaveArrivedFromAnotherThread() {
    EngineExecutionResults results = LocalServerTestKit.run(BackgroundPollerTestCase.class);

    assertAllSucceeded(results, 1);
    assertThat(reportedOnce(results, "awaited")).isEqualTo("/poll?n=1, /poll?n=2, /poll?n=3");
    assertThat(reportedOnce(results, "elapsedUnderTimeout")).isEqualTo("true");
  }

  @Test
  void worksWithStubSequenceAndAcrossAnOutage() {
    EngineExecutionResults results = LocalServerTestKit.run(SequenceAndOutageTestCase.class);

    assertAllSucceeded(results, 1);
    assertThat(reportedOnce(results, "statuses")).isEqualTo("503, 200");
    assertThat(reportedOnce(results, "afterOutage")).isEqualTo("/retry, /retry, /retry");
  }

  @Test
  void aTimeoutSaysWhatArrivedAndTheNearestMisses() {
    EngineExecutionResults results = LocalServerTestKit.run(TimeoutTestCase.class);

    assertAllSucceeded(results, 1);
    String baseUrl = reportedOnce(results, "baseUrl");
    assertThat(reportedOnce(results, "type")).isEqualTo("org.opentest4j.AssertionFailedError");
    assertThat(reportedOnce(results, "message").replace(baseUrl, "BASE"))
        .isEqualTo(
            "The default server (BASE) received 1 of 2 requests matching GET /events within 200 ms:\n"
                + "  GET /events\n"
                + "Nearest misses among the other requests, the pattern on the left, the request on the right:\n"
                + "\n"
                + "  GET /event\n"
                + "    -----------------------------------------------------------------------------------------------------------------------\n"
                + "    | Closest stub                                             | Request                                                  |\n"
                + "    -----------------------------------------------------------------------------------------------------------------------\n"
                + "                                                               |\n"
                + "    GET                                                        | GET\n"
                + "    /events                                                    | /event                                              <<<<< URL does not match\n"
                + "                                                               |\n"
                + "                                                               |\n"
                + "    -----------------------------------------------------------------------------------------------------------------------");
  }

  @Test
  void aTimeoutWithNothingElseReceivedSaysSo() {
    EngineExecutionResults results = LocalServerTestKit.run(NothingArrivedTestCase.class);

    assertAllSucceeded(results, 1);
    String baseUrl = reportedOnce(results, "baseUrl");
    assertThat(reportedOnce(results, "message").replace(baseUrl, "BASE"))
        .isEqualTo(
            "The default server (BASE) received 0 of 1 request matching POST /events within 50 ms.\n"
                + "No other request arrived.");
  }

  @Test
  void badCountsAndTimeoutsAreRejectedNamingTheValue() {
    EngineExecutionResults results = LocalServerTestKit.run(BadInputTestCase.class);

    assertAllSucceeded(results, 1);
    assertThat(reported(results, "thrown"))
        .containsExactly(
            "java.lang.IllegalArgumentException: awaitRequests(count = 0, ...): count must be at least 1",
            "java.lang.IllegalArgumentException: awaitRequests(count = -2, ...): count must be at least 1",
            "java.lang.IllegalArgumentException: awaitRequests(..., timeout = PT-1S): timeout must be positive,"
                + " e.g. Duration.ofSeconds(5)",
            "java.lang.IllegalArgumentException: awaitRequests(..., timeout = PT0S): timeout must be positive,"
                + " e.g. Duration.ofSeconds(5)",
            "java.lang.IllegalArgumentException: awaitRequests(..., timeout = null): timeout must be positive,"
                + " e.g. Duration.ofSeconds(5)",
            "java.lang.NullPointerException: awaitRequests(count, pattern, timeout): pattern is null");
  }

  @Test
  void theProgrammaticExtensionWaitsToo() {
    EngineExecutionResults results = LocalServerTestKit.run(ProgrammaticTestCase.class);

    assertAllSucceeded(results, 1);
    assertThat(reportedOnce(results, "awaited")).isEqualTo("/tick, /tick");
  }

  @Test
  void parallelTestsEachWaitForTheirOwnRequests() {
    EngineExecutionResults results =
        LocalServerTestKit.runParallel(4, ParallelOneTestCase.class, ParallelTwoTestCase.class);

    assertAllSucceeded(results, 2 * 4);
    assertThat(reported(results, "awaited")).hasSize(8).containsOnly("/poll?n=1, /poll?n=2, /poll?n=3");
  }

  // ---- helpers ----------------------------------------------------------------------------------

  private static void assertAllSucceeded(EngineExecutionResults results, long tests) {
    assertThat(results.allEvents().failed().count()).as(describe(results)).isZero();
    assertThat(results.testEvents().succeeded().count()).as(describe(results)).isEqualTo(tests);
  }

  static int status(OkHttpClient http, String url) {
    try (Response response = http.newCall(new Request.Builder().url(url).build()).execute()) {
      return response.code();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static String urls(List<LoggedRequest> requests) {
    return requests.stream().map(LoggedRequest::getUrl).collect(Collectors.joining(", "));
  }

  /** Code under test that polls the API from a scheduler thread, three times, 30 ms apart. */
  static ScheduledExecutorService poller(LocalHttpServer server) {
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    for (int n = 1; n <= 3; n++) {
      String url = server.baseUrl() + "/poll?n=" + n;
      scheduler.schedule(() -> status(server.client(), url), 30L * n, TimeUnit.MILLISECONDS);
    }
    return scheduler;
  }

  static String thrown(Supplier<?> call) {
    try {
      call.get();
      return "nothing thrown";
    } catch (RuntimeException e) {
      return e.getClass().getName() + ": " + e.getMessage();
    }
  }

  // ---- fixtures ---------------------------------------------------------------------------------

  @LocalServer
  static class BackgroundPollerTestCase {
    @Test
    void waits(LocalHttpServer server, TestReporter reporter) throws InterruptedException {
      server.stubFor(get(urlPathEqualTo("/poll")).willReturn(ok()));
      ScheduledExecutorService scheduler = poller(server);
      try {
        long start = System.nanoTime();
        List<LoggedRequest> awaited =
            server.awaitRequests(
                3,
                getRequestedFor(urlPathEqualTo("/poll")),
                Duration.ofSeconds(10));
        reporter.publishEntry("awaited", urls(awaited));
        reporter.publishEntry(
            "elapsedUnderTimeout", String.valueOf(System.nanoTime() - start < Duration.ofSeconds(5).toNanos()));
      } finally {
        scheduler.shutdownNow();
        scheduler.awaitTermination(5, TimeUnit.SECONDS);
      }
    }
  }

  @LocalServer
  static class SequenceAndOutageTestCase {
    @Test
    void waits(LocalHttpServer server, TestReporter reporter) throws InterruptedException {
      server.stubSequence(get("/retry"), Faults.status(503), ok());
      ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
      try {
        String url = server.baseUrl() + "/retry";
        scheduler.execute(() -> status(server.client(), url));
        scheduler.schedule(() -> status(server.client(), url), 20, TimeUnit.MILLISECONDS);
        List<LoggedRequest> two = server.awaitRequests(2, getRequestedFor(urlEqualTo("/retry")), Duration.ofSeconds(10));
        reporter.publishEntry(
            "statuses",
            server.requests().stream()
                .limit(2)
                .map(r -> String.valueOf(two.contains(r) ? statusOf(server, r) : -1))
                .collect(Collectors.joining(", ")));
        server.stop();
        server.start();
        scheduler.schedule(() -> status(server.client(), url), 20, TimeUnit.MILLISECONDS);
        reporter.publishEntry(
            "afterOutage", urls(server.awaitRequests(3, getRequestedFor(urlEqualTo("/retry")), Duration.ofSeconds(10))));
      } finally {
        scheduler.shutdownNow();
        scheduler.awaitTermination(5, TimeUnit.SECONDS);
      }
    }

    private static int statusOf(LocalHttpServer server, LoggedRequest request) {
      return server.wireMock().getServeEvents().stream()
          .filter(e -> e.getRequest().getId().equals(request.getId()))
          .findFirst()
          .orElseThrow()
          .getResponse()
          .getStatus();
    }
  }

  @LocalServer(failOnUnmatched = false)
  static class TimeoutTestCase {
    @Test
    void timesOut(LocalHttpServer server, TestReporter reporter) {
      server.stubFor(get("/events").willReturn(ok()));
      status(server.client(), server.baseUrl() + "/events");
      status(server.client(), server.baseUrl() + "/event");
      reporter.publishEntry("baseUrl", server.baseUrl());
      try {
        server.awaitRequests(2, getRequestedFor(urlEqualTo("/events")), Duration.ofMillis(200));
        reporter.publishEntry("type", "nothing thrown");
      } catch (AssertionError e) {
        reporter.publishEntry("type", e.getClass().getName());
        reporter.publishEntry("message", e.getMessage());
      }
    }
  }

  @LocalServer
  static class NothingArrivedTestCase {
    @Test
    void timesOut(LocalHttpServer server, TestReporter reporter) {
      reporter.publishEntry("baseUrl", server.baseUrl());
      try {
        server.awaitRequests(1, postRequestedFor(urlEqualTo("/events")), Duration.ofMillis(50));
      } catch (AssertionError e) {
        reporter.publishEntry("message", e.getMessage());
      }
    }
  }

  @LocalServer
  static class BadInputTestCase {
    @Test
    void rejects(LocalHttpServer server, TestReporter reporter) {
      Duration second = Duration.ofSeconds(1);
      reporter.publishEntry("thrown", thrown(() -> server.awaitRequests(0, getRequestedFor(urlEqualTo("/x")), second)));
      reporter.publishEntry("thrown", thrown(() -> server.awaitRequests(-2, getRequestedFor(urlEqualTo("/x")), second)));
      reporter.publishEntry(
          "thrown", thrown(() -> server.awaitRequests(1, getRequestedFor(urlEqualTo("/x")), Duration.ofSeconds(-1))));
      reporter.publishEntry(
          "thrown", thrown(() -> server.awaitRequests(1, getRequestedFor(urlEqualTo("/x")), Duration.ZERO)));
      reporter.publishEntry("thrown", thrown(() -> server.awaitRequests(1, getRequestedFor(urlEqualTo("/x")), null)));
      reporter.publishEntry("thrown", thrown(() -> server.awaitRequests(1, null, second)));
    }
  }

  static class ProgrammaticTestCase {
    @RegisterExtension static LocalServerExtension api = LocalServerExtension.builder().build();

    @Test
    void waits(TestReporter reporter) throws InterruptedException {
      api.stubFor(get("/tick").willReturn(ok()));
      ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
      try {
        String url = api.baseUrl() + "/tick";
        scheduler.schedule(() -> status(api.client(), url), 10, TimeUnit.MILLISECONDS);
        scheduler.schedule(() -> status(api.client(), url), 40, TimeUnit.MILLISECONDS);
        reporter.publishEntry(
            "awaited", urls(api.awaitRequests(2, getRequestedFor(urlEqualTo("/tick")), Duration.ofSeconds(10))));
      } finally {
        scheduler.shutdownNow();
        scheduler.awaitTermination(5, TimeUnit.SECONDS);
      }
    }
  }

  abstract static class ParallelPolls {
    @org.junit.jupiter.api.RepeatedTest(4)
    void waits(LocalHttpServer server, TestReporter reporter) throws InterruptedException {
      server.stubFor(get(urlPathEqualTo("/poll")).willReturn(ok()));
      ScheduledExecutorService scheduler = poller(server);
      try {
        List<LoggedRequest> awaited =
            server.awaitRequests(
                3,
                getRequestedFor(urlPathEqualTo("/poll")),
                Duration.ofSeconds(20));
        scheduler.shutdown();
        scheduler.awaitTermination(5, TimeUnit.SECONDS);
        assertThat(server.requests()).hasSize(3); // never another test's polls
        reporter.publishEntry("awaited", urls(awaited));
      } finally {
        scheduler.shutdownNow();
      }
    }
  }

  @LocalServer
  static class ParallelOneTestCase extends ParallelPolls {}

  @LocalServer(lifecycle = Lifecycle.PER_METHOD)
  static class ParallelTwoTestCase extends ParallelPolls {}
}

package io.github.localserver;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.github.localserver.LocalServerTestKit.describe;
import static io.github.localserver.LocalServerTestKit.onlyFailure;
import static io.github.localserver.LocalServerTestKit.reported;
import static io.github.localserver.LocalServerTestKit.reportedOnce;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** {@link LocalHttpServer#stubSequence}: responses in order, then the last one for ever. */
class StubSequenceTest {

  @Test
  void answersInOrderThenKeepsAnsweringTheLast() {
    EngineExecutionResults results = LocalServerTestKit.run(InOrderTestCase.class);

    assertAllSucceeded(results, 1);
    assertThat(reportedOnce(results, "responses")).isEqualTo("503, 503, 200 up, 200 up, 200 up, 200 up");
    assertThat(reportedOnce(results, "returned")).isEqualTo("registered, matches GET /flaky");
  }

  @Test
  void aSingleResponseIsAnsweredEveryTime() {
    EngineExecutionResults results = LocalServerTestKit.run(SingleResponseTestCase.class);

    assertAllSucceeded(results, 1);
    assertThat(reportedOnce(results, "responses")).isEqualTo("429, 429, 429");
  }

  @Test
  void mixesFaultsAndResponses() {
    EngineExecutionResults results = LocalServerTestKit.run(FaultsInSequenceTestCase.class);

    assertAllSucceeded(results, 1);
    assertThat(reportedOnce(results, "responses"))
        .isEqualTo("java.net.SocketException: Connection reset, 503 Retry-After 1, 200 {\"id\":1}, 200 {\"id\":1}");
  }

  @Test
  void eachTestOfAPerClassServerStartsItsSequenceAfresh() {
    EngineExecutionResults results = LocalServerTestKit.run(FreshPerTestTestCase.class);

    assertAllSucceeded(results, 2);
    assertThat(reported(results, "responses")).containsExactly("503, 200 up, 200 up", "503, 200 up, 200 up");
  }

  @Test
  void aSequenceRegisteredInBeforeAllRestartsForEveryTestAndOnReset() {
    EngineExecutionResults results = LocalServerTestKit.run(BeforeAllSequenceTestCase.class);

    assertAllSucceeded(results, 3);
    assertThat(reported(results, "responses")).containsExactly("503, 200 up, 200 up", "503, 200 up, 200 up");
    assertThat(reportedOnce(results, "aroundReset")).isEqualTo("503, 200 up | 503, 200 up");
  }

  @Test
  void concurrentTestsEachSeeTheirOwnSequenceFromTheStart() {
    EngineExecutionResults results =
        LocalServerTestKit.runParallel(
            4, PerMethodSequencesTestCase.class, PerClassSequencesTestCase.class, SharedSequenceTestCase.class);

    assertAllSucceeded(results, 3 * REPETITIONS);
    assertThat(reported(results, "responses"))
        .hasSize(3 * REPETITIONS)
        .containsOnly("503, 502, 200 done, 200 done");
  }

  /**
   * Requests that arrive together each take the next response: a sequence of four 503s answers
   * exactly four 503s, whatever the interleaving, and never falls through to "no stub" (404). A
   * racy implementation fails this almost every run; a correct one always passes.
   */
  @Test
  void concurrentRequestsEachTakeTheNextResponse() {
    EngineExecutionResults results = LocalServerTestKit.run(ConcurrentRequestsTestCase.class);

    assertThat(reported(results, "tally"))
        .as(describe(results))
        .hasSize(ConcurrentRequestsTestCase.ROUNDS)
        .containsOnly("503 x4, 200 x28");
    assertAllSucceeded(results, ConcurrentRequestsTestCase.ROUNDS);
  }

  @Test
  void verifyCountsEveryRequestOfTheSequence() {
    EngineExecutionResults results = LocalServerTestKit.run(VerifyTestCase.class);

    assertAllSucceeded(results, 1); // the fixture's verify(3, ...) passed
    assertThat(reportedOnce(results, "verifyTwo"))
        .startsWith("com.github.tomakehurst.wiremock.client.VerificationException: Expected exactly 2 requests");
  }

  @Test
  void noResponseIsAnError() {
    EngineExecutionResults results = LocalServerTestKit.run(NoResponseTestCase.class);

    assertThat(onlyFailure(results))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "stubSequence(request) was given no response; pass one or more, e.g."
                + " stubSequence(get(\"/x\"), Faults.status(503), ok())");
  }

  @Test
  void aNullArrayOfResponsesIsAnError() {
    EngineExecutionResults results = LocalServerTestKit.run(NullResponsesTestCase.class);

    assertThat(onlyFailure(results))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "stubSequence(request) was given no response; pass one or more, e.g."
                + " stubSequence(get(\"/x\"), Faults.status(503), ok())");
  }

  @Test
  void aNullRequestIsAnError() {
    EngineExecutionResults results = LocalServerTestKit.run(NullRequestTestCase.class);

    assertThat(onlyFailure(results))
        .isExactlyInstanceOf(NullPointerException.class)
        .hasMessage("stubSequence(request, ...): request is null");
  }

  @Test
  void aNullResponseIsAnErrorAndRegistersNothing() {
    EngineExecutionResults results = LocalServerTestKit.run(NullResponseTestCase.class);

    assertAllSucceeded(results, 1);
    assertThat(reportedOnce(results, "thrown"))
        .isEqualTo("java.lang.NullPointerException: stubSequence: response 2 is null");
    assertThat(reportedOnce(results, "stubs")).as("stubs left behind by the failed call").isEqualTo("0");
  }

  @Test
  void theGivenRequestBuilderCanStillBeUsedForAnOrdinaryStub() {
    EngineExecutionResults results = LocalServerTestKit.run(ReusedBuilderTestCase.class);

    assertAllSucceeded(results, 1);
    assertThat(reportedOnce(results, "responses")).isEqualTo("200 plain, 200 plain");
  }

  // ---- helpers ----------------------------------------------------------------------------------

  static final int REPETITIONS = 6;

  private static void assertAllSucceeded(EngineExecutionResults results, long tests) {
    assertThat(results.allEvents().failed().count()).as(describe(results)).isZero();
    assertThat(results.testEvents().succeeded().count()).as(describe(results)).isEqualTo(tests);
  }

  /** What one call gets: {@code 503}, {@code 200 up}, or the exception. */
  static String attempt(OkHttpClient http, HttpUrl url) {
    try (Response response = http.newCall(new Request.Builder().url(url).build()).execute()) {
      String body = response.body().string();
      String retryAfter = response.header("Retry-After");
      return response.code()
          + (retryAfter == null ? "" : " Retry-After " + retryAfter)
          + (body.isEmpty() ? "" : " " + body);
    } catch (IOException e) {
      return e.getClass().getName() + ": " + e.getMessage();
    }
  }

  /** {@code count} calls in a row, as {@code 503, 200 up, ...}. */
  static String attempts(OkHttpClient http, HttpUrl url, int count) {
    return IntStream.range(0, count).mapToObj(i -> attempt(http, url)).collect(Collectors.joining(", "));
  }

  // ---- fixtures ---------------------------------------------------------------------------------

  @LocalServer
  static class InOrderTestCase {
    @Test
    void flaky(LocalHttpServer server, OkHttpClient http, TestReporter reporter) {
      StubMapping first = server.stubSequence(get("/flaky"), Faults.status(503), Faults.status(503), ok("up"));
      boolean registered = server.wireMock().allStubMappings().getMappings().stream().anyMatch(s -> s.getId().equals(first.getId()));
      reporter.publishEntry(
          "returned",
          (registered ? "registered" : "missing")
              + ", matches "
              + first.getRequest().getMethod()
              + " "
              + first.getRequest().getUrl());
      reporter.publishEntry("responses", attempts(http, server.url("/flaky"), 6));
    }
  }

  @LocalServer
  static class SingleResponseTestCase {
    @Test
    void throttled(LocalHttpServer server, OkHttpClient http, TestReporter reporter) {
      server.stubSequence(get("/throttled"), Faults.status(429));
      reporter.publishEntry("responses", attempts(http, server.url("/throttled"), 3));
    }
  }

  @LocalServer
  static class FaultsInSequenceTestCase {
    @Test
    void recovers(LocalHttpServer server, OkHttpClient http, TestReporter reporter) {
      server.stubSequence(
          get("/orders/1"),
          Faults.connectionReset(),
          Faults.serviceUnavailable(Duration.ofSeconds(1)),
          okJson("{\"id\":1}"));
      reporter.publishEntry("responses", attempts(http, server.url("/orders/1"), 4));
    }
  }

  @LocalServer
  static class FreshPerTestTestCase {
    @Test
    void first(LocalHttpServer server, OkHttpClient http, TestReporter reporter) {
      server.stubSequence(get("/flaky"), Faults.status(503), ok("up"));
      reporter.publishEntry("responses", attempts(http, server.url("/flaky"), 3));
    }

    @Test
    void second(LocalHttpServer server, OkHttpClient http, TestReporter reporter) {
      server.stubSequence(get("/flaky"), Faults.status(503), ok("up"));
      reporter.publishEntry("responses", attempts(http, server.url("/flaky"), 3));
    }
  }

  @LocalServer
  static class BeforeAllSequenceTestCase {
    @BeforeAll
    static void stubs(LocalHttpServer server) {
      server.stubSequence(get("/flaky"), Faults.status(503), ok("up"));
    }

    @Test
    void first(LocalHttpServer server, OkHttpClient http, TestReporter reporter) {
      reporter.publishEntry("responses", attempts(http, server.url("/flaky"), 3));
    }

    @Test
    void second(LocalHttpServer server, OkHttpClient http, TestReporter reporter) {
      reporter.publishEntry("responses", attempts(http, server.url("/flaky"), 3));
    }

    @Test
    void reset(LocalHttpServer server, OkHttpClient http, TestReporter reporter) {
      String before = attempts(http, server.url("/flaky"), 2);
      server.reset();
      reporter.publishEntry("aroundReset", before + " | " + attempts(http, server.url("/flaky"), 2));
    }
  }

  /** Registers its own sequence in every test and publishes what four calls got. */
  abstract static class OwnSequenceTestCase {
    @RepeatedTest(REPETITIONS)
    void flaky(LocalHttpServer server, OkHttpClient http, TestReporter reporter) {
      server.stubSequence(get("/flaky"), Faults.status(503), Faults.status(502), ok("done"));
      reporter.publishEntry("responses", attempts(http, server.url("/flaky"), 4));
    }
  }

  @LocalServer(lifecycle = Lifecycle.PER_METHOD)
  static class PerMethodSequencesTestCase extends OwnSequenceTestCase {}

  @LocalServer
  static class PerClassSequencesTestCase extends OwnSequenceTestCase {}

  @LocalServer
  static class SharedSequenceTestCase {
    @BeforeAll
    static void stubs(LocalHttpServer server) {
      server.stubSequence(get("/flaky"), Faults.status(503), Faults.status(502), ok("done"));
    }

    @RepeatedTest(REPETITIONS)
    void flaky(LocalHttpServer server, OkHttpClient http, TestReporter reporter) {
      reporter.publishEntry("responses", attempts(http, server.url("/flaky"), 4));
    }
  }

  @LocalServer(lifecycle = Lifecycle.PER_METHOD)
  static class ConcurrentRequestsTestCase {
    static final int ROUNDS = 10;

    @RepeatedTest(ROUNDS)
    void together(LocalHttpServer server, OkHttpClient http, TestReporter reporter) throws Exception {
      ResponseDefinitionBuilder unavailable = Faults.status(503);
      server.stubSequence(get("/busy"), unavailable, unavailable, unavailable, unavailable, ok());
      ExecutorService callers = Executors.newFixedThreadPool(8);
      try {
        List<Future<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
          calls.add(callers.submit(() -> code(http, server.url("/busy"))));
        }
        List<Integer> codes = new ArrayList<>();
        for (Future<Integer> call : calls) {
          codes.add(call.get());
        }
        String tally =
            codes.stream().distinct().sorted(Collections.reverseOrder())
                .map(code -> code + " x" + Collections.frequency(codes, code))
                .collect(Collectors.joining(", "));
        reporter.publishEntry("tally", tally);
      } finally {
        callers.shutdownNow();
      }
    }

    private static int code(OkHttpClient http, HttpUrl url) throws IOException {
      try (Response response = http.newCall(new Request.Builder().url(url).build()).execute()) {
        return response.code();
      }
    }
  }

  @LocalServer
  static class VerifyTestCase {
    @Test
    void counts(LocalHttpServer server, OkHttpClient http, TestReporter reporter) {
      server.stubSequence(get("/flaky"), Faults.status(503), ok("up"));
      attempts(http, server.url("/flaky"), 3);
      server.verify(3, getRequestedFor(urlEqualTo("/flaky")));
      Throwable wrongCount = catchThrowable(() -> server.verify(2, getRequestedFor(urlEqualTo("/flaky"))));
      reporter.publishEntry(
          "verifyTwo",
          wrongCount == null ? "no exception" : wrongCount.getClass().getName() + ": " + wrongCount.getMessage());
    }
  }

  @LocalServer
  static class ReusedBuilderTestCase {
    @Test
    void reuse(LocalHttpServer server, OkHttpClient http, TestReporter reporter) {
      MappingBuilder getOrder = get("/orders/1");
      server.stubSequence(getOrder, Faults.status(503), ok("from the sequence"));
      server.stubFor(getOrder.willReturn(ok("plain"))); // the newest stub wins in WireMock
      reporter.publishEntry("responses", attempts(http, server.url("/orders/1"), 2));
    }
  }

  @LocalServer
  static class NoResponseTestCase {
    @Test
    void none(LocalHttpServer server) {
      server.stubSequence(get("/x"));
    }
  }

  @LocalServer
  static class NullResponsesTestCase {
    @Test
    void nullArray(LocalHttpServer server) {
      server.stubSequence(get("/x"), (ResponseDefinitionBuilder[]) null);
    }
  }

  @LocalServer
  static class NullRequestTestCase {
    @Test
    void nullRequest(LocalHttpServer server) {
      server.stubSequence(null, ok());
    }
  }

  @LocalServer
  static class NullResponseTestCase {
    @Test
    void nullSecond(LocalHttpServer server, TestReporter reporter) {
      Throwable thrown = catchThrowable(() -> server.stubSequence(get("/x"), ok(), null));
      reporter.publishEntry(
          "thrown", thrown == null ? "no exception" : thrown.getClass().getName() + ": " + thrown.getMessage());
      reporter.publishEntry("stubs", String.valueOf(server.wireMock().allStubMappings().getMappings().size()));
    }
  }
}

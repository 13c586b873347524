package io.github.localserver;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static io.github.localserver.LifecycleTest.call;
import static io.github.localserver.LocalServerTestKit.describe;
import static io.github.localserver.LocalServerTestKit.failure;
import static io.github.localserver.LocalServerTestKit.reported;
import static io.github.localserver.LocalServerTestKit.reportedOnce;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventType;
import org.opentest4j.AssertionFailedError;

/**
 * Requests that match no stub fail the test (unless turned off), and a failed test carries a report
 * of what each of its servers received.
 */
class FailOnUnmatchedTest {

  private static final String ADVICE =
      "Stub these requests, or declare the server with failOnUnmatched = false"
          + " (or set localserver.fail-on-unmatched=false) if they are expected.";

  @Test
  void anUnmatchedRequestFailsTheTestWithWireMocksDiffAgainstTheNearestStub() {
    EngineExecutionResults results = LocalServerTestKit.run(UnmatchedTestCase.class);

    Throwable failure = onlyFailedTest(results, "unmatched(LocalHttpServer, TestReporter)");
    String url = "http://127.0.0.1:" + reportedOnce(results, "port");
    assertThat(failure)
        .isInstanceOf(AssertionFailedError.class)
        .hasMessage(
            lines(
                "The default server (" + url + ") received 1 request that matched no stub:",
                "",
                "  GET /orders/2?page=1",
                "  Nearest stub on the left, the request on the right:",
                "    " + "-".repeat(119),
                "    | " + pad("Closest stub", 57) + "| " + pad("Request", 57) + "|",
                "    " + "-".repeat(119),
                row("", ""),
                row("GET", "GET"),
                row("/orders/1", pad("/orders/2?page=1", 52) + "<<<<< URL does not match"),
                row("", ""),
                row("", ""),
                "    " + "-".repeat(119),
                "",
                ADVICE));
    assertThat(reportedOnce(results, "LocalServer"))
        .isEqualTo(
            lines(
                "The default server (" + url + ") received 2 requests:",
                "  GET /orders/1 -> 200, stub GET /orders/1",
                "  GET /orders/2?page=1 -> 404, matched no stub; nearest: GET /orders/1"));
  }

  @LocalServer
  static class UnmatchedTestCase {
    @Test
    void unmatched(LocalHttpServer server, TestReporter reporter) throws IOException {
      reporter.publishEntry("port", String.valueOf(server.port()));
      server.stubFor(get("/orders/1").willReturn(ok("one")));
      assertThat(call(server, "/orders/1")).isEqualTo("200 one");
      assertThat(call(server, "/orders/2?page=1")).startsWith("404");
    }
  }

  @Test
  void withoutStubsTheMessageListsEachRequestAndSaysNoStubsAreRegistered() {
    EngineExecutionResults results = LocalServerTestKit.run(NoStubsTestCase.class);

    Throwable failure = onlyFailedTest(results, "unmatched(LocalHttpServer, TestReporter)");
    String url = "http://127.0.0.1:" + reportedOnce(results, "port");
    assertThat(failure)
        .isInstanceOf(AssertionFailedError.class)
        .hasMessage(
            lines(
                "Server 'orders' (" + url + ") received 2 requests that matched no stub:",
                "",
                "  GET /a",
                "  (no stubs are registered)",
                "",
                "  GET /b",
                "  (no stubs are registered)",
                "",
                ADVICE));
  }

  @LocalServer(name = "orders")
  static class NoStubsTestCase {
    @Test
    void unmatched(LocalHttpServer server, TestReporter reporter) throws IOException {
      reporter.publishEntry("port", String.valueOf(server.port()));
      call(server, "/a");
      call(server, "/b");
    }
  }

  @Test
  void perTestServersFailTheirTestToo() {
    EngineExecutionResults results = LocalServerTestKit.run(PerTestServersTestCase.class);

    assertThat(results.testEvents().failed().count()).as(describe(results)).isEqualTo(2);
    for (String test : List.of("onTheMethod", "perMethod")) {
      Event event =
          results.testEvents().failed().stream()
              .filter(e -> e.getTestDescriptor().getDisplayName().startsWith(test + "("))
              .findFirst()
              .orElseThrow(() -> new AssertionError(describe(results)));
      String url = "http://127.0.0.1:" + reportedOnce(results, test);
      assertThat(failure(event))
          .isInstanceOf(AssertionFailedError.class)
          .hasMessage(
              lines(
                  "Server '" + test + "' (" + url + ") received 1 request that matched no stub:",
                  "",
                  "  GET /unmatched",
                  "  (no stubs are registered)",
                  "",
                  ADVICE));
    }
  }

  @LocalServer(name = "perMethod", lifecycle = Lifecycle.PER_METHOD)
  static class PerTestServersTestCase {
    @Test
    @LocalServer(name = "onTheMethod")
    void onTheMethod(@Server("onTheMethod") LocalHttpServer server, TestReporter reporter) throws IOException {
      reporter.publishEntry("onTheMethod", String.valueOf(server.port()));
      call(server, "/unmatched");
    }

    @Test
    void perMethod(@Server("perMethod") LocalHttpServer server, TestReporter reporter) throws IOException {
      reporter.publishEntry("perMethod", String.valueOf(server.port()));
      call(server, "/unmatched");
    }
  }

  @Test
  void failOnUnmatchedFalseLetsUnmatchedRequestsPass() {
    EngineExecutionResults results = LocalServerTestKit.run(NotFailingTestCase.class);

    assertSucceeded(results, 1);
    assertThat(reported(results, "LocalServer")).isEmpty();
  }

  @LocalServer(failOnUnmatched = false)
  static class NotFailingTestCase {
    @Test
    void unmatched(LocalHttpServer server) throws IOException {
      assertThat(call(server, "/unmatched")).startsWith("404");
      assertThat(server.unmatchedRequests()).hasSize(1);
    }
  }

  @Test
  void theConfigurationParameterTurnsItOff() {
    EngineExecutionResults results =
        LocalServerTestKit.run(UnstatedTestCase.class, "localserver.fail-on-unmatched", "false");

    assertSucceeded(results, 1);
  }

  @Test
  void theConfigurationParameterCanStateTheDefault() {
    EngineExecutionResults results =
        LocalServerTestKit.run(UnstatedTestCase.class, "localserver.fail-on-unmatched", "true");

    assertThat(onlyFailedTest(results, "unmatched(LocalHttpServer)")).isInstanceOf(AssertionFailedError.class);
  }

  @LocalServer
  static class UnstatedTestCase {
    @Test
    void unmatched(LocalHttpServer server) throws IOException {
      assertThat(call(server, "/unmatched")).startsWith("404");
    }
  }

  @Test
  void theAttributeWinsOverTheParameter() {
    EngineExecutionResults results =
        LocalServerTestKit.run(NotFailingTestCase.class, "localserver.fail-on-unmatched", "true");

    assertSucceeded(results, 1);
  }

  @Test
  void theBuilderTurnsItOff() {
    EngineExecutionResults results = LocalServerTestKit.run(BuiltNotFailingTestCase.class);

    assertSucceeded(results, 1);
  }

  static class BuiltNotFailingTestCase {
    @RegisterExtension
    static LocalServerExtension server = LocalServerExtension.builder().failOnUnmatched(false).build();

    @Test
    void unmatched() throws IOException {
      assertThat(call(server, "/unmatched")).startsWith("404");
    }
  }

  @Test
  void aFailedTestReportsWhatEachOfItsServersReceived() {
    EngineExecutionResults results = LocalServerTestKit.run(ReportingTestCase.class);

    assertThat(results.testEvents().succeeded().count()).as(describe(results)).isEqualTo(1);
    assertThat(onlyFailedTest(results, "fails(LocalHttpServer, LocalHttpServer, TestReporter)")).hasMessage("boom");
    Map<String, String> entries = reportEntriesOf(results, "fails(LocalHttpServer, LocalHttpServer, TestReporter)");
    assertThat(entries.keySet()).containsExactlyInAnyOrder("ports", "LocalServer", "LocalServer[orders]");
    String[] ports = entries.get("ports").split(" ");
    assertThat(entries.get("LocalServer"))
        .isEqualTo(
            lines(
                "The default server (http://127.0.0.1:" + ports[0] + ") received 2 requests:",
                "  GET /health -> 200, stub \"health\"",
                "  POST /health -> 404, matched no stub; nearest: \"health\""));
    assertThat(entries.get("LocalServer[orders]"))
        .isEqualTo(
            lines(
                "Server 'orders' (http://127.0.0.1:" + ports[1] + ") received 1 request:",
                "  GET /orders/1 -> 200, stub GET /orders/1"));
    assertThat(reportEntriesOf(results, "passes(LocalHttpServer)")).isEmpty();
  }

  @LocalServer(failOnUnmatched = false)
  @LocalServer(name = "orders")
  static class ReportingTestCase {
    @Test
    void fails(LocalHttpServer server, @Server("orders") LocalHttpServer orders, TestReporter reporter)
        throws IOException {
      reporter.publishEntry("ports", server.port() + " " + orders.port());
      server.stubFor(get("/health").withName("health").willReturn(ok()));
      orders.stubFor(get("/orders/1").willReturn(ok()));
      call(server, "/health");
      Request post = new Request.Builder().url(server.url("/health")).post(RequestBody.create(new byte[0])).build();
      try (Response response = server.client().newCall(post).execute()) {
        assertThat(response.code()).isEqualTo(404);
      }
      call(orders, "/orders/1");
      fail("boom");
    }

    @Test
    void passes(LocalHttpServer server) throws IOException {
      server.stubFor(get("/health").willReturn(ok()));
      call(server, "/health");
    }
  }

  // ---- helpers --------------------------------------------------------------------------------

  private static Throwable onlyFailedTest(EngineExecutionResults results, String displayName) {
    List<Event> failed = results.allEvents().failed().list();
    assertThat(failed).as(describe(results)).hasSize(1);
    assertThat(failed.get(0).getTestDescriptor().getDisplayName()).isEqualTo(displayName);
    return failure(failed.get(0));
  }

  /** The report entries published for one test, by key. */
  private static Map<String, String> reportEntriesOf(EngineExecutionResults results, String displayName) {
    return results.allEvents().stream()
        .filter(e -> e.getType() == EventType.REPORTING_ENTRY_PUBLISHED)
        .filter(e -> e.getTestDescriptor().getDisplayName().equals(displayName))
        .map(e -> e.getPayload(ReportEntry.class))
        .flatMap(Optional::stream)
        .flatMap(entry -> entry.getKeyValuePairs().entrySet().stream())
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  /** A row of WireMock's plain-text diff table, indented as in the failure message. */
  private static String row(String stub, String request) {
    return "    " + pad(stub, 59) + "|" + (request.isEmpty() ? "" : " " + request);
  }

  private static String pad(String text, int width) {
    return text + " ".repeat(width - text.length());
  }

  private static String lines(String... lines) {
    return String.join("\n", lines);
  }

  private static void assertSucceeded(EngineExecutionResults results, long tests) {
    assertThat(results.allEvents().failed().count()).as(describe(results)).isZero();
    assertThat(results.testEvents().succeeded().count()).as(describe(results)).isEqualTo(tests);
  }
}

package io.github.localserver;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static io.github.localserver.LocalServerTestKit.describe;
import static io.github.localserver.LocalServerTestKit.reported;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * What each server received is reported for a failing test, and with {@code
 * localserver.report-requests=always} for every test: as a report entry, and for a passing test on
 * its standard output too (Maven Surefire keeps standard output, and drops report entries).
 */
// Replaces System.out for a moment: alone, so no other test's output is caught or lost.
@Isolated
class RequestReportTest {

  private static final String REPORT =
      "The default server (http://127.0.0.1:%s) received 1 request:\n  GET /greeting -> 200, stub GET /greeting";

  @Test
  void byDefaultAPassingTestIsNotReported() {
    EngineExecutionResults results = LocalServerTestKit.run(PassesTestCase.class);

    assertThat(results.testEvents().succeeded().count()).as(describe(results)).isEqualTo(1);
    assertThat(reported(results, "LocalServer")).isEmpty();
  }

  @Test
  void aFailingTestIsReported() {
    EngineExecutionResults results = LocalServerTestKit.run(FailsTestCase.class);

    assertThat(results.testEvents().failed().count()).as(describe(results)).isEqualTo(1);
    assertThat(reported(results, "LocalServer")).singleElement().asString().startsWith("The default server (http://127.0.0.1:").contains("GET /greeting -> 200");
  }

  @Test
  void alwaysReportsAPassingTestAsAnEntryAndOnItsStandardOutput() {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    EngineExecutionResults results;
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      results = LocalServerTestKit.run(PassesTestCase.class, "localserver.report-requests", "always");
    } finally {
      System.setOut(original);
    }

    assertThat(results.testEvents().succeeded().count()).as(describe(results)).isEqualTo(1);
    String port = LocalServerTestKit.reportedOnce(results, "port");
    assertThat(reported(results, "LocalServer")).containsExactly(String.format(REPORT, port));
    assertThat(captured.toString(StandardCharsets.UTF_8))
        .contains("[LocalServer] greets(LocalHttpServer, OkHttpClient, TestReporter): " + String.format(REPORT, port));
  }

  @LocalServer
  static class PassesTestCase {
    @org.junit.jupiter.api.Test
    void greets(LocalHttpServer server, OkHttpClient http, org.junit.jupiter.api.TestReporter reporter) throws IOException {
      reporter.publishEntry("port", String.valueOf(server.port()));
      server.stubFor(get("/greeting").willReturn(ok("hi")));
      try (Response response = http.newCall(new Request.Builder().url(server.url("/greeting")).build()).execute()) {
        assertThat(response.code()).isEqualTo(200);
      }
    }
  }

  @LocalServer
  static class FailsTestCase {
    @org.junit.jupiter.api.Test
    void greetsWrongly(LocalHttpServer server, OkHttpClient http) throws IOException {
      server.stubFor(get("/greeting").willReturn(ok("hi")));
      try (Response response = http.newCall(new Request.Builder().url(server.url("/greeting")).build()).execute()) {
        assertThat(response.body().string()).isEqualTo("hello");
      }
    }
  }
}

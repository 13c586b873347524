package io.github.localserver;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static io.github.localserver.LocalServerTestKit.describe;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventType;

/** A failing dynamic test of a {@code @TestFactory} gets the report of what its servers received. */
class DynamicTestReportTest {

  @Test
  void aFailingDynamicTestIsReportedWithTheRequestsItMade() {
    EngineExecutionResults results = LocalServerTestKit.run(FactoryTestCase.class);

    assertThat(results.testEvents().failed().count()).as(describe(results)).isEqualTo(1);
    List<Event> entries =
        results.allEvents().stream().filter(e -> e.getType() == EventType.REPORTING_ENTRY_PUBLISHED).toList();
    assertThat(entries).hasSize(1);
    assertThat(entries.get(0).getTestDescriptor().getDisplayName()).isEqualTo("fails");
    String report = entries.get(0).getPayload(ReportEntry.class).orElseThrow().getKeyValuePairs().get("LocalServer");
    assertThat(report)
        .startsWith("The default server (http://127.0.0.1:")
        .endsWith(") received 1 request:\n  GET /second -> 200, stub GET /second");
  }

  static int call(OkHttpClient http, LocalHttpServer server, String path) throws IOException {
    try (Response response = http.newCall(new Request.Builder().url(server.url(path)).build()).execute()) {
      return response.code();
    }
  }

  @LocalServer
  static class FactoryTestCase {
    @TestFactory
    Stream<DynamicTest> calls(LocalHttpServer server, OkHttpClient http) {
      server.stubFor(get("/first").willReturn(ok()));
      server.stubFor(get("/second").willReturn(ok()));
      return Stream.of(
          DynamicTest.dynamicTest("passes", () -> assertThat(call(http, server, "/first")).isEqualTo(200)),
          DynamicTest.dynamicTest("fails", () -> assertThat(call(http, server, "/second")).isEqualTo(201)));
    }
  }
}

package io.github.localserver;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;

import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.platform.testkit.engine.EngineExecutionResults;

class SmokeTest {

  @Test
  void aServerAnswersAStub() {
    EngineExecutionResults results = LocalServerTestKit.run(SimpleTestCase.class);
    assertThat(results.testEvents().succeeded().count()).as(LocalServerTestKit.describe(results)).isEqualTo(1);
    assertThat(LocalServerTestKit.reportedOnce(results, "url")).matches("http://127\\.0\\.0\\.1:\\d+");
  }

  @LocalServer
  static class SimpleTestCase {
    @Test
    void fetches(LocalHttpServer server, @ServerUrl String url, OkHttpClient http, TestReporter reporter) throws Exception {
      server.stubFor(get("/hello").willReturn(okJson("{\"hi\":1}")));
      try (Response response = http.newCall(new Request.Builder().url(url + "/hello").build()).execute()) {
        assertThat(response.code()).isEqualTo(200);
        assertThat(response.body().string()).isEqualTo("{\"hi\":1}");
      }
      reporter.publishEntry("url", url);
    }
  }
}

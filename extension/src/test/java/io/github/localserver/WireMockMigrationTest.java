package io.github.localserver;

import static com.github.tomakehurst.wiremock.client.WireMock.findUnmatchedRequests;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getAllServeEvents;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.listAllStubMappings;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static io.github.localserver.LocalServerTestKit.describe;
import static io.github.localserver.LocalServerTestKit.reported;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * A test written for WireMock's own {@code @WireMockTest} runs unchanged under {@code
 * @LocalServer}: the static DSL, {@code WireMockRuntimeInfo} and per-test reset behave the same,
 * except that the URL carries the literal loopback address instead of {@code localhost}.
 */
class WireMockMigrationTest {

  @Test
  void theFixturePassesUnderWireMocksOwnExtension() {
    EngineExecutionResults results = LocalServerTestKit.run(UnderWireMockTestCase.class);

    assertSucceeded(results, 2);
    assertThat(reported(results, "baseUrl")).hasSize(2).allMatch(url -> url.matches("http://localhost:\\d+"));
  }

  @Test
  void theFixturePassesWithOnlyTheAnnotationSwapped() {
    EngineExecutionResults results = LocalServerTestKit.run(UnderLocalServerTestCase.class);

    assertSucceeded(results, 2);
    List<String> urls = reported(results, "baseUrl");
    assertThat(urls).hasSize(2).containsOnly(urls.get(0));
    assertThat(urls.get(0)).matches("http://127\\.0\\.0\\.1:\\d+");
  }

  /**
   * Written as WireMock's documentation shows. It makes its own JDK client, since WireMock's
   * extension injects none; that is what a migrating user's test looks like.
   */
  abstract static class WrittenForWireMock {
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void stubHealth() {
      stubFor(get("/health").willReturn(ok("up")));
    }

    @Test
    void test_something_with_wiremock(WireMockRuntimeInfo wmRuntimeInfo, TestReporter reporter) throws Exception {
      startsWithTheBeforeEachStubOnly();
      // The static DSL will be automatically configured for you
      stubFor(get("/static-dsl").willReturn(ok("static")));
      // Instance DSL can be obtained from the runtime info parameter
      WireMock wireMock = wmRuntimeInfo.getWireMock();
      wireMock.register(get("/instance-dsl").willReturn(ok("instance")));
      // Info such as port numbers is also available
      int port = wmRuntimeInfo.getHttpPort();
      String baseUrl = wmRuntimeInfo.getHttpBaseUrl();
      reporter.publishEntry("baseUrl", baseUrl);

      assertThat(fetch(baseUrl + "/static-dsl")).isEqualTo("static");
      assertThat(fetch(baseUrl + "/instance-dsl")).isEqualTo("instance");
      assertThat(fetch("http://127.0.0.1:" + port + "/health")).isEqualTo("up");
      verify(getRequestedFor(urlEqualTo("/static-dsl")));
      verify(1, getRequestedFor(urlEqualTo("/instance-dsl")));
      wireMock.verifyThat(1, getRequestedFor(urlEqualTo("/health")));
      assertThat(getAllServeEvents()).hasSize(3);
      assertThat(findUnmatchedRequests()).isEmpty();
    }

    @Test
    void another_test(WireMockRuntimeInfo wmRuntimeInfo, TestReporter reporter) throws Exception {
      startsWithTheBeforeEachStubOnly();
      reporter.publishEntry("baseUrl", wmRuntimeInfo.getHttpBaseUrl());
      assertThat(fetch(wmRuntimeInfo.getHttpBaseUrl() + "/health")).isEqualTo("up");
      verify(1, getRequestedFor(urlEqualTo("/health")));
    }

    /**
     * Whichever test runs second checks that the first one's stubs and requests are gone. (Under
     * WireMock's extension the stub in src/test/resources/mappings is loaded too, so this counts
     * only the stubs the tests register.)
     */
    private static void startsWithTheBeforeEachStubOnly() {
      assertThat(listAllStubMappings().getMappings())
          .map(stub -> stub.getRequest().getUrl())
          .containsOnlyOnce("/health")
          .doesNotContain("/static-dsl", "/instance-dsl");
      assertThat(getAllServeEvents()).isEmpty();
    }

    private String fetch(String url) throws IOException, InterruptedException {
      return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
  }

  @WireMockTest
  static class UnderWireMockTestCase extends WrittenForWireMock {}

  @LocalServer
  static class UnderLocalServerTestCase extends WrittenForWireMock {}

  private static void assertSucceeded(EngineExecutionResults results, long tests) {
    assertThat(results.allEvents().failed().count()).as(describe(results)).isZero();
    assertThat(results.testEvents().succeeded().count()).as(describe(results)).isEqualTo(tests);
  }
}

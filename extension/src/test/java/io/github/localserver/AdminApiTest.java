package io.github.localserver;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.github.localserver.LocalServerTestKit.describe;
import static io.github.localserver.LocalServerTestKit.reportedOnce;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import java.io.IOException;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * WireMock's admin API shares the port with the stubs; LocalServer keeps it for the test's own
 * handles, so the code under test (here: a plain client that knows only the port) cannot read the
 * journal, reset, shut down or write files — unless {@code localserver.admin-api=open}.
 */
class AdminApiTest {

  private static final String REFUSED =
      "401 LocalServer protects WireMock's admin API (%s was refused): only the test's own handles may"
          + " use it (LocalHttpServer, the injected WireMock client, WireMockRuntimeInfo.getWireMock(),"
          + " WireMock's static DSL). To open it to any client, set the configuration parameter"
          + " localserver.admin-api=open.\n";

  @Test
  void theCodeUnderTestGets401ForEveryAdminRequestAndChangesNothing() {
    EngineExecutionResults results = LocalServerTestKit.run(CodeUnderTestTriesTheAdminApiTestCase.class);

    assertThat(results.testEvents().succeeded().count()).as(describe(results)).isEqualTo(1);
    assertThat(reportedOnce(results, "journal")).isEqualTo(String.format(REFUSED, "GET /__admin/requests"));
    assertThat(reportedOnce(results, "reset")).isEqualTo(String.format(REFUSED, "POST /__admin/reset"));
    assertThat(reportedOnce(results, "shutdown")).isEqualTo(String.format(REFUSED, "POST /__admin/shutdown"));
    assertThat(reportedOnce(results, "file")).isEqualTo(String.format(REFUSED, "PUT /__admin/files/x.txt"));
    assertThat(reportedOnce(results, "afterwards")).isEqualTo("running, 1 stub, GET /orders -> 200");
  }

  @Test
  void theTestsOwnHandlesStillReachTheAdminApi() {
    EngineExecutionResults results = LocalServerTestKit.run(HandlesUseTheAdminApiTestCase.class);

    assertThat(results.testEvents().succeeded().count()).as(describe(results)).isEqualTo(1);
    assertThat(reportedOnce(results, "stubs seen by each handle")).isEqualTo("3 3 3 3");
  }

  @Test
  void openRestoresWiremocksOpenAdminApi() {
    EngineExecutionResults results =
        LocalServerTestKit.run(CodeUnderTestTriesTheAdminApiTestCase.class, "localserver.admin-api", "OPEN");

    // Open: the journal is read, the reset wipes the stub, the shutdown stops the server.
    assertThat(reportedOnce(results, "journal")).startsWith("200 {");
    assertThat(reportedOnce(results, "reset")).startsWith("200");
  }

  @Test
  void anUnknownAdminApiModeIsAClearError() {
    EngineExecutionResults results =
        LocalServerTestKit.run(HandlesUseTheAdminApiTestCase.class, "localserver.admin-api", "closed");

    LocalServerTestKit.assertFailure(
        LocalServerTestKit.onlyFailure(results),
        org.junit.jupiter.api.extension.ExtensionConfigurationException.class,
        "Configuration parameter localserver.admin-api = \"closed\" is not an admin API mode; use protected or open");
  }

  static String send(OkHttpClient plain, Request request) throws IOException {
    try (Response response = plain.newCall(request).execute()) {
      return response.code() + " " + response.body().string();
    }
  }

  @LocalServer
  static class CodeUnderTestTriesTheAdminApiTestCase {
    @Test
    void triesIt(LocalHttpServer server, TestReporter reporter) throws IOException {
      server.stubFor(get("/orders").willReturn(ok()));
      OkHttpClient plain = new OkHttpClient(); // the code under test's own client
      String base = "http://127.0.0.1:" + server.port();
      RequestBody empty = RequestBody.create(new byte[0]);
      reporter.publishEntry("journal", send(plain, new Request.Builder().url(base + "/__admin/requests").build()));
      reporter.publishEntry("reset", send(plain, new Request.Builder().url(base + "/__admin/reset").post(empty).build()));
      reporter.publishEntry(
          "shutdown", send(plain, new Request.Builder().url(base + "/__admin/shutdown").post(empty).build()));
      reporter.publishEntry(
          "file",
          send(
              plain,
              new Request.Builder()
                  .url(base + "/__admin/files/x.txt")
                  .put(RequestBody.create("x", MediaType.get("text/plain")))
                  .build()));
      if (server.isRunning() && server.wireMock().allStubMappings().getMappings().size() == 1) {
        String call = send(plain, new Request.Builder().url(base + "/orders").build());
        reporter.publishEntry("afterwards", "running, 1 stub, GET /orders -> " + call.trim());
      }
    }
  }

  @LocalServer
  static class HandlesUseTheAdminApiTestCase {
    @Test
    void usesIt(LocalHttpServer server, WireMock wireMock, WireMockRuntimeInfo info, TestReporter reporter) {
      server.stubFor(get("/a").willReturn(ok()));
      wireMock.register(get("/b").willReturn(ok()));
      WireMock.stubFor(get("/c").willReturn(ok())); // the static DSL
      int viaHandle = server.wireMock().allStubMappings().getMappings().size();
      int viaClient = wireMock.allStubMappings().getMappings().size();
      int viaInfo = info.getWireMock().allStubMappings().getMappings().size();
      int viaStatic = WireMock.listAllStubMappings().getMappings().size();
      reporter.publishEntry("stubs seen by each handle", viaHandle + " " + viaClient + " " + viaInfo + " " + viaStatic);
      info.getWireMock().verifyThat(0, getRequestedFor(urlEqualTo("/a")));
    }
  }
}

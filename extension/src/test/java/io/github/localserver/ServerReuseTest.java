package io.github.localserver;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static io.github.localserver.LocalServerTestKit.describe;
import static io.github.localserver.LocalServerTestKit.reported;
import static io.github.localserver.LocalServerTestKit.reportedOnce;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.github.tomakehurst.wiremock.global.GlobalSettings;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.TestReporter;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Servers on a free port are reused between classes of one run, for speed; these tests prove that
 * no class sees anything another left behind, that every reused server is closed when the run
 * ends, and that a handle kept past its scope fails instead of reaching the next class's server.
 */
// Asserts that ports refuse connections once a run ends; alone, so that no other test's server
// can meanwhile be given one of those port numbers by the OS.
@Isolated
class ServerReuseTest {

  private static EngineExecutionResults runInOrder(Class<?>... fixtures) {
    EngineTestKit.Builder builder =
        EngineTestKit.engine("junit-jupiter")
            .enableImplicitConfigurationParameters(false)
            .configurationParameter(
                "junit.jupiter.testclass.order.default", "org.junit.jupiter.api.ClassOrderer$OrderAnnotation");
    for (Class<?> fixture : fixtures) {
      builder.selectors(selectClass(fixture));
    }
    return builder.execute();
  }

  @Test
  void theNextClassGetsTheSameServerWithNothingLeftBehind() {
    EngineExecutionResults results = runInOrder(LeavesAMessTestCase.class, FindsItCleanTestCase.class);

    assertThat(results.testEvents().succeeded().count()).as(describe(results)).isEqualTo(2);
    assertThat(reportedOnce(results, "second port"))
        .as("the second class reused the first one's server")
        .isEqualTo(reportedOnce(results, "first port"));
    assertThat(reportedOnce(results, "second state"))
        .isEqualTo("running, 0 stubs, 0 requests, fixed delay null, GET /mess -> 404");
  }

  @Test
  void everyReusedServerIsClosedWhenTheRunEnds() throws IOException {
    EngineExecutionResults results = runInOrder(LeavesAMessTestCase.class, FindsItCleanTestCase.class);

    assertThat(results.testEvents().succeeded().count()).as(describe(results)).isEqualTo(2);
    int port = Integer.parseInt(reportedOnce(results, "first port"));
    assertRefused(port);
  }

  @Test
  void perTestServersReuseOneCleanEngine() {
    EngineExecutionResults results = runInOrder(PerMethodTestCase.class);

    assertThat(results.testEvents().succeeded().count()).as(describe(results)).isEqualTo(2);
    List<String> ports = reported(results, "port");
    assertThat(ports).hasSize(2);
    // PER_METHOD servers on a free port: the second test reuses the first one's engine, clean.
    assertThat(ports.get(1)).isEqualTo(ports.get(0));
    assertThat(reported(results, "requests at start")).containsExactly("0", "0");
  }

  @Test
  void aHandleKeptPastItsScopeFailsInsteadOfReachingTheNextClass() {
    KeepsItsHandleTestCase.KEPT.set(null);
    EngineExecutionResults results = runInOrder(KeepsItsHandleTestCase.class, UsesTheKeptHandleTestCase.class);

    assertThat(results.testEvents().succeeded().count()).as(describe(results)).isEqualTo(2);
    assertThat(reportedOnce(results, "stale stubFor")).isEqualTo("IllegalStateException: The default server is closed: its scope has ended");
    assertThat(reportedOnce(results, "stubs seen by the next class")).isEqualTo("0");
  }

  private static void assertRefused(int port) {
    assertThatThrownBy(
            () -> {
              try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
              }
            })
        .isInstanceOf(ConnectException.class);
  }

  // ---- fixtures -------------------------------------------------------------------------------

  @LocalServer(failOnUnmatched = false)
  @Order(1)
  static class LeavesAMessTestCase {
    @Test
    void messesUp(LocalHttpServer server, OkHttpClient http, TestReporter reporter) throws IOException {
      reporter.publishEntry("first port", String.valueOf(server.port()));
      server.stubFor(get("/mess").willReturn(ok("left behind")));
      server.stubSequence(get("/sequence"), ok("one"), ok("two"));
      server.wireMock().setGlobalFixedDelayVariable(5);
      call(http, server, "/mess");
      call(http, server, "/sequence");
      server.stop(); // and leaves it stopped
    }
  }

  @LocalServer(failOnUnmatched = false)
  @Order(2)
  static class FindsItCleanTestCase {
    @Test
    void findsItClean(LocalHttpServer server, OkHttpClient http, TestReporter reporter) throws IOException {
      reporter.publishEntry("second port", String.valueOf(server.port()));
      GlobalSettings settings = server.wireMock().getGlobalSettings();
      String before =
          (server.isRunning() ? "running" : "stopped")
              + ", "
              + server.wireMock().allStubMappings().getMappings().size()
              + " stubs, "
              + server.requests().size()
              + " requests, fixed delay "
              + settings.getFixedDelay();
      reporter.publishEntry("second state", before + ", GET /mess -> " + call(http, server, "/mess"));
    }
  }

  @LocalServer(lifecycle = Lifecycle.PER_METHOD)
  static class PerMethodTestCase {
    @Test
    @Order(1)
    void first(LocalHttpServer server, OkHttpClient http, TestReporter reporter) throws IOException {
      reporter.publishEntry("port", String.valueOf(server.port()));
      reporter.publishEntry("requests at start", String.valueOf(server.requests().size()));
      server.stubFor(get("/x").willReturn(aResponse().withStatus(204)));
      call(http, server, "/x");
    }

    @Test
    @Order(2)
    void second(LocalHttpServer server, TestReporter reporter) {
      reporter.publishEntry("port", String.valueOf(server.port()));
      reporter.publishEntry("requests at start", String.valueOf(server.requests().size()));
    }
  }

  @LocalServer
  @Order(1)
  static class KeepsItsHandleTestCase {
    /** The one static field of this suite: the point is a handle that outlives its class. */
    static final AtomicReference<LocalHttpServer> KEPT = new AtomicReference<>();

    @Test
    void keeps(LocalHttpServer server) {
      KEPT.set(server);
    }
  }

  @LocalServer
  @Order(2)
  static class UsesTheKeptHandleTestCase {
    @Test
    void usesIt(LocalHttpServer server, TestReporter reporter) {
      String outcome;
      try {
        KeepsItsHandleTestCase.KEPT.get().stubFor(get("/stale").willReturn(ok()));
        outcome = "accepted";
      } catch (IllegalStateException e) {
        outcome = "IllegalStateException: " + e.getMessage();
      }
      reporter.publishEntry("stale stubFor", outcome);
      reporter.publishEntry(
          "stubs seen by the next class", String.valueOf(server.wireMock().allStubMappings().getMappings().size()));
    }
  }

  private static int call(OkHttpClient http, LocalHttpServer server, String path) throws IOException {
    try (Response response = http.newCall(new Request.Builder().url(server.url(path)).build()).execute()) {
      return response.code();
    }
  }
}

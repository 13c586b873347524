package io.github.localserver;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static io.github.localserver.LocalServerTestKit.describe;
import static io.github.localserver.LocalServerTestKit.onlyFailure;
import static io.github.localserver.LocalServerTestKit.reported;
import static io.github.localserver.LocalServerTestKit.reportedOnce;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.stream.Collectors;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.TestReporter;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** {@link LocalHttpServer#stop()} and {@link LocalHttpServer#start()}: a simulated outage. */
// Asserts that ports refuse connections once a run ends; alone, so that no other test's server
// can meanwhile be given one of those port numbers by the OS.
@Isolated
class OutageTest {

  @Test
  void stopRefusesConnectionsAndTheClientsNextCallSeesConnectionRefused() {
    EngineExecutionResults results = LocalServerTestKit.run(StopTestCase.class);

    assertAllSucceeded(results, 1);
    String port = reportedOnce(results, "port");
    assertThat(reportedOnce(results, "before")).isEqualTo("200 order");
    assertThat(reportedOnce(results, "pooled")).as("a kept-alive connection before the outage").isEqualTo("1");
    assertThat(reportedOnce(results, "running")).isEqualTo("false");
    assertThat(reportedOnce(results, "next"))
        .isEqualTo("java.net.ConnectException: Failed to connect to /127.0.0.1:" + port);
    assertThat(reportedOnce(results, "raw")).isEqualTo("java.net.ConnectException: Connection refused");
  }

  @Test
  void aClientBuiltFromTheInjectedOneAlsoSeesConnectionRefused() {
    EngineExecutionResults results = LocalServerTestKit.run(DerivedClientTestCase.class);

    assertAllSucceeded(results, 1);
    assertThat(reportedOnce(results, "before")).isEqualTo("200 order");
    assertThat(reportedOnce(results, "next"))
        .isEqualTo("java.net.ConnectException: Failed to connect to /127.0.0.1:" + reportedOnce(results, "port"));
  }

  @Test
  void startListensAgainOnTheSamePortWithTheSameStubsAndJournal() {
    EngineExecutionResults results = LocalServerTestKit.run(StartTestCase.class);

    assertAllSucceeded(results, 1);
    assertThat(reportedOnce(results, "running")).isEqualTo("true");
    assertThat(reportedOnce(results, "portAfter")).isEqualTo(reportedOnce(results, "portBefore"));
    assertThat(reportedOnce(results, "baseUrlAfter")).isEqualTo(reportedOnce(results, "baseUrlBefore"));
    assertThat(reportedOnce(results, "after")).isEqualTo("200 order");
    assertThat(reportedOnce(results, "stubbedDuringOutage")).isEqualTo("200 back");
    assertThat(reportedOnce(results, "journal")).isEqualTo("GET /orders/1, GET /orders/1, GET /orders/2");
  }

  @Test
  void stopAndStartAreIdempotent() {
    EngineExecutionResults results = LocalServerTestKit.run(IdempotentTestCase.class);

    assertAllSucceeded(results, 1);
    assertThat(reportedOnce(results, "startWhileRunning")).isEqualTo("running true, journal GET /up");
    assertThat(reportedOnce(results, "stoppedTwice")).startsWith("running false, java.net.ConnectException: ");
    assertThat(reportedOnce(results, "startedTwice")).isEqualTo("running true, same port true, 200 up");
  }

  @Test
  void aTestThatLeavesItsServerStoppedDoesNotAffectTheNext() {
    EngineExecutionResults results = LocalServerTestKit.run(LeftStoppedTestCase.class);

    assertAllSucceeded(results, 2);
    assertThat(reportedOnce(results, "left")).isEqualTo("running false");
    assertThat(reportedOnce(results, "next")).isEqualTo("running true, 200 up");
    assertThat(reportedOnce(results, "nextPort")).isEqualTo(reportedOnce(results, "leftPort"));
  }

  @Test
  void aServerLeftStoppedFreesItsPortWhenItsScopeEnds() throws IOException {
    EngineExecutionResults results = LocalServerTestKit.run(LeftStoppedAtTheEndTestCase.class);

    assertAllSucceeded(results, 1);
    int port = Integer.parseInt(reportedOnce(results, "port"));
    assertThat(connect(port)).isEqualTo("java.net.ConnectException: Connection refused");
    try (ServerSocket next = new ServerSocket()) {
      next.bind(new InetSocketAddress(loopback(), port)); // throws if the outage's hold outlived the scope
      assertThat(next.getLocalPort()).isEqualTo(port);
    }
  }

  @Test
  void outagesInConcurrentTestsStayApart() {
    EngineExecutionResults results =
        LocalServerTestKit.runParallel(
            4, FirstPerMethodOutageTestCase.class, SecondPerMethodOutageTestCase.class, PerClassOutageTestCase.class);

    assertAllSucceeded(results, 3 * OutageRoundTestCase.REPETITIONS);
    assertThat(reported(results, "round"))
        .hasSize(3 * OutageRoundTestCase.REPETITIONS)
        .containsOnly("200 up | refused java.net.ConnectException | 200 up, same port true");
  }

  @Test
  void startAfterTheScopeEndedIsAnIllegalStateException() {
    EngineExecutionResults results = LocalServerTestKit.run(KeptHandleTestCase.class);

    assertThat(reportedOnce(results, "keptRunning")).isEqualTo("false");
    assertThat(onlyFailure(results))
        .isExactlyInstanceOf(IllegalStateException.class)
        .hasMessage("Server 'orders' is closed: its scope has ended");
  }

  @Test
  void duringTheOutageNobodyElseCanTakeThePort() {
    EngineExecutionResults results = LocalServerTestKit.run(PortHeldTestCase.class);

    assertAllSucceeded(results, 1);
    assertThat(reportedOnce(results, "bind")).isEqualTo("java.net.BindException");
    assertThat(reportedOnce(results, "after")).isEqualTo("200 up");
  }

  /**
   * As above, after the client used a kept-alive connection: the stop then closes that connection
   * from the server side, which leaves it in TIME_WAIT on the server's port.
   */
  @Test
  void duringTheOutageNobodyElseCanTakeThePortEvenAfterTraffic() {
    EngineExecutionResults results = LocalServerTestKit.run(PortHeldAfterTrafficTestCase.class);

    assertAllSucceeded(results, 1);
    assertThat(reportedOnce(results, "bind")).isEqualTo("java.net.BindException");
    assertThat(reportedOnce(results, "after")).isEqualTo("200 up");
  }

  // ---- helpers ----------------------------------------------------------------------------------

  private static void assertAllSucceeded(EngineExecutionResults results, long tests) {
    assertThat(results.allEvents().failed().count()).as(describe(results)).isZero();
    assertThat(results.testEvents().succeeded().count()).as(describe(results)).isEqualTo(tests);
  }

  static InetAddress loopback() throws IOException {
    return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
  }

  /** What one call gets: {@code 200 up}, or the exception. */
  static String attempt(OkHttpClient http, HttpUrl url) {
    try (Response response = http.newCall(new Request.Builder().url(url).build()).execute()) {
      return response.code() + " " + response.body().string();
    } catch (IOException e) {
      return e.getClass().getName() + ": " + e.getMessage();
    }
  }

  /** A plain TCP connect to the port: {@code connected} or the exception. */
  static String connect(int port) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(loopback(), port), 1_000);
      return "connected";
    } catch (IOException e) {
      return e.getClass().getName() + ": " + e.getMessage();
    }
  }

  /** Tries to bind a server socket (default options) to the port: {@code bound} or the exception type. */
  static String bind(int port) throws IOException {
    try (ServerSocket taker = new ServerSocket()) {
      taker.bind(new InetSocketAddress(loopback(), port));
      return "bound";
    } catch (IOException e) {
      return e.getClass().getName();
    }
  }

  static String journal(LocalHttpServer server) {
    return server.requests().stream().map(r -> r.getMethod() + " " + r.getUrl()).collect(Collectors.joining(", "));
  }

  // ---- fixtures ---------------------------------------------------------------------------------

  @LocalServer
  static class StopTestCase {
    @Test
    void outage(LocalHttpServer server, OkHttpClient http, TestReporter reporter) throws IOException {
      server.stubFor(get("/orders/1").willReturn(ok("order")));
      reporter.publishEntry("before", attempt(http, server.url("/orders/1")));
      reporter.publishEntry("pooled", String.valueOf(http.connectionPool().idleConnectionCount()));
      server.stop();
      reporter.publishEntry("running", String.valueOf(server.isRunning()));
      reporter.publishEntry("next", attempt(http, server.url("/orders/1")));
      reporter.publishEntry("raw", connect(server.port()));
      reporter.publishEntry("port", String.valueOf(server.port()));
    }
  }

  @LocalServer
  static class DerivedClientTestCase {
    @Test
    void outage(LocalHttpServer server, OkHttpClient http, TestReporter reporter) {
      OkHttpClient derived = http.newBuilder().followRedirects(false).build();
      server.stubFor(get("/orders/1").willReturn(ok("order")));
      reporter.publishEntry("before", attempt(derived, server.url("/orders/1")));
      server.stop();
      reporter.publishEntry("next", attempt(derived, server.url("/orders/1")));
      reporter.publishEntry("port", String.valueOf(server.port()));
    }
  }

  @LocalServer
  static class StartTestCase {
    @Test
    void comesBack(LocalHttpServer server, OkHttpClient http, TestReporter reporter) {
      server.stubFor(get("/orders/1").willReturn(ok("order")));
      attempt(http, server.url("/orders/1"));
      reporter.publishEntry("portBefore", String.valueOf(server.port()));
      reporter.publishEntry("baseUrlBefore", server.baseUrl());
      server.stop();
      server.stubFor(get("/orders/2").willReturn(ok("back")));
      server.start();
      reporter.publishEntry("running", String.valueOf(server.isRunning()));
      reporter.publishEntry("portAfter", String.valueOf(server.port()));
      reporter.publishEntry("baseUrlAfter", server.baseUrl());
      reporter.publishEntry("after", attempt(http, server.url("/orders/1")));
      reporter.publishEntry("stubbedDuringOutage", attempt(http, server.url("/orders/2")));
      reporter.publishEntry("journal", journal(server));
    }
  }

  @LocalServer
  static class IdempotentTestCase {
    @Test
    void twice(LocalHttpServer server, OkHttpClient http, TestReporter reporter) {
      server.stubFor(get("/up").willReturn(ok("up")));
      int port = server.port();
      attempt(http, server.url("/up"));
      server.start();
      reporter.publishEntry("startWhileRunning", "running " + server.isRunning() + ", journal " + journal(server));
      server.stop();
      server.stop();
      reporter.publishEntry("stoppedTwice", "running " + server.isRunning() + ", " + attempt(http, server.url("/up")));
      server.start();
      server.start();
      reporter.publishEntry(
          "startedTwice",
          "running " + server.isRunning() + ", same port " + (server.port() == port) + ", " + attempt(http, server.url("/up")));
    }
  }

  @LocalServer
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class LeftStoppedTestCase {
    @Test
    @Order(1)
    void leavesItStopped(LocalHttpServer server, TestReporter reporter) {
      server.stop();
      reporter.publishEntry("leftPort", String.valueOf(server.port()));
      reporter.publishEntry("left", "running " + server.isRunning());
    }

    @Test
    @Order(2)
    void findsItRunning(LocalHttpServer server, OkHttpClient http, TestReporter reporter) {
      String running = "running " + server.isRunning();
      server.stubFor(get("/up").willReturn(ok("up")));
      reporter.publishEntry("nextPort", String.valueOf(server.port()));
      reporter.publishEntry("next", running + ", " + attempt(http, server.url("/up")));
    }
  }

  @LocalServer
  static class LeftStoppedAtTheEndTestCase {
    @Test
    void leavesItStopped(LocalHttpServer server, TestReporter reporter) {
      server.stop();
      reporter.publishEntry("port", String.valueOf(server.port()));
    }
  }

  /** One outage per test: up, stopped and refused, up again on the same port. */
  abstract static class OutageRoundTestCase {
    static final int REPETITIONS = 6;

    @RepeatedTest(REPETITIONS)
    void round(LocalHttpServer server, OkHttpClient http, TestReporter reporter) {
      server.stubFor(get("/up").willReturn(ok("up")));
      int port = server.port();
      String before = attempt(http, server.url("/up"));
      server.stop();
      String during = attempt(http, server.url("/up"));
      server.start();
      String after = attempt(http, server.url("/up"));
      reporter.publishEntry(
          "round",
          before
              + " | refused "
              + during.substring(0, during.indexOf(':'))
              + " | "
              + after
              + ", same port "
              + (server.port() == port));
    }
  }

  @LocalServer(lifecycle = Lifecycle.PER_METHOD)
  static class FirstPerMethodOutageTestCase extends OutageRoundTestCase {}

  @LocalServer(lifecycle = Lifecycle.PER_METHOD)
  static class SecondPerMethodOutageTestCase extends OutageRoundTestCase {}

  @LocalServer
  static class PerClassOutageTestCase extends OutageRoundTestCase {}

  /** Keeps a per-test server's handle in the (shared) test instance and uses it in a later test. */
  @LocalServer(name = "orders", lifecycle = Lifecycle.PER_METHOD)
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class KeptHandleTestCase {
    private LocalHttpServer kept;

    @Test
    @Order(1)
    void keeps(@Server("orders") LocalHttpServer server) {
      kept = server;
    }

    @Test
    @Order(2)
    void startsTheOldOne(TestReporter reporter) {
      reporter.publishEntry("keptRunning", String.valueOf(kept.isRunning()));
      kept.start();
    }
  }

  @LocalServer
  static class PortHeldTestCase {
    @Test
    void held(LocalHttpServer server, OkHttpClient http, TestReporter reporter) throws IOException {
      server.stubFor(get("/up").willReturn(ok("up")));
      server.stop();
      reporter.publishEntry("bind", bind(server.port()));
      server.start();
      reporter.publishEntry("after", attempt(http, server.url("/up")));
    }
  }

  @LocalServer
  static class PortHeldAfterTrafficTestCase {
    @Test
    void held(LocalHttpServer server, OkHttpClient http, TestReporter reporter) throws IOException {
      server.stubFor(get("/up").willReturn(ok("up")));
      assertThat(attempt(http, server.url("/up"))).isEqualTo("200 up");
      server.stop();
      reporter.publishEntry("bind", bind(server.port()));
      server.start();
      reporter.publishEntry("after", attempt(http, server.url("/up")));
    }
  }
}

package io.github.localserver;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.github.localserver.LocalServerTestKit.describe;
import static io.github.localserver.LocalServerTestKit.failure;
import static io.github.localserver.LocalServerTestKit.reported;
import static io.github.localserver.LocalServerTestKit.reportedOnce;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;

/**
 * How long servers live: one per class ({@code PER_CLASS}, reset before each test to the class
 * baseline), one per test ({@code PER_METHOD}, or {@code @LocalServer} on a test method), and the
 * configuration parameter that changes the default.
 */
// Asserts that ports refuse connections once a run ends; alone, so that no other test's server
// can meanwhile be given one of those port numbers by the OS.
@Isolated
class LifecycleTest {

  @Test
  void aPerClassServerKeepsItsPortButEachTestStartsFromTheBaseline() {
    EngineExecutionResults results = LocalServerTestKit.run(PerClassTestCase.class);

    assertSucceeded(results, 3);
    List<String> ports = reported(results, "port");
    assertThat(ports).hasSize(3).containsOnly(ports.get(0));
    assertRefused(Integer.parseInt(ports.get(0)));
  }

  /**
   * Each test checks it starts from the baseline, then leaves stubs, requests and a scenario state
   * behind; whichever order they run in, a leak fails the next one.
   */
  @LocalServer(failOnUnmatched = false)
  static class PerClassTestCase {
    /** Its requests, and the scenario state they leave, belong to no test. */
    @BeforeAll
    static void baseline(LocalHttpServer server) throws IOException {
      server.stubFor(get("/baseline").willReturn(ok("baseline")));
      server.stubFor(
          get("/state").inScenario("s").whenScenarioStateIs(STARTED).willReturn(ok("first")).willSetStateTo("later"));
      server.stubFor(get("/state").inScenario("s").whenScenarioStateIs("later").willReturn(ok("later")));
      assertThat(call(server, "/state")).isEqualTo("200 first");
    }

    @Test
    void first(LocalHttpServer server, TestReporter reporter) throws IOException {
      startsFromTheBaselineAndLeavesStateBehind(server, reporter);
    }

    @Test
    void second(LocalHttpServer server, TestReporter reporter) throws IOException {
      startsFromTheBaselineAndLeavesStateBehind(server, reporter);
    }

    @Test
    void resetGoesBackToTheBaseline(LocalHttpServer server, TestReporter reporter) throws IOException {
      reporter.publishEntry("port", String.valueOf(server.port()));
      server.stubFor(get("/mine").willReturn(ok("mine")));
      assertThat(call(server, "/mine")).isEqualTo("200 mine");
      assertThat(call(server, "/state")).isEqualTo("200 first");

      server.reset();

      assertThat(server.requests()).isEmpty();
      assertThat(call(server, "/mine")).startsWith("404");
      assertThat(call(server, "/baseline")).isEqualTo("200 baseline");
      assertThat(call(server, "/state")).isEqualTo("200 first");
      assertThat(urls(server.requests())).containsExactly("/mine", "/baseline", "/state");
    }

    private static void startsFromTheBaselineAndLeavesStateBehind(LocalHttpServer server, TestReporter reporter)
        throws IOException {
      reporter.publishEntry("port", String.valueOf(server.port()));
      assertThat(server.requests()).isEmpty();
      assertThat(call(server, "/mine")).startsWith("404");
      assertThat(call(server, "/baseline")).isEqualTo("200 baseline");
      assertThat(call(server, "/state")).isEqualTo("200 first");
      assertThat(call(server, "/state")).isEqualTo("200 later");
      server.stubFor(get("/mine").willReturn(ok("mine")));
      assertThat(call(server, "/mine")).isEqualTo("200 mine");
      assertThat(urls(server.requests())).containsExactly("/mine", "/baseline", "/state", "/state", "/mine");
      assertThat(urls(server.unmatchedRequests())).containsExactly("/mine");
    }
  }

  @Test
  void resetWithoutBaselineLeavesNoStubs() {
    EngineExecutionResults results = LocalServerTestKit.run(NoBaselineTestCase.class);

    assertSucceeded(results, 1);
  }

  @LocalServer(failOnUnmatched = false)
  static class NoBaselineTestCase {
    @Test
    void reset(LocalHttpServer server) throws IOException {
      server.stubFor(get("/mine").willReturn(ok("mine")));
      assertThat(call(server, "/mine")).isEqualTo("200 mine");

      server.reset();

      assertThat(server.requests()).isEmpty();
      assertThat(server.wireMock().allStubMappings().getMappings()).isEmpty();
      assertThat(call(server, "/mine")).startsWith("404");
    }
  }

  @Test
  void stubsMadeWithWireMocksStaticDslInBeforeAllAreTheBaseline() {
    EngineExecutionResults results = LocalServerTestKit.run(StaticDslBaselineTestCase.class);

    assertSucceeded(results, 2);
  }

  @LocalServer
  static class StaticDslBaselineTestCase {
    @BeforeAll
    static void baseline() {
      WireMock.stubFor(get("/baseline").willReturn(ok("baseline")));
    }

    @Test
    void first(LocalHttpServer server) throws IOException {
      keepsTheBaselineOnly(server);
    }

    @Test
    void second(LocalHttpServer server) throws IOException {
      keepsTheBaselineOnly(server);
    }

    private static void keepsTheBaselineOnly(LocalHttpServer server) throws IOException {
      assertThat(WireMock.listAllStubMappings().getMappings()).hasSize(1);
      assertThat(call(server, "/baseline")).isEqualTo("200 baseline");
      WireMock.stubFor(get("/mine").willReturn(ok("mine")));
      assertThat(call(server, "/mine")).isEqualTo("200 mine");
      WireMock.verify(1, getRequestedFor(urlEqualTo("/mine")));
    }
  }

  /**
   * Each test gets a server of its own: a handle of its own, clean, and the previous test's handle
   * is closed and its port refuses connections.
   */
  @Test
  void aPerMethodServerIsFreshForEachTestAndGoneAfterIt() {
    EngineExecutionResults results = LocalServerTestKit.run(PerMethodTestCase.class);

    assertSucceeded(results, 2);
    List<String> ports = reported(results, "port");
    assertThat(ports).hasSize(2);
    ports.forEach(port -> assertRefused(Integer.parseInt(port)));
  }

  /** One instance for the class, so the second test can keep the first one's handle in a field. */
  @LocalServer(lifecycle = Lifecycle.PER_METHOD)
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class PerMethodTestCase {
    private LocalHttpServer previous;

    @Test
    @Order(1)
    void first(LocalHttpServer server, TestReporter reporter) throws IOException {
      reporter.publishEntry("port", String.valueOf(server.port()));
      server.stubFor(get("/mine").willReturn(ok("mine")));
      assertThat(call(server, "/mine")).isEqualTo("200 mine");
      previous = server;
    }

    @Test
    @Order(2)
    void second(LocalHttpServer server, TestReporter reporter) {
      reporter.publishEntry("port", String.valueOf(server.port()));
      assertThat(server).isNotSameAs(previous);
      assertClosed(previous, "The default server");
      assertThat(server.wireMock().allStubMappings().getMappings()).isEmpty();
      assertThat(server.requests()).isEmpty();
    }
  }

  /**
   * API.md: "a handle kept past its scope fails instead of reaching the next one". The handle
   * types are those {@code @Server} qualifies; WireMock's DSL client is bound to a server, so a
   * kept one must fail too rather than stub whatever test the engine serves next.
   */
  @Test
  void everyHandleOfAnEndedTestFailsInsteadOfReachingTheNextTestsServer() {
    EngineExecutionResults results = LocalServerTestKit.run(KeptHandlesTestCase.class);

    assertSucceeded(results, 2);
  }

  @LocalServer(lifecycle = Lifecycle.PER_METHOD)
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class KeptHandlesTestCase {
    private LocalHttpServer keptServer;
    private WireMock keptDsl;
    private WireMockRuntimeInfo keptInfo;

    @Test
    @Order(1)
    void keeps(LocalHttpServer server, WireMock dsl, WireMockRuntimeInfo info) {
      keptServer = server;
      keptDsl = dsl;
      keptInfo = info;
    }

    @Test
    @Order(2)
    void findsThemClosed(LocalHttpServer current) {
      assertClosed(keptServer, "The default server");
      assertThatThrownBy(keptInfo::getWireMock)
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("The default server is closed: its scope has ended");
      assertThatThrownBy(() -> keptDsl.register(get("/kept").willReturn(ok())))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("The default server is closed: its scope has ended");
      assertThat(current.wireMock().allStubMappings().getMappings()).isEmpty();
    }
  }

  @Test
  void aServerDeclaredOnATestMethodServesThatTestAlone() {
    EngineExecutionResults results = LocalServerTestKit.run(MethodLevelTestCase.class);

    assertThat(results.testEvents().succeeded().count()).as(describe(results)).isEqualTo(1);
    Event failed =
        results.testEvents().failed().stream().findFirst().orElseThrow(() -> new AssertionError(describe(results)));
    assertThat(failed.getTestDescriptor().getDisplayName()).isEqualTo("doesNotSeeIt(LocalHttpServer)");
    assertThat(failure(failed))
        .isInstanceOf(ParameterResolutionException.class)
        .hasMessage(
            "Parameter [io.github.localserver.LocalHttpServer arg0] of doesNotSeeIt():"
                + " No server named \"mine\" is in scope; known servers: \"shared\"");
    String mine = reportedOnce(results, "mine");
    assertThat(mine).isNotEqualTo(reportedOnce(results, "shared"));
    assertRefused(Integer.parseInt(mine));
  }

  @LocalServer(name = "shared")
  static class MethodLevelTestCase {
    @Test
    @LocalServer(name = "mine")
    void hasItsOwn(
        @Server("mine") LocalHttpServer mine, @Server("shared") LocalHttpServer shared, TestReporter reporter) {
      reporter.publishEntry("mine", String.valueOf(mine.port()));
      reporter.publishEntry("shared", String.valueOf(shared.port()));
    }

    @Test
    void doesNotSeeIt(@Server("mine") LocalHttpServer mine) {}
  }

  @Test
  void repeatedAndParameterizedTestsShareAPerClassServerButNotItsState() {
    EngineExecutionResults results = LocalServerTestKit.run(TemplatesOnPerClassTestCase.class);

    assertSucceeded(results, 5);
    List<String> ports = reported(results, "port");
    assertThat(ports).hasSize(5).containsOnly(ports.get(0));
  }

  @LocalServer(failOnUnmatched = false)
  static class TemplatesOnPerClassTestCase {
    @RepeatedTest(3)
    void repeated(LocalHttpServer server, TestReporter reporter) throws IOException {
      startsEmptyAndLeavesStateBehind(server, reporter);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "b"})
    void parameterized(String value, LocalHttpServer server, TestReporter reporter) throws IOException {
      assertThat(value).isIn("a", "b");
      startsEmptyAndLeavesStateBehind(server, reporter);
    }

    private static void startsEmptyAndLeavesStateBehind(LocalHttpServer server, TestReporter reporter)
        throws IOException {
      reporter.publishEntry("port", String.valueOf(server.port()));
      assertThat(server.requests()).isEmpty();
      assertThat(call(server, "/mine")).startsWith("404");
      server.stubFor(get("/mine").willReturn(ok("mine")));
      assertThat(call(server, "/mine")).isEqualTo("200 mine");
    }
  }

  @Test
  void repeatedAndParameterizedTestsGetAFreshMethodLevelServerEachTime() {
    EngineExecutionResults results = LocalServerTestKit.run(TemplatesWithMethodServersTestCase.class);

    assertSucceeded(results, 5);
    List<String> ports = reported(results, "port");
    assertThat(ports).hasSize(5);
    ports.forEach(port -> assertRefused(Integer.parseInt(port)));
  }

  /** One instance, invocations in sequence: each checks the previous invocation's handle is closed. */
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  static class TemplatesWithMethodServersTestCase {
    private LocalHttpServer previous;

    @RepeatedTest(3)
    @LocalServer
    void repeated(LocalHttpServer server, TestReporter reporter) {
      isFresh(server, reporter);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    @LocalServer
    void parameterized(int value, @ServerPort int port, LocalHttpServer server, TestReporter reporter) {
      assertThat(value).isIn(1, 2);
      assertThat(port).isEqualTo(server.port());
      isFresh(server, reporter);
    }

    private void isFresh(LocalHttpServer server, TestReporter reporter) {
      reporter.publishEntry("port", String.valueOf(server.port()));
      if (previous != null) {
        assertThat(server).isNotSameAs(previous);
        assertClosed(previous, "The default server");
      }
      assertThat(server.wireMock().allStubMappings().getMappings()).isEmpty();
      server.stubFor(get("/mine").willReturn(ok("mine")));
      previous = server;
    }
  }

  private static final String PER_TEST = "a server per test";
  private static final String PER_CLASS = "one server for the class";

  @Test
  void theLifecycleParameterMakesAServerPerTest() {
    EngineExecutionResults results =
        LocalServerTestKit.run(UnstatedLifecycleTestCase.class, "localserver.lifecycle", "per_method");

    assertSucceeded(results, 2);
    assertThat(reportedOnce(results, "lifecycle")).isEqualTo(PER_TEST);
  }

  @Test
  void theLifecycleParameterIgnoresCase() {
    EngineExecutionResults results =
        LocalServerTestKit.run(UnstatedLifecycleTestCase.class, "localserver.lifecycle", "Per_Method");

    assertSucceeded(results, 2);
    assertThat(reportedOnce(results, "lifecycle")).isEqualTo(PER_TEST);
  }

  @Test
  void theLifecycleParameterCanStatePerClass() {
    EngineExecutionResults results =
        LocalServerTestKit.run(UnstatedLifecycleTestCase.class, "localserver.lifecycle", "PER_CLASS");

    assertSucceeded(results, 2);
    assertThat(reportedOnce(results, "lifecycle")).isEqualTo(PER_CLASS);
  }

  @Test
  void withoutTheLifecycleParameterAServerServesTheClass() {
    EngineExecutionResults results = LocalServerTestKit.run(UnstatedLifecycleTestCase.class);

    assertSucceeded(results, 2);
    assertThat(reportedOnce(results, "lifecycle")).isEqualTo(PER_CLASS);
  }

  @LocalServer
  static class UnstatedLifecycleTestCase extends LifecycleProbe {}

  @Test
  void aDeclaredPerMethodLifecycleWinsOverTheParameter() {
    EngineExecutionResults results =
        LocalServerTestKit.run(DeclaredPerMethodTestCase.class, "localserver.lifecycle", "per_class");

    assertSucceeded(results, 2);
    assertThat(reportedOnce(results, "lifecycle")).isEqualTo(PER_TEST);
  }

  @LocalServer(lifecycle = Lifecycle.PER_METHOD)
  static class DeclaredPerMethodTestCase extends LifecycleProbe {}

  /**
   * API.md: "an annotation attribute that differs from its default wins". {@code lifecycle =
   * PER_CLASS} equals the default, so it cannot be told from an unstated one: the parameter decides.
   */
  @Test
  void aLifecycleAttributeEqualToItsDefaultDefersToTheParameter() {
    EngineExecutionResults results =
        LocalServerTestKit.run(DeclaredPerClassTestCase.class, "localserver.lifecycle", "per_method");

    assertSucceeded(results, 2);
    assertThat(reportedOnce(results, "lifecycle")).isEqualTo(PER_TEST);
  }

  @LocalServer(lifecycle = Lifecycle.PER_CLASS)
  static class DeclaredPerClassTestCase extends LifecycleProbe {}

  /**
   * Tells a server per test from one per class by its handle: the second test gets either the
   * first one's handle again, or a new one while the first one's is closed.
   */
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  abstract static class LifecycleProbe {
    private LocalHttpServer first;

    @Test
    @Order(1)
    void first(LocalHttpServer server) {
      first = server;
    }

    @Test
    @Order(2)
    void second(LocalHttpServer server, TestReporter reporter) {
      if (server == first) {
        assertThat(first.requests()).isEmpty();
        reporter.publishEntry("lifecycle", PER_CLASS);
      } else {
        assertClosed(first, "The default server");
        reporter.publishEntry("lifecycle", PER_TEST);
      }
    }
  }

  // ---- helpers, shared by the fixtures (they hold no state) -----------------------------------

  /** {@code "<status> <body>"} of a GET through the server's own client. */
  static String call(LocalHttpServer server, String path) throws IOException {
    try (Response response = server.client().newCall(new Request.Builder().url(server.url(path)).build()).execute()) {
      return response.code() + " " + response.body().string();
    }
  }

  static List<String> urls(List<LoggedRequest> requests) {
    return requests.stream().map(LoggedRequest::getUrl).toList();
  }

  /** The handle of a scope that ended fails instead of reaching whatever its engine serves next. */
  static void assertClosed(LocalHttpServer handle, String label) {
    assertThatThrownBy(handle::requests)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(label + " is closed: its scope has ended");
  }

  static void assertRefused(int port) {
    assertThatThrownBy(
            () -> {
              try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
              }
            })
        .as("connecting to port %d", port)
        .isInstanceOf(ConnectException.class);
  }

  private static void assertSucceeded(EngineExecutionResults results, long tests) {
    assertThat(results.allEvents().failed().count()).as(describe(results)).isZero();
    assertThat(results.testEvents().succeeded().count()).as(describe(results)).isEqualTo(tests);
  }
}

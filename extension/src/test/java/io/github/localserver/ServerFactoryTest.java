package io.github.localserver;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.localserver.LineServerFactory.LineServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;

/**
 * Servers made by a {@link LocalServerFactory} get {@link LocalServer}'s model: injected by name
 * as the factory's own type, their URL and port; one per class (reset before each test, tests
 * taking turns) or one per test; scoped to a method or a nested class; next to HTTP servers; and
 * stopped, their threads ended and ports released, whatever the tests did.
 *
 * <p>Fixtures publish each server they saw as {@code "<id> <address> <port>"} (see {@link
 * #describe}); the tests check after the run that each such port refuses connections and that the
 * server's threads are gone.
 */
// Asserts that ports refuse connections once a run ends; alone, so that no other test's server
// can meanwhile be given one of those port numbers by the OS.
@Isolated
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ServerFactoryTest {

  // ---- injection --------------------------------------------------------------------------------

  @LocalServer(name = "tcp", factory = LineServerFactory.class)
  static class InjectionTestCase {
    @Test
    void injects(
        @Server("tcp") LineServer server,
        @Server("tcp") LineServerFactory.Endpoint endpoint,
        @Server("tcp") Object object,
        @ServerUrl("tcp") String url,
        @ServerUrl("tcp") URI uri,
        @ServerPort("tcp") int port,
        @ServerPort("tcp") Integer boxedPort,
        TestReporter reporter)
        throws IOException {
      assertThat(endpoint).isSameAs(server);
      assertThat(object).isSameAs(server);
      assertThat(url).isEqualTo(new LineServerFactory().url(server, "127.0.0.1"));
      assertThat(uri).isEqualTo(URI.create(url));
      assertThat(port).isEqualTo(server.port());
      assertThat(boxedPort).isEqualTo(server.port());
      assertThat(server.address().getHostAddress()).isEqualTo("127.0.0.1");
      assertThat(LineClient.converse("127.0.0.1", port, "hello", "again")).containsExactly("1 hello", "2 again");
      reporter.publishEntry("url", url);
      reporter.publishEntry("server", describe(server));
    }
  }

  @Test
  void injectsTheServerObjectItsUrlAndItsPort() {
    EngineExecutionResults results = LocalServerTestKit.run(InjectionTestCase.class);
    assertAllSucceeded(results, 1);
    String server = LocalServerTestKit.reportedOnce(results, "server");
    assertThat(LocalServerTestKit.reportedOnce(results, "url")).isEqualTo("line://127.0.0.1:" + portOf(server));
    assertStoppedAndGone(server);
  }

  /** The default server (no name) is injected without a qualifier, as an HTTP server would be. */
  @LocalServer(factory = LineServerFactory.class)
  static class DefaultNameTestCase {
    @Test
    void injectsWithoutQualifier(
        @Server LineServer server, @ServerUrl String url, @ServerPort int port, TestReporter reporter) {
      assertThat(url).isEqualTo("line://127.0.0.1:" + server.port());
      assertThat(port).isEqualTo(server.port());
      reporter.publishEntry("server", describe(server));
    }
  }

  @Test
  void theDefaultServerNeedsNoQualifier() {
    EngineExecutionResults results = LocalServerTestKit.run(DefaultNameTestCase.class);
    assertAllSucceeded(results, 1);
    assertStoppedAndGone(LocalServerTestKit.reportedOnce(results, "server"));
  }

  /** Fields too, static ones before {@code @BeforeAll}. */
  @LocalServer(name = "tcp", factory = LineServerFactory.class)
  static class FieldsTestCase {
    @ServerPort("tcp")
    static int staticPort;

    @Server("tcp")
    LineServer server;

    @ServerUrl("tcp")
    URI url;

    @BeforeAll
    static void portIsThere() {
      assertThat(staticPort).isPositive();
    }

    @Test
    void fieldsAreInjected(TestReporter reporter) {
      assertThat(server.port()).isEqualTo(staticPort);
      assertThat(url).isEqualTo(URI.create("line://127.0.0.1:" + staticPort));
      reporter.publishEntry("server", describe(server));
    }
  }

  @Test
  void injectsFields() {
    EngineExecutionResults results = LocalServerTestKit.run(FieldsTestCase.class);
    assertAllSucceeded(results, 1);
    assertStoppedAndGone(LocalServerTestKit.reportedOnce(results, "server"));
  }

  // ---- bind address -----------------------------------------------------------------------------

  @LocalServer(name = "tcp", host = "::1", factory = LineServerFactory.class)
  static class Ipv6TestCase {
    @Test
    void bindsIpv6Loopback(
        @Server("tcp") LineServer server, @ServerUrl("tcp") String url, @ServerUrl("tcp") URI uri, TestReporter reporter)
        throws IOException {
      assertThat(server.address()).isEqualTo(InetAddress.getByName("::1"));
      assertThat(url).isEqualTo("line://[::1]:" + server.port());
      assertThat(uri.getHost()).isEqualTo("[::1]");
      assertThat(LineClient.converse("::1", server.port(), "six")).containsExactly("1 six");
      assertThat(LineClient.refuses("127.0.0.1", server.port())).as("127.0.0.1 is not bound").isTrue();
      reporter.publishEntry("server", describe(server));
    }
  }

  @Test
  void anIpv6ServerGetsABracketedUrl() {
    EngineExecutionResults results = LocalServerTestKit.run(Ipv6TestCase.class);
    assertAllSucceeded(results, 1);
    assertStoppedAndGone(LocalServerTestKit.reportedOnce(results, "server"));
  }

  /** {@code localhost} means 127.0.0.1, and the configured default host applies to factories too. */
  @LocalServer(name = "named", host = "localhost", factory = LineServerFactory.class)
  @LocalServer(name = "configured", factory = LineServerFactory.class)
  static class HostTestCase {
    @Test
    void bindsTheLiteral(
        @Server("named") LineServer named,
        @ServerUrl("named") String namedUrl,
        @Server("configured") LineServer configured,
        @ServerUrl("configured") String configuredUrl,
        TestReporter reporter) {
      assertThat(named.address().getHostAddress()).isEqualTo("127.0.0.1");
      assertThat(namedUrl).isEqualTo("line://127.0.0.1:" + named.port());
      assertThat(configured.address().getHostAddress()).isEqualTo("127.0.0.2");
      assertThat(configuredUrl).isEqualTo("line://127.0.0.2:" + configured.port());
      reporter.publishEntry("server", describe(named));
      reporter.publishEntry("server", describe(configured));
    }
  }

  @Test
  void localhostAndTheConfiguredHostBindLiterals() {
    EngineExecutionResults results =
        LocalServerTestKit.run(HostTestCase.class, LocalServerExtension.HOST_KEY, "127.0.0.2");
    assertAllSucceeded(results, 1);
    LocalServerTestKit.reported(results, "server").forEach(ServerFactoryTest::assertStoppedAndGone);
  }

  /** A configured fail-on-unmatched default is HTTP's business and does not stop a factory. */
  @Test
  void theConfiguredFailOnUnmatchedDoesNotApplyToFactories() {
    EngineExecutionResults results =
        LocalServerTestKit.run(InjectionTestCase.class, LocalServerExtension.FAIL_ON_UNMATCHED_KEY, "false");
    assertAllSucceeded(results, 1);
    assertStoppedAndGone(LocalServerTestKit.reportedOnce(results, "server"));
  }

  // ---- PER_CLASS --------------------------------------------------------------------------------

  @LocalServer(name = "tcp", factory = LineServerFactory.class)
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class PerClassTestCase {
    @BeforeAll
    static void setUp(@Server("tcp") LineServer server) throws IOException {
      assertThat(LineClient.converse("127.0.0.1", server.port(), "setup")).containsExactly("1 setup");
    }

    @Test
    @Order(1)
    void first(@Server("tcp") LineServer server, TestReporter reporter) throws IOException {
      use(server, reporter);
    }

    @Test
    @Order(2)
    void second(@Server("tcp") LineServer server, TestReporter reporter) throws IOException {
      use(server, reporter);
    }

    @Test
    @Order(3)
    void third(@Server("tcp") LineServer server, TestReporter reporter) throws IOException {
      use(server, reporter);
    }

    private static void use(LineServer server, TestReporter reporter) throws IOException {
      reporter.publishEntry("server", describe(server));
      reporter.publishEntry("resets", String.valueOf(server.resets()));
      // Counting restarts at 1: the lines of @BeforeAll and of the previous test were reset away.
      assertThat(LineClient.converse("127.0.0.1", server.port(), "a", "b", "c"))
          .containsExactly("1 a", "2 b", "3 c");
    }
  }

  @Test
  void aPerClassServerServesEveryTestAndIsResetBeforeEach() {
    EngineExecutionResults results = LocalServerTestKit.run(PerClassTestCase.class);
    assertAllSucceeded(results, 3);
    List<String> servers = LocalServerTestKit.reported(results, "server");
    assertThat(servers).hasSize(3);
    assertThat(new HashSet<>(servers)).as("one server for the class").hasSize(1);
    List<Integer> resets = LocalServerTestKit.reported(results, "resets").stream().map(Integer::valueOf).toList();
    assertThat(resets).hasSize(3);
    assertThat(resets.get(0)).as("reset before the first test").isPositive();
    assertThat(resets.get(1)).as("reset before the second test").isEqualTo(resets.get(0) + 1);
    assertThat(resets.get(2)).as("reset before the third test").isEqualTo(resets.get(1) + 1);
    assertStoppedAndGone(servers.get(0));
  }

  /**
   * Four tests of one class use one server while running concurrently. Each constructor announces
   * its test to the server before the test takes its turn; each test waits until all four are in
   * flight, then talks to the server: the count must run from 1 without a gap (no other test's
   * lines, no reset in between).
   */
  @LocalServer(name = "tcp", factory = LineServerFactory.class)
  static class TakingTurnsTestCase {
    private static final int TESTS = 4;

    private final LineServer server;

    TakingTurnsTestCase(@Server("tcp") LineServer server) {
      this.server = server;
      server.arrive();
    }

    @Test
    void first(TestReporter reporter) throws Exception {
      useAlone(reporter);
    }

    @Test
    void second(TestReporter reporter) throws Exception {
      useAlone(reporter);
    }

    @Test
    void third(TestReporter reporter) throws Exception {
      useAlone(reporter);
    }

    @Test
    void fourth(TestReporter reporter) throws Exception {
      useAlone(reporter);
    }

    private void useAlone(TestReporter reporter) throws Exception {
      int resets = server.resets();
      assertThat(server.awaitArrivals(TESTS, 30_000)).as("all %d tests in flight", TESTS).isTrue();
      String[] lines = new String[20];
      String[] expected = new String[lines.length];
      for (int i = 0; i < lines.length; i++) {
        lines[i] = "line" + i;
        expected[i] = (i + 1) + " line" + i;
      }
      assertThat(LineClient.converse("127.0.0.1", server.port(), lines)).containsExactly(expected);
      assertThat(server.resets()).as("no reset during this test").isEqualTo(resets);
      reporter.publishEntry("server", describe(server));
    }
  }

  @Test
  void testsOfOneClassTakeTurnsOnAPerClassServer() {
    EngineExecutionResults results = LocalServerTestKit.runParallel(4, TakingTurnsTestCase.class);
    assertAllSucceeded(results, 4);
    List<String> servers = LocalServerTestKit.reported(results, "server");
    assertThat(servers).hasSize(4);
    assertThat(new HashSet<>(servers)).hasSize(1);
    assertStoppedAndGone(servers.get(0));
  }

  // ---- PER_METHOD -------------------------------------------------------------------------------

  @LocalServer(name = "tcp", factory = LineServerFactory.class, lifecycle = Lifecycle.PER_METHOD)
  @TestInstance(TestInstance.Lifecycle.PER_CLASS) // keeps the previous test's server for the next
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class PerMethodTestCase {
    private LineServer previous;

    @Test
    @Order(1)
    void first(@Server("tcp") LineServer server, TestReporter reporter) throws IOException {
      use(server, reporter);
    }

    @Test
    @Order(2)
    void second(@Server("tcp") LineServer server, TestReporter reporter) throws IOException {
      use(server, reporter);
    }

    @Test
    @Order(3)
    void third(@Server("tcp") LineServer server, TestReporter reporter) throws IOException {
      use(server, reporter);
    }

    private void use(LineServer server, TestReporter reporter) throws IOException {
      reporter.publishEntry("server", describe(server));
      if (previous != null) {
        assertThat(server).isNotSameAs(previous);
        assertThat(previous.isStopped()).as("previous server stopped").isTrue();
        assertThat(LineClient.refuses("127.0.0.1", previous.port())).as("previous port refused").isTrue();
      }
      assertThat(LineClient.converse("127.0.0.1", server.port(), "a")).containsExactly("1 a");
      previous = server;
    }
  }

  @Test
  void aPerMethodServerIsFreshForEachTest() {
    EngineExecutionResults results = LocalServerTestKit.run(PerMethodTestCase.class);
    assertAllSucceeded(results, 3);
    List<String> servers = LocalServerTestKit.reported(results, "server");
    assertThat(servers).hasSize(3).doesNotHaveDuplicates();
    assertThat(servers.stream().map(ServerFactoryTest::portOf).distinct()).hasSize(3);
    servers.forEach(ServerFactoryTest::assertStoppedAndGone);
  }

  // ---- method-level and nested declarations -----------------------------------------------------

  @LocalServer(name = "shared", factory = LineServerFactory.class)
  static class MethodLevelTestCase {
    @Test
    @LocalServer(name = "own", factory = LineServerFactory.class)
    void withItsOwnServer(
        @Server("own") LineServer own, @Server("shared") LineServer shared, TestReporter reporter) throws IOException {
      assertThat(own).isNotSameAs(shared);
      assertThat(LineClient.converse("127.0.0.1", own.port(), "a")).containsExactly("1 a");
      reporter.publishEntry("own", describe(own));
      reporter.publishEntry("shared", describe(shared));
    }

    @Test
    @LocalServer(name = "shared", factory = LineServerFactory.class)
    void replacingTheClassServer(@Server("shared") LineServer shared, TestReporter reporter) {
      reporter.publishEntry("replacement", describe(shared));
    }
  }

  @Test
  void aMethodLevelServerExistsForThatTestAlone() {
    EngineExecutionResults results = LocalServerTestKit.run(MethodLevelTestCase.class);
    assertAllSucceeded(results, 2);
    String own = LocalServerTestKit.reportedOnce(results, "own");
    String shared = LocalServerTestKit.reportedOnce(results, "shared");
    String replacement = LocalServerTestKit.reportedOnce(results, "replacement");
    assertThat(List.of(own, shared, replacement)).doesNotHaveDuplicates();
    assertStoppedAndGone(own);
    assertStoppedAndGone(shared);
    assertStoppedAndGone(replacement);
  }

  @LocalServer(name = "tcp", factory = LineServerFactory.class)
  static class OuterTestCase {
    @Test
    void outer(@Server("tcp") LineServer tcp, TestReporter reporter) throws IOException {
      reporter.publishEntry("outer", describe(tcp));
      assertThat(LineClient.converse("127.0.0.1", tcp.port(), "x", "y")).containsExactly("1 x", "2 y");
    }

    @Nested
    @LocalServer(name = "inner", factory = LineServerFactory.class)
    class Inner {
      @Test
      void seesBoth(@Server("tcp") LineServer tcp, @Server("inner") LineServer inner, TestReporter reporter)
          throws IOException {
        reporter.publishEntry("outerFromInner", describe(tcp));
        reporter.publishEntry("inner", describe(inner));
        // The outer server was reset for this test too.
        assertThat(LineClient.converse("127.0.0.1", tcp.port(), "z")).containsExactly("1 z");
      }
    }

    @Nested
    @LocalServer(name = "tcp", factory = LineServerFactory.class, lifecycle = Lifecycle.PER_METHOD)
    class Replacing {
      @Test
      void seesItsOwn(@Server("tcp") LineServer tcp, TestReporter reporter) {
        reporter.publishEntry("replacing", describe(tcp));
      }
    }
  }

  @Test
  void nestedClassesSeeOuterServersAndMayReplaceThem() {
    EngineExecutionResults results = LocalServerTestKit.run(OuterTestCase.class);
    assertAllSucceeded(results, 3);
    String outer = LocalServerTestKit.reportedOnce(results, "outer");
    assertThat(LocalServerTestKit.reportedOnce(results, "outerFromInner")).isEqualTo(outer);
    String inner = LocalServerTestKit.reportedOnce(results, "inner");
    String replacing = LocalServerTestKit.reportedOnce(results, "replacing");
    assertThat(List.of(outer, inner, replacing)).doesNotHaveDuplicates();
    List.of(outer, inner, replacing).forEach(ServerFactoryTest::assertStoppedAndGone);
  }

  // ---- next to HTTP servers ---------------------------------------------------------------------

  @LocalServer(name = "http")
  @LocalServer(name = "tcp", factory = LineServerFactory.class)
  static class MixedTestCase {
    @Test
    void usesBothByName(
        @Server("http") LocalHttpServer http,
        @Server("http") OkHttpClient client,
        @ServerUrl("http") String httpUrl,
        @Server("tcp") LineServer tcp,
        @ServerUrl("tcp") String tcpUrl,
        @ServerPort("tcp") int tcpPort,
        TestReporter reporter)
        throws IOException {
      assertThat(httpUrl).isEqualTo("http://127.0.0.1:" + http.port());
      assertThat(tcpUrl).isEqualTo("line://127.0.0.1:" + tcpPort);
      assertThat(tcpPort).isEqualTo(tcp.port()).isNotEqualTo(http.port());
      assertPing(http, client);
      assertThat(LineClient.converse("127.0.0.1", tcpPort, "ping")).containsExactly("1 ping");
      reporter.publishEntry("server", describe(tcp));
    }
  }

  @Test
  void aFactoryServerAndAnHttpServerLiveSideBySide() {
    EngineExecutionResults results = LocalServerTestKit.run(MixedTestCase.class);
    assertAllSucceeded(results, 1);
    assertStoppedAndGone(LocalServerTestKit.reportedOnce(results, "server"));
  }

  /** A factory's server cannot give an HTTP client, so it does not make the client ambiguous. */
  @LocalServer(name = "http")
  @LocalServer(name = "tcp", factory = LineServerFactory.class)
  static class UnqualifiedClientTestCase {
    @Test
    void anUnqualifiedClientMeansTheOnlyHttpServer(OkHttpClient client, @Server("http") LocalHttpServer http)
        throws IOException {
      assertPing(http, client);
    }
  }

  @Test
  void anUnqualifiedHttpClientMeansTheOnlyHttpServer() {
    assertAllSucceeded(LocalServerTestKit.run(UnqualifiedClientTestCase.class), 1);
  }

  @LocalServer
  @LocalServer(name = "tcp", factory = LineServerFactory.class)
  static class DefaultHttpTestCase {
    @Test
    void unqualifiedHandlesMeanTheDefaultHttpServer(
        LocalHttpServer http, OkHttpClient client, @ServerUrl String url, @Server("tcp") LineServer tcp)
        throws IOException {
      assertThat(url).isEqualTo(http.baseUrl()).startsWith("http://");
      assertPing(http, client);
      assertThat(LineClient.converse("127.0.0.1", tcp.port(), "ping")).containsExactly("1 ping");
    }
  }

  @Test
  void unqualifiedHttpHandlesMeanTheDefaultHttpServer() {
    assertAllSucceeded(LocalServerTestKit.run(DefaultHttpTestCase.class), 1);
  }

  // ---- programmatic form ------------------------------------------------------------------------

  static class ProgrammaticTestCase {
    @RegisterExtension
    static LocalServerExtension tcp = LocalServerExtension.builder().name("tcp").factory(LineServerFactory.class).build();

    @RegisterExtension
    LocalServerExtension own = LocalServerExtension.builder().name("own").factory(LineServerFactory.class).build();

    @Test
    void injectsByName(
        @Server("tcp") LineServer server,
        @ServerUrl("tcp") String url,
        @Server("own") LineServer perTest,
        TestReporter reporter)
        throws IOException {
      assertThat(url).isEqualTo("line://127.0.0.1:" + server.port());
      assertThat(perTest).isNotSameAs(server);
      assertThat(LineClient.converse("127.0.0.1", server.port(), "a")).containsExactly("1 a");
      reporter.publishEntry("server", describe(server));
      reporter.publishEntry("own", describe(perTest));
    }
  }

  @Test
  void theBuilderDeclaresAFactoryServer() {
    EngineExecutionResults results = LocalServerTestKit.run(ProgrammaticTestCase.class);
    assertAllSucceeded(results, 1);
    assertStoppedAndGone(LocalServerTestKit.reportedOnce(results, "server"));
    assertStoppedAndGone(LocalServerTestKit.reportedOnce(results, "own"));
  }

  // ---- cleanup whatever the tests did -----------------------------------------------------------

  @LocalServer(name = "shared", factory = LineServerFactory.class)
  @LocalServer(name = "fresh", factory = LineServerFactory.class, lifecycle = Lifecycle.PER_METHOD)
  static class MisbehavingTestCase {
    @BeforeAll
    static void publish(@Server("shared") LineServer shared, TestReporter reporter) {
      reporter.publishEntry("server", describe(shared));
    }

    @AfterEach
    void throwAfterOneTest(TestInfo info) {
      if (info.getTestMethod().orElseThrow().getName().equals("throwsInAfterEach")) {
        throw new IllegalStateException("@AfterEach failed");
      }
    }

    @AfterAll
    static void throwAfterAll() {
      throw new IllegalStateException("@AfterAll failed");
    }

    @Test
    void fails(@Server("fresh") LineServer fresh, TestReporter reporter) throws IOException {
      reporter.publishEntry("server", describe(fresh));
      assertThat(LineClient.converse("127.0.0.1", fresh.port(), "a")).containsExactly("1 a");
      fail("this test fails");
    }

    @Test
    void aborts(@Server("fresh") LineServer fresh, TestReporter reporter) {
      reporter.publishEntry("server", describe(fresh));
      assumeTrue(false, "this test aborts");
    }

    @Test
    void throwsInAfterEach(@Server("fresh") LineServer fresh, TestReporter reporter) {
      reporter.publishEntry("server", describe(fresh));
    }

    @Test
    void throwsAnError(@Server("fresh") LineServer fresh, TestReporter reporter) {
      reporter.publishEntry("server", describe(fresh));
      throw new StackOverflowError("this test throws an Error");
    }
  }

  @Test
  void everyServerStopsWhateverTheTestsDid() {
    EngineExecutionResults results = LocalServerTestKit.run(MisbehavingTestCase.class);
    String account = LocalServerTestKit.describe(results);
    assertThat(results.testEvents().started().count()).as(account).isEqualTo(4);
    assertThat(results.testEvents().failed().count()).as(account).isEqualTo(3);
    assertThat(results.testEvents().aborted().count()).as(account).isEqualTo(1);
    List<Event> failedContainers = results.containerEvents().failed().list();
    assertThat(failedContainers).as(account).hasSize(1);
    Throwable classFailure = LocalServerTestKit.failure(failedContainers.get(0));
    assertThat(classFailure).isExactlyInstanceOf(IllegalStateException.class).hasMessage("@AfterAll failed");
    List<String> servers = LocalServerTestKit.reported(results, "server");
    assertThat(servers).hasSize(5).doesNotHaveDuplicates();
    servers.forEach(ServerFactoryTest::assertStoppedAndGone);
  }

  @LocalServer(name = "tcp", factory = LineServerFactory.class)
  static class BeforeAllThrowsTestCase {
    @BeforeAll
    static void throwAfterPublishing(@Server("tcp") LineServer server, TestReporter reporter) {
      reporter.publishEntry("server", describe(server));
      throw new IllegalStateException("@BeforeAll failed");
    }

    @Test
    void neverRuns() {}
  }

  @Test
  void theServerStopsWhenBeforeAllThrows() {
    EngineExecutionResults results = LocalServerTestKit.run(BeforeAllThrowsTestCase.class);
    String account = LocalServerTestKit.describe(results);
    assertThat(results.testEvents().started().count()).as(account).isZero();
    assertThat(LocalServerTestKit.onlyFailure(results))
        .isExactlyInstanceOf(IllegalStateException.class)
        .hasMessage("@BeforeAll failed");
    assertStoppedAndGone(LocalServerTestKit.reportedOnce(results, "server"));
  }

  // ---- helpers ----------------------------------------------------------------------------------

  /** What fixtures publish about a server: {@code "<id> <address> <port>"}. */
  static String describe(LineServer server) {
    return server.id() + " " + server.address().getHostAddress() + " " + server.port();
  }

  private static int portOf(String published) {
    return Integer.parseInt(published.split(" ")[2]);
  }

  /** The published server refuses connections and has no thread left. */
  static void assertStoppedAndGone(String published) {
    String[] parts = published.split(" ");
    assertThat(LineClient.refuses(parts[1], Integer.parseInt(parts[2])))
        .as("%s refuses connections after the run", published)
        .isTrue();
    assertThat(LineServerFactory.liveThreads(Long.parseLong(parts[0])))
        .as("threads of %s after the run", published)
        .isEmpty();
  }

  private static void assertAllSucceeded(EngineExecutionResults results, int tests) {
    String account = LocalServerTestKit.describe(results);
    assertThat(results.containerEvents().failed().count()).as("failed containers\n%s", account).isZero();
    assertThat(results.testEvents().failed().count()).as("failed tests\n%s", account).isZero();
    assertThat(results.testEvents().aborted().count()).as("aborted tests\n%s", account).isZero();
    assertThat(results.testEvents().succeeded().count()).as("succeeded tests\n%s", account).isEqualTo(tests);
  }

  private static void assertPing(LocalHttpServer http, OkHttpClient client) throws IOException {
    http.stubFor(get("/ping").willReturn(ok("pong")));
    try (Response response = client.newCall(new Request.Builder().url(http.url("/ping")).build()).execute()) {
      assertThat(response.code()).isEqualTo(200);
      assertThat(response.body().string()).isEqualTo("pong");
    }
  }
}

package io.github.localserver;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static io.github.localserver.LifecycleTest.assertClosed;
import static io.github.localserver.LifecycleTest.assertRefused;
import static io.github.localserver.LifecycleTest.call;
import static io.github.localserver.LocalServerTestKit.describe;
import static io.github.localserver.LocalServerTestKit.reported;
import static io.github.localserver.LocalServerTestKit.reportedOnce;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
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
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * {@code @RegisterExtension LocalServerExtension}: the extension object stands for its server
 * while the server runs, alone or beside {@code @LocalServer} declarations.
 */
// Asserts that ports refuse connections once a run ends; alone, so that no other test's server
// can meanwhile be given one of those port numbers by the OS.
@Isolated
class ProgrammaticExtensionTest {

  private static final String NOT_RUNNING =
      " has no running server here: a static field's server runs from before @BeforeAll to after"
          + " @AfterAll, an instance field's from before @BeforeEach to after @AfterEach";

  @Test
  void aStaticFieldActsAsTheClassServer() {
    EngineExecutionResults results = LocalServerTestKit.run(StaticFieldTestCase.class);

    assertSucceeded(results, 2);
    String baseUrl = reportedOnce(results, "@BeforeAll");
    assertThat(baseUrl).matches("http://127\\.0\\.0\\.1:\\d+");
    assertThat(reported(results, "test")).containsExactly(baseUrl, baseUrl);
    assertThat(reported(results, "injected")).containsExactly(baseUrl, baseUrl);
    assertThat(reportedOnce(results, "@AfterAll")).isEqualTo(baseUrl);
    assertRefused(Integer.parseInt(baseUrl.substring(baseUrl.lastIndexOf(':') + 1)));
    assertThatThrownBy(() -> StaticFieldTestCase.api.baseUrl())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("LocalServerExtension \"api\"" + NOT_RUNNING);
  }

  static class StaticFieldTestCase {
    @RegisterExtension
    static LocalServerExtension api = LocalServerExtension.builder().name("api").failOnUnmatched(false).build();

    @BeforeAll
    static void baseline(TestReporter reporter) {
      api.stubFor(get("/baseline").willReturn(ok("baseline")));
      reporter.publishEntry("@BeforeAll", api.baseUrl());
    }

    @Test
    void first(LocalHttpServer injected, TestReporter reporter) throws IOException {
      startsFromTheBaseline(injected, reporter);
    }

    @Test
    void second(@Server("api") LocalHttpServer injected, TestReporter reporter) throws IOException {
      startsFromTheBaseline(injected, reporter);
    }

    private static void startsFromTheBaseline(LocalHttpServer injected, TestReporter reporter) throws IOException {
      reporter.publishEntry("test", api.baseUrl());
      reporter.publishEntry("injected", injected.baseUrl());
      assertThat(api.name()).isEqualTo("api");
      assertThat(api.requests()).isEmpty();
      assertThat(call(api, "/mine")).startsWith("404");
      assertThat(call(api, "/baseline")).isEqualTo("200 baseline");
      api.stubFor(get("/mine").willReturn(ok("mine")));
      assertThat(call(api, "/mine")).isEqualTo("200 mine");
      assertThat(api.requests()).hasSize(3);
    }

    @AfterAll
    static void afterAll(TestReporter reporter) {
      reporter.publishEntry("@AfterAll", api.baseUrl());
    }
  }

  @Test
  void anInstanceFieldGivesEachTestItsOwnServer() {
    EngineExecutionResults results = LocalServerTestKit.run(InstanceFieldTestCase.class);

    assertSucceeded(results, 2);
    List<String> urls = reported(results, "test");
    assertThat(urls).hasSize(2);
    assertThat(reported(results, "injected")).isEqualTo(urls);
    urls.forEach(url -> assertRefused(Integer.parseInt(url.substring(url.lastIndexOf(':') + 1))));
  }

  static class InstanceFieldTestCase {
    @RegisterExtension LocalServerExtension api = LocalServerExtension.builder().build();

    @Test
    void first(LocalHttpServer injected, TestReporter reporter) throws IOException {
      ownsItsServer(injected, reporter);
    }

    @Test
    void second(LocalHttpServer injected, TestReporter reporter) throws IOException {
      ownsItsServer(injected, reporter);
    }

    private void ownsItsServer(LocalHttpServer injected, TestReporter reporter) throws IOException {
      reporter.publishEntry("test", api.baseUrl());
      reporter.publishEntry("injected", injected.baseUrl());
      assertThat(api.wireMock().allStubMappings().getMappings()).isEmpty();
      api.stubFor(get("/mine").willReturn(ok("mine")));
      assertThat(call(api, "/mine")).isEqualTo("200 mine");
    }
  }

  /** A server of its own shows in the handle: the previous test's is closed. */
  @Test
  void anInstanceFieldGivesEachTestItsOwnServerAlsoWithOneInstancePerClass() {
    EngineExecutionResults results = LocalServerTestKit.run(InstanceFieldOfPerClassInstanceTestCase.class);

    assertSucceeded(results, 2);
  }

  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class InstanceFieldOfPerClassInstanceTestCase {
    @RegisterExtension LocalServerExtension api = LocalServerExtension.builder().build();

    private LocalHttpServer first;

    @Test
    @Order(1)
    void first(LocalHttpServer injected) {
      assertThat(injected.baseUrl()).isEqualTo(api.baseUrl());
      first = injected;
    }

    @Test
    @Order(2)
    void second(LocalHttpServer injected) {
      assertThat(injected.baseUrl()).isEqualTo(api.baseUrl());
      assertThat(injected).isNotSameAs(first);
      assertClosed(first, "The default server");
    }
  }

  @Test
  void aStaticPerMethodFieldStandsForTheCurrentTestsServer() {
    EngineExecutionResults results = LocalServerTestKit.run(StaticPerMethodTestCase.class);

    assertSucceeded(results, 2);
  }

  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class StaticPerMethodTestCase {
    @RegisterExtension
    static LocalServerExtension api = LocalServerExtension.builder().lifecycle(Lifecycle.PER_METHOD).build();

    private LocalHttpServer first;

    @Test
    @Order(1)
    void first(LocalHttpServer injected) {
      assertThat(injected.baseUrl()).isEqualTo(api.baseUrl());
      api.stubFor(get("/mine").willReturn(ok()));
      assertThat(injected.wireMock().allStubMappings().getMappings()).hasSize(1);
      first = injected;
    }

    @Test
    @Order(2)
    void second(LocalHttpServer injected) {
      assertThat(injected.baseUrl()).isEqualTo(api.baseUrl());
      assertThat(injected).isNotSameAs(first);
      assertClosed(first, "The default server");
      assertThat(api.wireMock().allStubMappings().getMappings()).isEmpty();
    }
  }

  @Test
  void nestedClassesUseTheOuterClassesExtensions() {
    EngineExecutionResults results = LocalServerTestKit.run(NestingTestCase.class);

    assertSucceeded(results, 2);
    String shared = reportedOnce(results, "outer: shared");
    assertThat(reportedOnce(results, "inner: shared")).isEqualTo(shared);
  }

  static class NestingTestCase {
    @RegisterExtension
    static LocalServerExtension shared = LocalServerExtension.builder().name("shared").build();

    @RegisterExtension LocalServerExtension own = LocalServerExtension.builder().name("own").build();

    @Test
    void outer(@ServerUrl("shared") String sharedUrl, @ServerUrl("own") String ownUrl, TestReporter reporter) {
      assertThat(sharedUrl).isEqualTo(shared.baseUrl());
      assertThat(ownUrl).isEqualTo(own.baseUrl());
      reporter.publishEntry("outer: shared", shared.baseUrl());
      reporter.publishEntry("outer: own", own.baseUrl());
    }

    @Nested
    class Inner {
      @Test
      void inner(@ServerUrl("shared") String sharedUrl, @ServerUrl("own") String ownUrl, TestReporter reporter) {
        assertThat(sharedUrl).isEqualTo(shared.baseUrl());
        assertThat(ownUrl).isEqualTo(own.baseUrl());
        reporter.publishEntry("inner: shared", shared.baseUrl());
        reporter.publishEntry("inner: own", own.baseUrl());
      }
    }
  }

  /**
   * One extension object, several running servers: a base class's static field serves each
   * subclass, and the subclasses run concurrently. In each class's {@code @BeforeAll}, tests and
   * {@code @AfterAll}, the object stands for that class's server.
   */
  @Test
  void aStaticFieldInheritedBySubclassesRunningConcurrentlyStandsForEachClasssServer() {
    EngineExecutionResults results =
        LocalServerTestKit.runParallel(
            4, FirstSubclassTestCase.class, SecondSubclassTestCase.class, ThirdSubclassTestCase.class);

    assertSucceeded(results, 3);
    for (String subclass : List.of("FirstSubclassTestCase", "SecondSubclassTestCase", "ThirdSubclassTestCase")) {
      String url = reportedOnce(results, subclass + " @BeforeAll");
      assertThat(reportedOnce(results, subclass + " test")).isEqualTo(url);
      assertThat(reportedOnce(results, subclass + " @AfterAll")).isEqualTo(url);
    }
  }

  abstract static class SharedExtensionBase {
    @RegisterExtension static LocalServerExtension api = LocalServerExtension.builder().build();

    @BeforeAll
    static void baseline(TestInfo info, TestReporter reporter) {
      api.stubFor(get("/baseline").willReturn(ok("baseline")));
      reporter.publishEntry(className(info) + " @BeforeAll", api.baseUrl());
    }

    @Test
    void usesTheBaseline(@ServerUrl String injected, TestInfo info, TestReporter reporter) throws IOException {
      assertThat(api.baseUrl()).isEqualTo(injected);
      assertThat(call(api, "/baseline")).isEqualTo("200 baseline");
      reporter.publishEntry(className(info) + " test", api.baseUrl());
    }

    @AfterAll
    static void afterAll(TestInfo info, TestReporter reporter) {
      reporter.publishEntry(className(info) + " @AfterAll", api.baseUrl());
    }

    private static String className(TestInfo info) {
      return info.getTestClass().orElseThrow().getSimpleName();
    }
  }

  static class FirstSubclassTestCase extends SharedExtensionBase {}

  static class SecondSubclassTestCase extends SharedExtensionBase {}

  static class ThirdSubclassTestCase extends SharedExtensionBase {}

  /**
   * A nested class that extends the same base as its outer class inherits the static field again:
   * JUnit then registers the one extension object twice for the nested class and calls its
   * callbacks twice. The nested declaration replaces the outer one by name, as any would. Guarded
   * by a timeout: this used to hang.
   */
  @Test
  void aNestedClassInheritingTheOuterClasssStaticFieldGetsItsOwnServer() {
    EngineExecutionResults results =
        assertTimeoutPreemptively(
            Duration.ofSeconds(30), () -> LocalServerTestKit.run(OuterOfNestedSubclassTestCase.class));

    assertSucceeded(results, 2);
    assertThat(reportedOnce(results, "InnerSubclass"))
        .isNotEqualTo(reportedOnce(results, "OuterOfNestedSubclassTestCase"));
  }

  abstract static class AnotherSharedExtensionBase {
    @RegisterExtension static LocalServerExtension api = LocalServerExtension.builder().build();

    @Test
    void reports(@ServerUrl String injected, TestInfo info, TestReporter reporter) {
      assertThat(api.baseUrl()).isEqualTo(injected);
      reporter.publishEntry(info.getTestClass().orElseThrow().getSimpleName(), injected);
    }
  }

  static class OuterOfNestedSubclassTestCase extends AnotherSharedExtensionBase {
    @Nested
    class InnerSubclass extends AnotherSharedExtensionBase {}
  }

  @Test
  void registeredExtensionsAndAnnotationsWorkSideBySide() {
    EngineExecutionResults results = LocalServerTestKit.run(CombinedTestCase.class);

    assertSucceeded(results, 1);
    assertThat(reportedOnce(results, "ports")).matches("\\d+ \\d+ \\d+");
  }

  @LocalServer(name = "orders")
  static class CombinedTestCase {
    @RegisterExtension static LocalServerExtension api = LocalServerExtension.builder().name("api").build();

    @RegisterExtension LocalServerExtension audit = LocalServerExtension.builder().name("audit").build();

    @Test
    void injectsEach(
        @Server("api") LocalHttpServer apiServer,
        @ServerUrl("api") String apiUrl,
        @Server("orders") LocalHttpServer orders,
        @ServerPort("orders") int ordersPort,
        @Server("audit") LocalHttpServer auditServer,
        TestReporter reporter)
        throws IOException {
      assertThat(apiServer.port()).isEqualTo(api.port());
      assertThat(apiUrl).isEqualTo(api.baseUrl());
      assertThat(auditServer.port()).isEqualTo(audit.port());
      assertThat(orders.name()).isEqualTo("orders");
      assertThat(ordersPort).isEqualTo(orders.port());
      assertThat(List.of(api.port(), orders.port(), audit.port())).doesNotHaveDuplicates();
      api.stubFor(get("/api").willReturn(ok("api")));
      orders.stubFor(get("/orders").willReturn(ok("orders")));
      assertThat(call(apiServer, "/api")).isEqualTo("200 api");
      assertThat(call(orders, "/orders")).isEqualTo("200 orders");
      reporter.publishEntry("ports", api.port() + " " + orders.port() + " " + audit.port());
    }
  }

  @Test
  void anExtensionWithoutARunningServerSaysSo() {
    LocalServerExtension unregistered = LocalServerExtension.builder().build();

    assertThatThrownBy(unregistered::baseUrl)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("LocalServerExtension (default server)" + NOT_RUNNING);
    assertThatThrownBy(() -> unregistered.stubFor(get("/x").willReturn(ok())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("LocalServerExtension (default server)" + NOT_RUNNING);
  }

  @Test
  void theDeclarativeExtensionObjectHasNoServerOfItsOwn() {
    assertThatThrownBy(() -> new LocalServerExtension().baseUrl())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "This LocalServerExtension was registered by @LocalServer and has no server of its own;"
                + " inject LocalHttpServer instead, or build one with LocalServerExtension.builder()");
  }

  private static void assertSucceeded(EngineExecutionResults results, long tests) {
    assertThat(results.allEvents().failed().count()).as(describe(results)).isZero();
    assertThat(results.testEvents().succeeded().count()).as(describe(results)).isEqualTo(tests);
  }
}

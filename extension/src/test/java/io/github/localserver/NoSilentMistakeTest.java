package io.github.localserver;

import static io.github.localserver.LocalServerTestKit.assertFailure;
import static io.github.localserver.LocalServerTestKit.classFailure;
import static io.github.localserver.LocalServerTestKit.describe;
import static io.github.localserver.LocalServerTestKit.reportedOnce;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.localserver.LocalServerTestKit.OneTest;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.platform.commons.PreconditionViolationException;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * Issue 9, "No mistake passes silently": mistakes that used to be ignored, or reported with a
 * misleading message, each run through the JUnit Platform as a user's build would.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class NoSilentMistakeTest {

  // ---- two identical declarations ---------------------------------------------------------------

  @LocalServer(name = "orders")
  @LocalServer(name = "orders")
  static class IdenticalDeclarationsTestCase extends OneTest {}

  @Test
  void twoIdenticalDeclarationsFailLikeTwoDifferentOnesWithOneName() {
    Throwable failure =
        classFailure(
            LocalServerTestKit.run(IdenticalDeclarationsTestCase.class), IdenticalDeclarationsTestCase.class);
    assertFailure(
        failure,
        ExtensionConfigurationException.class,
        "Two servers are named \"orders\" in "
            + IdenticalDeclarationsTestCase.class.getName()
            + " (@LocalServer on IdenticalDeclarationsTestCase and @LocalServer on IdenticalDeclarationsTestCase);"
            + " give each server of a class its own name"
            + " (@LocalServer(name = \"orders\"), LocalServerExtension.builder().name(\"orders\")) and qualify"
            + " what you inject with it");
  }

  static class IdenticalDeclarationsOnAMethodTestCase {
    @Test
    @LocalServer
    @LocalServer
    void usesTheServer() {}
  }

  @Test
  void twoIdenticalDeclarationsOnATestMethodFailTheTest() {
    Throwable failure =
        LocalServerTestKit.testFailure(
            LocalServerTestKit.run(IdenticalDeclarationsOnAMethodTestCase.class), "usesTheServer");
    assertFailure(
        failure,
        ExtensionConfigurationException.class,
        "Two servers are named \"\" in IdenticalDeclarationsOnAMethodTestCase.usesTheServer() (@LocalServer on"
            + " IdenticalDeclarationsOnAMethodTestCase.usesTheServer() and @LocalServer on"
            + " IdenticalDeclarationsOnAMethodTestCase.usesTheServer()); give each server of a class its own name"
            + " (@LocalServer(name = \"orders\"), LocalServerExtension.builder().name(\"orders\")) and qualify"
            + " what you inject with it");
  }

  @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
  @java.lang.annotation.Target(java.lang.annotation.ElementType.TYPE)
  @LocalServer(name = "orders")
  @interface OrdersServer {}

  @OrdersServer
  @LocalServer(name = "orders")
  static class ComposedAndDirectDeclarationTestCase extends OneTest {}

  @Test
  void aComposedAnnotationAndAnIdenticalDirectOneFailTheClass() {
    Throwable failure =
        classFailure(
            LocalServerTestKit.run(ComposedAndDirectDeclarationTestCase.class),
            ComposedAndDirectDeclarationTestCase.class);
    assertFailure(
        failure,
        ExtensionConfigurationException.class,
        "Two servers are named \"orders\" in "
            + ComposedAndDirectDeclarationTestCase.class.getName()
            + " (@LocalServer on ComposedAndDirectDeclarationTestCase and @LocalServer on"
            + " ComposedAndDirectDeclarationTestCase); give each server of a class its own name"
            + " (@LocalServer(name = \"orders\"), LocalServerExtension.builder().name(\"orders\")) and qualify"
            + " what you inject with it");
  }

  @LocalServer(name = "orders")
  static class Parent {}

  /** The same declaration again in a subclass replaces the inherited one: that is no mistake. */
  @LocalServer(name = "orders")
  static class RedeclaringSubclassTestCase extends Parent {
    @Test
    void usesTheServer(@Server("orders") LocalHttpServer orders) {}
  }

  @Test
  void aSubclassMayRepeatItsSuperclassDeclaration() {
    EngineExecutionResults results = LocalServerTestKit.run(RedeclaringSubclassTestCase.class);
    assertThat(results.testEvents().succeeded().count()).as(describe(results)).isEqualTo(1);
  }

  // ---- @LocalServer on a lifecycle method -------------------------------------------------------

  @LocalServer
  static class OnBeforeEachTestCase extends OneTest {
    @BeforeEach
    @LocalServer(name = "setup")
    void setUp() {}
  }

  @LocalServer
  static class OnAfterEachTestCase extends OneTest {
    @AfterEach
    @LocalServer(name = "setup")
    void tearDown() {}
  }

  @LocalServer
  static class OnBeforeAllTestCase extends OneTest {
    @BeforeAll
    @LocalServer(name = "setup")
    static void setUp() {}
  }

  @LocalServer
  static class OnAfterAllTestCase extends OneTest {
    @AfterAll
    @LocalServer(name = "setup")
    @LocalServer(name = "other")
    static void tearDown() {}
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource({
    "OnBeforeEachTestCase, BeforeEach, setUp",
    "OnAfterEachTestCase, AfterEach, tearDown",
    "OnBeforeAllTestCase, BeforeAll, setUp",
    "OnAfterAllTestCase, AfterAll, tearDown"
  })
  void aDeclarationOnALifecycleMethodFailsTheClass(String fixture, String lifecycle, String method)
      throws ClassNotFoundException {
    Class<?> fixtureClass = Class.forName(NoSilentMistakeTest.class.getName() + "$" + fixture);
    Throwable failure = classFailure(LocalServerTestKit.run(fixtureClass), fixtureClass);
    assertFailure(
        failure,
        ExtensionConfigurationException.class,
        "@LocalServer on @"
            + lifecycle
            + " method "
            + fixture
            + "."
            + method
            + "() declares no server: lifecycle methods are not read; put @LocalServer on the test class"
            + " (a server for all its tests) or on a @Test method (a server for that test alone)");
  }

  static class OnlyOnBeforeEachTestCase {
    @BeforeEach
    @LocalServer
    void setUp(LocalHttpServer server) {}

    @Test
    void wouldRun() {}
  }

  /**
   * With no other declaration, JUnit registers no extension at all (it reads none from a lifecycle
   * method), so only the launcher's check sees the mistake: run with the real launcher, as builds
   * and IDEs do ({@code EngineTestKit} runs no service-loaded launcher filters).
   */
  @Test
  void aDeclarationOnlyOnALifecycleMethodFailsTheRun() {
    LauncherDiscoveryRequest request =
        LauncherDiscoveryRequestBuilder.request()
            .selectors(DiscoverySelectors.selectClass(OnlyOnBeforeEachTestCase.class))
            .enableImplicitConfigurationParameters(false)
            .build();
    assertThatThrownBy(() -> LauncherFactory.create().execute(request, new SummaryGeneratingListener()))
        .isExactlyInstanceOf(PreconditionViolationException.class)
        .hasMessage(
            "@LocalServer on @BeforeEach method OnlyOnBeforeEachTestCase.setUp() declares no server: lifecycle"
                + " methods are not read; put @LocalServer on the test class (a server for all its tests) or on a"
                + " @Test method (a server for that test alone)");
  }

  // ---- a factory's reset right after start -----------------------------------------------------

  @LocalServer(name = "line", factory = LineServerFactory.class)
  static class FactoryResetTestCase {
    @BeforeAll
    static void setUp(@Server("line") LineServerFactory.LineServer server, TestReporter reporter) {
      reporter.publishEntry("resets in @BeforeAll", String.valueOf(server.resets()));
    }

    @Test
    void usesTheServer(@Server("line") LineServerFactory.LineServer server, TestReporter reporter) {
      reporter.publishEntry("resets in the test", String.valueOf(server.resets()));
    }
  }

  @LocalServer(name = "line", factory = LineServerFactory.class)
  static class NestedFactoryResetTestCase {
    @BeforeAll
    static void setUp(@Server("line") LineServerFactory.LineServer server, TestReporter reporter) {
      reporter.publishEntry("resets in @BeforeAll", String.valueOf(server.resets()));
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Inner {
      @BeforeAll
      void setUpInner(@Server("line") LineServerFactory.LineServer server, TestReporter reporter) {
        reporter.publishEntry("resets in the nested @BeforeAll", String.valueOf(server.resets()));
      }

      @Test
      void usesTheServer() {}
    }
  }

  @Test
  void aFactorysResetRunsAgainBeforeANestedClass() {
    EngineExecutionResults results = LocalServerTestKit.run(NestedFactoryResetTestCase.class);
    assertThat(results.testEvents().succeeded().count()).as(describe(results)).isEqualTo(1);
    assertThat(reportedOnce(results, "resets in @BeforeAll")).isEqualTo("0");
    assertThat(reportedOnce(results, "resets in the nested @BeforeAll")).isEqualTo("1");
  }

  /** A factory's server is reset before each test, never right after its start (nothing touched it). */
  @Test
  void aFactorysServerIsNotResetBetweenItsStartAndBeforeAll() {
    EngineExecutionResults results = LocalServerTestKit.run(FactoryResetTestCase.class);
    assertThat(results.testEvents().succeeded().count()).as(describe(results)).isEqualTo(1);
    assertThat(reportedOnce(results, "resets in @BeforeAll")).isEqualTo("0");
    assertThat(reportedOnce(results, "resets in the test")).isEqualTo("1");
  }

  // ---- host forms -------------------------------------------------------------------------------

  @LocalServer(host = "127.1")
  static class ShortFormTestCase extends OneTest {}

  @LocalServer(host = "0177.0.0.1")
  static class OctalFormTestCase extends OneTest {}

  @ParameterizedTest(name = "{1}")
  @CsvSource({"ShortFormTestCase, 127.1", "OctalFormTestCase, 0177.0.0.1"})
  void aLoopbackAddressInAnotherFormSaysWhichFormsAreAccepted(String fixture, String host)
      throws ClassNotFoundException {
    Class<?> fixtureClass = Class.forName(NoSilentMistakeTest.class.getName() + "$" + fixture);
    Throwable failure = classFailure(LocalServerTestKit.run(fixtureClass), fixtureClass);
    assertFailure(
        failure,
        ExtensionConfigurationException.class,
        "@LocalServer(host = \""
            + host
            + "\") is not an accepted form: write loopback addresses as full dotted quads (127.0.0.1 or any"
            + " 127.x.y.z), ::1 or localhost");
  }

  @LocalServer
  static class ConfiguredHostTestCase extends OneTest {}

  @Test
  void aShortFormHostParameterSaysWhichFormsAreAccepted() {
    Throwable failure =
        classFailure(
            LocalServerTestKit.run(ConfiguredHostTestCase.class, "localserver.host", "127.1"),
            ConfiguredHostTestCase.class);
    assertFailure(
        failure,
        ExtensionConfigurationException.class,
        "Configuration parameter localserver.host = \"127.1\" is not an accepted form: write loopback addresses"
            + " as full dotted quads (127.0.0.1 or any 127.x.y.z), ::1 or localhost");
  }

  // ---- mappings prefixes ------------------------------------------------------------------------

  abstract static class CallsOrderOne {
    @Test
    void servesTheStubFile(LocalHttpServer server, TestReporter reporter) throws IOException {
      reporter.publishEntry("answer", LifecycleTest.call(server, "/orders/1"));
    }
  }

  @LocalServer(mappings = "classpath:stubs/orders", failOnUnmatched = false)
  static class ClasspathPrefixTestCase extends CallsOrderOne {}

  @LocalServer(mappings = "classpath:/stubs/orders/", failOnUnmatched = false)
  static class ClasspathPrefixAndSlashTestCase extends CallsOrderOne {}

  @LocalServer(mappings = "/stubs/orders", failOnUnmatched = false)
  static class LeadingSlashTestCase extends CallsOrderOne {}

  @ParameterizedTest(name = "{0}")
  @CsvSource({"ClasspathPrefixTestCase", "ClasspathPrefixAndSlashTestCase", "LeadingSlashTestCase"})
  void aClasspathPrefixOrALeadingSlashNamesTheSameFolder(String fixture) throws ClassNotFoundException {
    Class<?> fixtureClass = Class.forName(NoSilentMistakeTest.class.getName() + "$" + fixture);
    EngineExecutionResults results = LocalServerTestKit.run(fixtureClass);
    assertThat(results.testEvents().succeeded().count()).as(describe(results)).isEqualTo(1);
    assertThat(reportedOnce(results, "answer")).isEqualTo("200 {\"id\":1,\"item\":\"book\"}\n");
  }

  // ---- a per-test server in a field shared by concurrent tests ------------------------------------

  /** JUnit runs a PER_CLASS instance's tests in one thread unless told otherwise, as here. */
  @LocalServer(lifecycle = Lifecycle.PER_METHOD)
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  @org.junit.jupiter.api.parallel.Execution(org.junit.jupiter.api.parallel.ExecutionMode.CONCURRENT)
  static class SharedInstanceFieldTestCase {
    @ServerUrl String url;

    @Test
    void first() {}

    @Test
    void second() {}
  }

  @Test
  void aPerTestServerInAFieldOfAnInstanceSharedByConcurrentTestsIsRefused() {
    EngineExecutionResults results = LocalServerTestKit.runParallel(2, SharedInstanceFieldTestCase.class);

    assertThat(results.testEvents().failed().count()).as(describe(results)).isEqualTo(2);
    Throwable failure = LocalServerTestKit.failure(results.testEvents().failed().list().get(0));
    assertFailure(
        failure,
        ExtensionConfigurationException.class,
        "Field SharedInstanceFieldTestCase.url: a per-test server (the default server) cannot be injected into a"
            + " field of a @TestInstance(PER_CLASS) class whose tests run concurrently: the tests share the"
            + " instance, so each would see whichever server was set last; inject it as a parameter of the test"
            + " method instead, or run the class's tests in one thread (@Execution(ExecutionMode.SAME_THREAD))");
  }

  @Test
  void aPerTestServerInAFieldOfASharedInstanceIsFineWhenItsTestsRunOneByOne() {
    EngineExecutionResults results = LocalServerTestKit.run(SharedInstanceFieldTestCase.class);

    assertThat(results.testEvents().succeeded().count()).as(describe(results)).isEqualTo(2);
  }
}

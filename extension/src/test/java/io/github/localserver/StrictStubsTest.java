package io.github.localserver;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.github.localserver.LocalServerTestKit.assertFailure;
import static io.github.localserver.LocalServerTestKit.classFailure;
import static io.github.localserver.LocalServerTestKit.describe;
import static io.github.localserver.LocalServerTestKit.failedTest;
import static io.github.localserver.LocalServerTestKit.reportedOnce;
import static io.github.localserver.LocalServerTestKit.testFailure;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.opentest4j.AssertionFailedError;

/** {@code failOnUnusedStubs}: a stub registered during a test that no request matched fails it. */
class StrictStubsTest {

  @Test
  void anUnusedStubFailsTheTestListingEachOne() {
    EngineExecutionResults results = LocalServerTestKit.run(UnusedTestCase.class);

    Throwable failure = testFailure(results, "leavesTwoUnused");
    String baseUrl = reportedOnce(results, "baseUrl");
    assertThat(failure).isExactlyInstanceOf(AssertionFailedError.class);
    assertThat(failure.getMessage().replace(baseUrl, "BASE"))
        .isEqualTo(
            "The default server (BASE) has 2 stubs registered during the test that no request matched:\n"
                + "  GET path matching /orders/[0-9]+ (\"one order\"),"
                + " registered at UnusedTestCase.leavesTwoUnused(StrictStubsTest.java:116)\n"
                + "  POST /orders, registered at UnusedTestCase.leavesTwoUnused(StrictStubsTest.java:117)\n"
                + "\n"
                + "Remove the stubs the code no longer needs, check the request the code makes against them,"
                + " or declare the server with failOnUnusedStubs = false (or set localserver.fail-on-unused-stubs=false).");
  }

  @Test
  void stubsThatAnsweredPassAlsoAsFaultsAndSequences() {
    EngineExecutionResults results = LocalServerTestKit.run(AllUsedTestCase.class);

    assertThat(results.allEvents().failed().count()).as(describe(results)).isZero();
    assertThat(results.testEvents().succeeded().count()).isEqualTo(1);
  }

  @Test
  void baselineAndStubFileStubsAreExemptButBeforeEachStubsAreTheTests() {
    EngineExecutionResults results = LocalServerTestKit.run(BaselineTestCase.class);

    Throwable failure = failedTest(results, "usesNothing");
    assertThat(failure.getMessage()).contains("has 1 stub registered during the test").contains("\n  GET /each, registered at BaselineTestCase.each(StrictStubsTest.java:");
    assertThat(results.testEvents().succeeded().count()).as(describe(results)).isEqualTo(1); // usesEach
  }

  @Test
  void theConfigurationParameterTurnsItOnAndTheBuilderOff() {
    EngineExecutionResults on =
        LocalServerTestKit.run(ConfiguredTestCase.class, "localserver.fail-on-unused-stubs", "true");
    assertThat(failedTest(on, "leavesOneUnused").getMessage()).contains("has 1 stub registered during the test");

    EngineExecutionResults off = LocalServerTestKit.run(ConfiguredTestCase.class);
    assertThat(off.allEvents().failed().count()).as(describe(off)).isZero();

    EngineExecutionResults builderOff =
        LocalServerTestKit.run(BuilderOffTestCase.class, "localserver.fail-on-unused-stubs", "true");
    assertThat(builderOff.allEvents().failed().count()).as(describe(builderOff)).isZero();
  }

  @Test
  void aFailedTestIsNotFailedAgainForItsUnusedStubs() {
    EngineExecutionResults results = LocalServerTestKit.run(FailingTestCase.class);

    Throwable failure = testFailure(results, "fails");
    assertFailure(failure, AssertionError.class, "the test's own failure");
    assertThat(failure.getSuppressed()).isEmpty();
  }

  @Test
  void aBadParameterValueFailsTheClass() {
    Throwable failure =
        classFailure(
            LocalServerTestKit.run(ConfiguredTestCase.class, "localserver.fail-on-unused-stubs", "sometimes"),
            ConfiguredTestCase.class);
    assertFailure(
        failure,
        ExtensionConfigurationException.class,
        "Configuration parameter localserver.fail-on-unused-stubs = \"sometimes\" is not a boolean; use true or false");
  }

  @Test
  void aFactoryServerCannotAskForIt() {
    Throwable failure = classFailure(LocalServerTestKit.run(FactoryTestCase.class), FactoryTestCase.class);
    assertFailure(
        failure,
        ExtensionConfigurationException.class,
        "@LocalServer(failOnUnusedStubs = true) applies to HTTP servers only; this one is made by"
            + " LineServerFactory.class, so remove failOnUnusedStubs or factory");
  }

  // ---- fixtures ---------------------------------------------------------------------------------

  @LocalServer(failOnUnusedStubs = true)
  static class UnusedTestCase {
    @Test
    void leavesTwoUnused(LocalHttpServer server, TestReporter reporter) throws IOException {
      reporter.publishEntry("baseUrl", server.baseUrl());
      server.stubFor(get("/health").willReturn(ok()));
      server.stubFor(get(urlPathMatching("/orders/[0-9]+")).withName("one order").willReturn(ok()));
      server.stubFor(post("/orders").willReturn(ok()));
      LifecycleTest.call(server, "/health");
    }
  }

  @LocalServer(failOnUnusedStubs = true)
  static class AllUsedTestCase {
    @Test
    void usesAll(LocalHttpServer server) throws IOException {
      server.stubFor(get("/health").willReturn(ok()));
      server.stubFor(get("/down").willReturn(Faults.status(503)));
      server.stubSequence(get("/flaky"), Faults.status(503), ok());
      LifecycleTest.call(server, "/health");
      LifecycleTest.call(server, "/down");
      LifecycleTest.call(server, "/flaky");
    }
  }

  @LocalServer(failOnUnusedStubs = true, mappings = "stubs/orders")
  static class BaselineTestCase {
    @BeforeAll
    static void baseline(LocalHttpServer server) {
      server.stubFor(get("/all").willReturn(ok()));
    }

    @BeforeEach
    void each(LocalHttpServer server) {
      server.stubFor(get("/each").willReturn(ok()));
    }

    @Test
    void usesEach(LocalHttpServer server) throws IOException {
      LifecycleTest.call(server, "/each");
    }

    @Test
    void usesNothing() {}
  }

  @LocalServer
  static class ConfiguredTestCase {
    @Test
    void leavesOneUnused(LocalHttpServer server) {
      server.stubFor(get("/never").willReturn(ok()));
    }
  }

  static class BuilderOffTestCase {
    @RegisterExtension static LocalServerExtension api = LocalServerExtension.builder().failOnUnusedStubs(false).build();

    @Test
    void leavesOneUnused() {
      api.stubFor(get("/never").willReturn(ok()));
    }
  }

  @LocalServer(failOnUnusedStubs = true)
  static class FailingTestCase {
    @Test
    void fails(LocalHttpServer server) {
      server.stubFor(get("/never").willReturn(ok()));
      throw new AssertionError("the test's own failure");
    }
  }

  @LocalServer(failOnUnusedStubs = true, factory = LineServerFactory.class)
  static class FactoryTestCase extends LocalServerTestKit.OneTest {}
}

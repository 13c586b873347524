package io.github.localserver;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static io.github.localserver.LocalServerTestKit.assertFailure;
import static io.github.localserver.LocalServerTestKit.classFailure;
import static io.github.localserver.LocalServerTestKit.describe;
import static io.github.localserver.LocalServerTestKit.reportedOnce;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * WireMock's static DSL points at the only server in scope, or at the one marked {@code
 * staticDsl}; with several and none marked it fails naming them, and never reaches {@code
 * localhost:8080}.
 */
class StaticDslTest {

  @Test
  void theMarkedServerGetsTheStaticDsl() {
    EngineExecutionResults results = LocalServerTestKit.run(MarkedTestCase.class);

    assertThat(results.testEvents().succeeded().count()).as(describe(results)).isEqualTo(1);
    assertThat(reportedOnce(results, "stubs")).isEqualTo("orders 1, payments 0");
  }

  @Test
  void theBuildersMarkWorksToo() {
    EngineExecutionResults results = LocalServerTestKit.run(MarkedByTheBuilderTestCase.class);

    assertThat(results.testEvents().succeeded().count()).as(describe(results)).isEqualTo(1);
    assertThat(reportedOnce(results, "stubs")).isEqualTo("orders 0, api 1");
  }

  @Test
  void withSeveralServersAndNoneMarkedAStaticDslCallFailsNamingThem() {
    EngineExecutionResults results = LocalServerTestKit.run(UnmarkedTestCase.class);

    assertThat(results.testEvents().succeeded().count()).as(describe(results)).isEqualTo(1);
    assertThat(reportedOnce(results, "static stubFor"))
        .isEqualTo(
            "IllegalStateException: WireMock's static DSL does not know which server to use: several are in"
                + " scope (\"orders\", \"payments\"); mark one @LocalServer(staticDsl = true) (or"
                + " builder().staticDsl(true)), or call the server's own handle (server.stubFor(...),"
                + " @Server(\"name\") WireMock)");
  }

  @Test
  void afterItsClassTheStaticDslIsWireMocksDefaultAgainNotTheEndedServer() {
    EngineExecutionResults results =
        LocalServerTestKit.runInOrder(List.of(StubsStaticallyTestCase.class, StubsStaticallyWithoutAServerTestCase.class));

    assertThat(results.testEvents().succeeded().count()).as(describe(results)).isEqualTo(2);
    // runInOrder orders classes by @Order (ClassOrderer.OrderAnnotation): the class with a server first
    assertThat(LocalServerTestKit.reported(results, "ran")).containsExactly("with a server", "without a server");
    assertThat(reportedOnce(results, "static stubFor without a server"))
        .as("WireMock's default target, localhost:8080, where nothing listens in this test run")
        .contains("localhost:8080")
        .doesNotContain("scope has ended");
  }

  @Test
  void twoMarkedServersFailTheClass() {
    Throwable failure = classFailure(LocalServerTestKit.run(TwoMarkedTestCase.class), TwoMarkedTestCase.class);
    assertFailure(
        failure,
        ExtensionConfigurationException.class,
        "Several servers in scope are marked staticDsl (@LocalServer on TwoMarkedTestCase, @LocalServer on"
            + " TwoMarkedTestCase); WireMock's static DSL can point at one only: mark one of them");
  }

  /** A stub through WireMock's static DSL: where it went, or how it failed. */
  static String stubStatically() {
    try {
      WireMock.stubFor(get("/x").willReturn(ok()));
      return "reached a server";
    } catch (RuntimeException e) {
      return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
  }

  static String counts(LocalHttpServer first, LocalHttpServer second) {
    return first.name() + " " + first.wireMock().allStubMappings().getMappings().size() + ", " + second.name() + " "
        + second.wireMock().allStubMappings().getMappings().size();
  }

  @LocalServer(name = "orders", staticDsl = true)
  @LocalServer(name = "payments")
  static class MarkedTestCase {
    @Test
    void stubs(@Server("orders") LocalHttpServer orders, @Server("payments") LocalHttpServer payments, TestReporter reporter) {
      WireMock.stubFor(get("/x").willReturn(ok()));
      reporter.publishEntry("stubs", counts(orders, payments));
    }
  }

  @LocalServer(name = "orders")
  static class MarkedByTheBuilderTestCase {
    @RegisterExtension
    static LocalServerExtension api = LocalServerExtension.builder().name("api").staticDsl(true).build();

    @Test
    void stubs(@Server("orders") LocalHttpServer orders, TestReporter reporter) {
      WireMock.stubFor(get("/x").willReturn(ok()));
      reporter.publishEntry("stubs", counts(orders, api));
    }
  }

  @LocalServer(name = "orders")
  @LocalServer(name = "payments")
  static class UnmarkedTestCase {
    @Test
    void stubs(TestReporter reporter) {
      reporter.publishEntry("static stubFor", stubStatically());
    }
  }

  @LocalServer
  @Order(1)
  static class StubsStaticallyTestCase {
    @Test
    void stubs(LocalHttpServer server, TestReporter reporter) {
      WireMock.stubFor(get("/x").willReturn(ok()));
      assertThat(server.wireMock().allStubMappings().getMappings()).hasSize(1);
      reporter.publishEntry("ran", "with a server");
    }
  }

  @Order(2)
  static class StubsStaticallyWithoutAServerTestCase {
    @Test
    void stubs(TestReporter reporter) {
      reporter.publishEntry("ran", "without a server");
      reporter.publishEntry("static stubFor without a server", stubStatically());
    }
  }

  @LocalServer(name = "orders", staticDsl = true)
  @LocalServer(name = "payments", staticDsl = true)
  static class TwoMarkedTestCase {
    @Test
    void neverRuns() {}
  }
}

package io.github.localserver;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static io.github.localserver.LifecycleTest.assertRefused;
import static io.github.localserver.LifecycleTest.call;
import static io.github.localserver.LocalServerTestKit.describe;
import static io.github.localserver.LocalServerTestKit.reported;
import static io.github.localserver.LocalServerTestKit.reportedOnce;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.TestClassOrder;
import org.junit.jupiter.api.TestReporter;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * Where declarations come from besides the test class itself: enclosing classes of {@code @Nested}
 * classes, superclasses, and custom annotations meta-annotated with {@code @LocalServer}.
 */
// Asserts that ports refuse connections once a run ends; alone, so that no other test's server
// can meanwhile be given one of those port numbers by the OS.
@Isolated
class NestedAndInheritedDeclarationsTest {

  @Test
  void nestedClassesSeeTheOuterServerAddTheirOwnAndReplaceItByName() {
    EngineExecutionResults results = LocalServerTestKit.run(NestingTestCase.class);

    assertSucceeded(results, 5);
    String outer = reportedOnce(results, "outer");
    assertThat(reported(results, "with a baseline")).containsExactly(outer, outer);
    assertThat(reportedOnce(results, "beside its own: outer")).isEqualTo(outer);
    String inner = reportedOnce(results, "beside its own: inner");
    String replacing = reportedOnce(results, "replacing");
    // Servers that run at the same time have different ports.
    assertThat(inner).isNotEqualTo(outer);
    assertThat(replacing).isNotEqualTo(outer);
    List.of(outer, inner, replacing).forEach(port -> assertRefused(Integer.parseInt(port)));
  }

  @LocalServer
  @TestClassOrder(ClassOrderer.OrderAnnotation.class)
  static class NestingTestCase {
    @Test
    void outer(LocalHttpServer server, TestReporter reporter) {
      reporter.publishEntry("outer", String.valueOf(server.port()));
    }

    @Nested
    @Order(1)
    class WithABaseline {
      @BeforeAll
      static void baseline(LocalHttpServer server) {
        server.stubFor(get("/nested-baseline").willReturn(ok("nested")));
      }

      @Test
      void first(LocalHttpServer server, TestReporter reporter) throws IOException {
        keepsTheBaselineOnly(server, reporter);
      }

      @Test
      void second(LocalHttpServer server, TestReporter reporter) throws IOException {
        keepsTheBaselineOnly(server, reporter);
      }

      private void keepsTheBaselineOnly(LocalHttpServer server, TestReporter reporter) throws IOException {
        reporter.publishEntry("with a baseline", String.valueOf(server.port()));
        assertThat(server.wireMock().allStubMappings().getMappings()).hasSize(1);
        assertThat(call(server, "/nested-baseline")).isEqualTo("200 nested");
        server.stubFor(get("/mine").willReturn(ok("mine")));
        server.reset(); // back to this nested class's baseline, not the outer class's
        assertThat(server.wireMock().allStubMappings().getMappings()).hasSize(1);
        assertThat(call(server, "/nested-baseline")).isEqualTo("200 nested");
        server.stubFor(get("/mine").willReturn(ok("mine")));
      }
    }

    /** Runs after {@link WithABaseline}: its baseline must not outlive it on the outer server. */
    @Nested
    @Order(2)
    @LocalServer(name = "inner")
    class BesideItsOwn {
      @Test
      void seesBoth(LocalHttpServer outer, @Server("inner") LocalHttpServer inner, TestReporter reporter) {
        reporter.publishEntry("beside its own: outer", String.valueOf(outer.port()));
        reporter.publishEntry("beside its own: inner", String.valueOf(inner.port()));
        assertThat(outer.name()).isEmpty();
        assertThat(inner.name()).isEqualTo("inner");
        assertThat(outer.wireMock().allStubMappings().getMappings()).isEmpty();
      }
    }

    @Nested
    @Order(3)
    @LocalServer
    class Replacing {
      @Test
      void seesItsOwn(LocalHttpServer server, @ServerPort int port, TestReporter reporter) throws IOException {
        assertThat(port).isEqualTo(server.port());
        reporter.publishEntry("replacing", String.valueOf(port));
        // The one server in scope is this class's, so WireMock's static DSL points at it.
        WireMock.stubFor(get("/static").willReturn(ok("static")));
        assertThat(call(server, "/static")).isEqualTo("200 static");
      }
    }
  }

  /**
   * Run concurrently, the outer class's tests and the nested class (its {@code @BeforeAll} and its
   * tests) overlap: each must still see only its own class's baseline.
   */
  @Test
  void aNestedBaselineStaysInsideTheNestedClassUnderParallelExecution() {
    EngineExecutionResults results = LocalServerTestKit.runParallel(4, ConcurrentNestingTestCase.class);

    assertSucceeded(results, 8);
  }

  @LocalServer(failOnUnmatched = false)
  static class ConcurrentNestingTestCase {
    @BeforeAll
    static void baseline(LocalHttpServer server) {
      server.stubFor(get("/outer-baseline").willReturn(ok("outer")));
    }

    @RepeatedTest(4)
    void outer(LocalHttpServer server) throws IOException {
      assertThat(server.wireMock().allStubMappings().getMappings()).hasSize(1);
      assertThat(call(server, "/outer-baseline")).isEqualTo("200 outer");
      assertThat(call(server, "/nested-baseline")).startsWith("404");
      server.stubFor(get("/mine").willReturn(ok("mine")));
    }

    @Nested
    class Inner {
      @BeforeAll
      static void baseline(LocalHttpServer server) {
        server.stubFor(get("/nested-baseline").willReturn(ok("nested")));
      }

      @RepeatedTest(4)
      void inner(LocalHttpServer server) throws IOException {
        assertThat(server.wireMock().allStubMappings().getMappings()).hasSize(2);
        assertThat(call(server, "/outer-baseline")).isEqualTo("200 outer");
        assertThat(call(server, "/nested-baseline")).isEqualTo("200 nested");
        server.stubFor(get("/mine").willReturn(ok("mine")));
      }
    }
  }

  @Test
  void aServerDeclaredOnAnAbstractBaseClassServesItsSubclasses() {
    EngineExecutionResults results = LocalServerTestKit.run(InheritingTestCase.class);

    assertSucceeded(results, 2);
    List<String> ports = reported(results, "base");
    assertThat(ports).hasSize(2).containsOnly(ports.get(0));
  }

  @Test
  void aSubclassAddsServersToThoseItInherits() {
    EngineExecutionResults results = LocalServerTestKit.run(ExtendingTestCase.class);

    assertSucceeded(results, 2);
    List<String> base = reported(results, "base");
    assertThat(base).hasSize(2).containsOnly(base.get(0));
    assertThat(reportedOnce(results, "sub")).isNotEqualTo(base.get(0));
  }

  @LocalServer(name = "base")
  abstract static class ServerDeclaringBase {
    @Test
    void inherited(@Server("base") LocalHttpServer base, TestReporter reporter) {
      assertThat(base.name()).isEqualTo("base");
      reporter.publishEntry("base", String.valueOf(base.port()));
    }
  }

  static class InheritingTestCase extends ServerDeclaringBase {
    @Test
    void own(LocalHttpServer onlyServer, TestReporter reporter) {
      assertThat(onlyServer.name()).isEqualTo("base");
      reporter.publishEntry("base", String.valueOf(onlyServer.port()));
    }
  }

  @LocalServer(name = "sub")
  static class ExtendingTestCase extends ServerDeclaringBase {
    @Test
    void both(@Server("base") LocalHttpServer base, @Server("sub") LocalHttpServer sub, TestReporter reporter) {
      assertThat(sub.name()).isEqualTo("sub");
      reporter.publishEntry("base", String.valueOf(base.port()));
      reporter.publishEntry("sub", String.valueOf(sub.port()));
    }
  }

  @Test
  void aCustomAnnotationMetaAnnotatedWithLocalServerDeclaresItsServers() {
    EngineExecutionResults results = LocalServerTestKit.run(ComposedTestCase.class);

    assertSucceeded(results, 1);
    assertThat(reportedOnce(results, "names")).isEqualTo("orders payments");
  }

  @Test
  void aCustomAnnotationOnATestMethodDeclaresItsServerForThatTest() {
    EngineExecutionResults results = LocalServerTestKit.run(ComposedOnMethodTestCase.class);

    assertSucceeded(results, 1);
    assertThat(reportedOnce(results, "orders")).isEqualTo("200 {\"id\":1,\"item\":\"book\"}\n");
  }

  @Target({ElementType.TYPE, ElementType.METHOD})
  @Retention(RetentionPolicy.RUNTIME)
  @LocalServer(name = "orders", mappings = "stubs/orders")
  @interface OrdersApi {}

  @Target({ElementType.TYPE, ElementType.METHOD})
  @Retention(RetentionPolicy.RUNTIME)
  @LocalServer(name = "orders")
  @LocalServer(name = "payments")
  @interface CheckoutApis {}

  @CheckoutApis
  static class ComposedTestCase {
    @Test
    void declared(
        @Server("orders") LocalHttpServer orders, @Server("payments") LocalHttpServer payments, TestReporter reporter) {
      assertThat(orders.port()).isNotEqualTo(payments.port());
      reporter.publishEntry("names", orders.name() + " " + payments.name());
    }
  }

  static class ComposedOnMethodTestCase {
    @Test
    @OrdersApi
    void declared(@Server("orders") LocalHttpServer orders, TestReporter reporter) throws IOException {
      reporter.publishEntry("orders", call(orders, "/orders/1"));
    }
  }

  private static void assertSucceeded(EngineExecutionResults results, long tests) {
    assertThat(results.allEvents().failed().count()).as(describe(results)).isZero();
    assertThat(results.testEvents().succeeded().count()).as(describe(results)).isEqualTo(tests);
  }
}

package io.github.localserver;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static io.github.localserver.LifecycleTest.call;
import static io.github.localserver.LocalServerTestKit.describe;
import static io.github.localserver.LocalServerTestKit.reported;
import static io.github.localserver.LocalServerTestKit.reportedOnce;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import java.io.IOException;
import java.util.List;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * {@code mappings = "..."}: WireMock stub files from a classpath folder, part of the baseline; and
 * nothing read from the classpath without it. Resources: {@code src/test/resources/stubs/orders},
 * {@code stubs/catalog}, and the decoy {@code mappings/should-not-load.json} at the root.
 */
class MappingsTest {

  private static final String ORDER_1 = "{\"id\":1,\"item\":\"book\"}\n";

  @Test
  void stubFilesAreLoadedAtStartAndSurviveEveryReset() {
    EngineExecutionResults results = LocalServerTestKit.run(OrdersTestCase.class);

    assertSucceeded(results, 2);
    assertThat(reportedOnce(results, "@BeforeAll")).isEqualTo("200 " + ORDER_1);
    assertThat(reported(results, "content type")).containsExactly("application/json", "application/json");
  }

  @LocalServer(mappings = "stubs/orders", failOnUnmatched = false)
  static class OrdersTestCase {
    @BeforeAll
    static void baseline(LocalHttpServer server, TestReporter reporter) throws IOException {
      reporter.publishEntry("@BeforeAll", call(server, "/orders/1"));
      server.stubFor(get("/orders/2").willReturn(ok("two")));
    }

    @Test
    void first(LocalHttpServer server, TestReporter reporter) throws IOException {
      keepsFileAndBaselineStubs(server, reporter);
    }

    @Test
    void second(LocalHttpServer server, TestReporter reporter) throws IOException {
      keepsFileAndBaselineStubs(server, reporter);
    }

    private static void keepsFileAndBaselineStubs(LocalHttpServer server, TestReporter reporter) throws IOException {
      assertThat(stubNames(server)).containsExactlyInAnyOrder("get-order", null);
      Request order = new Request.Builder().url(server.url("/orders/1")).build();
      try (Response response = server.client().newCall(order).execute()) {
        assertThat(response.code()).isEqualTo(200);
        assertThat(response.body().string()).isEqualTo(ORDER_1);
        reporter.publishEntry("content type", response.header("Content-Type"));
      }
      server.stubFor(get("/orders/3").withName("mine").willReturn(ok("three")));
      assertThat(call(server, "/orders/3")).isEqualTo("200 three");

      server.reset();

      assertThat(stubNames(server)).containsExactlyInAnyOrder("get-order", null);
      assertThat(call(server, "/orders/1")).isEqualTo("200 " + ORDER_1);
      assertThat(call(server, "/orders/2")).isEqualTo("200 two");
      assertThat(call(server, "/orders/3")).startsWith("404");
      server.stubFor(get("/orders/3").withName("mine").willReturn(ok("three")));
    }
  }

  @Test
  void loadsEveryStubFileBelowMappingsWithBodiesFromFiles() {
    EngineExecutionResults results = LocalServerTestKit.run(CatalogTestCase.class);

    assertSucceeded(results, 2);
  }

  /** Files in subfolders, several stubs per file, a body file in a subfolder, a scenario. */
  @LocalServer(mappings = "stubs/catalog")
  static class CatalogTestCase {
    @Test
    void first(LocalHttpServer server) throws IOException {
      servesTheCatalogWithAFreshScenario(server);
    }

    @Test
    void second(LocalHttpServer server) throws IOException {
      servesTheCatalogWithAFreshScenario(server);
    }

    private static void servesTheCatalogWithAFreshScenario(LocalHttpServer server) throws IOException {
      assertThat(stubNames(server)).containsExactlyInAnyOrder("list-items", "create-item", "stock-first", "stock-then");
      assertThat(call(server, "/items")).isEqualTo("200 [{\"id\":1},{\"id\":2}]");
      Request create =
          new Request.Builder()
              .url(server.url("/items"))
              .post(RequestBody.create("{}", MediaType.get("application/json")))
              .build();
      try (Response response = server.client().newCall(create).execute()) {
        assertThat(response.code()).isEqualTo(201);
      }
      assertThat(call(server, "/stock")).isEqualTo("200 in stock");
      assertThat(call(server, "/stock")).isEqualTo("200 sold out");
    }
  }

  @Test
  void eachPerMethodServerLoadsTheFilesAgain() {
    EngineExecutionResults results = LocalServerTestKit.run(PerMethodTestCase.class);

    assertSucceeded(results, 2);
    assertThat(reported(results, "order")).containsExactly("200 " + ORDER_1, "200 " + ORDER_1);
  }

  static class PerMethodTestCase {
    @RegisterExtension
    static LocalServerExtension orders =
        LocalServerExtension.builder().mappings("stubs/orders").lifecycle(Lifecycle.PER_METHOD).build();

    @Test
    void first(TestReporter reporter) throws IOException {
      hasTheFileStubsOnly(reporter);
    }

    @Test
    void second(TestReporter reporter) throws IOException {
      hasTheFileStubsOnly(reporter);
    }

    /** Leaves a stub behind; the next test must find the file stubs only. */
    private static void hasTheFileStubsOnly(TestReporter reporter) throws IOException {
      assertThat(stubNames(orders)).containsExactly("get-order");
      reporter.publishEntry("order", call(orders, "/orders/1"));
      orders.stubFor(get("/orders/2").willReturn(ok("two")));
    }
  }

  @Test
  void withoutMappingsNothingIsReadFromTheClasspath() {
    EngineExecutionResults results = LocalServerTestKit.run(NoMappingsTestCase.class);

    assertSucceeded(results, 1);
    assertThat(reportedOnce(results, "/should-not-load")).startsWith("404");
  }

  /** src/test/resources/mappings/should-not-load.json exists, in WireMock's default location. */
  @LocalServer(failOnUnmatched = false)
  static class NoMappingsTestCase {
    @Test
    void findsNoStubs(LocalHttpServer server, TestReporter reporter) throws IOException {
      assertThat(server.wireMock().allStubMappings().getMappings()).isEmpty();
      reporter.publishEntry("/should-not-load", call(server, "/should-not-load"));
    }
  }

  @Test
  void theClasspathRootIsWireMocksOwnLayout() {
    for (String root : new String[] {"/", "classpath:/"}) {
      EngineExecutionResults results =
          root.equals("/") ? LocalServerTestKit.run(RootMappingsTestCase.class) : LocalServerTestKit.run(ClasspathRootMappingsTestCase.class);

      assertSucceeded(results, 1);
      assertThat(reportedOnce(results, "/should-not-load")).as(root).startsWith("200 this stub is outside any mappings folder");
    }
  }

  @Test
  void aMissingBodyFileIsAnsweredWithAMessageAndReported() {
    EngineExecutionResults results = LocalServerTestKit.run(MissingBodyFileTestCase.class);

    assertThat(results.testEvents().failed().count()).as(LocalServerTestKit.describe(results)).isEqualTo(1);
    assertThat(reportedOnce(results, "answer"))
        .isEqualTo(
            "500 LocalServer: the stub's body file \"missing.json\" does not exist; put it in"
                + " src/test/resources/stubs/orders/__files/missing.json\n");
    assertThat(reportedOnce(results, "LocalServer")).contains("GET /missing -> 500");
  }

  @LocalServer(mappings = "stubs/orders")
  static class MissingBodyFileTestCase {
    @Test
    void asksForIt(LocalHttpServer server, TestReporter reporter) throws IOException {
      server.stubFor(get("/missing").willReturn(aResponse().withBodyFile("missing.json")));
      String answer = call(server, "/missing");
      reporter.publishEntry("answer", answer);
      assertThat(answer).startsWith("200");
    }
  }

  /** mappings = "/": src/test/resources/mappings and __files, where WireMock looks by default. */
  @LocalServer(mappings = "/")
  static class RootMappingsTestCase {
    @Test
    void findsTheRootStubs(LocalHttpServer server, TestReporter reporter) throws IOException {
      reporter.publishEntry("/should-not-load", call(server, "/should-not-load"));
    }
  }

  @LocalServer(mappings = "classpath:/")
  static class ClasspathRootMappingsTestCase extends RootMappingsTestCase {}

  /**
   * Classes with different stub folders (or none), run one after another, each see exactly their
   * own stubs (their servers are started ahead with their own folder, never handed on).
   */
  @Test
  void classesWithDifferentStubFoldersInOneRunSeeOnlyTheirOwn() {
    EngineExecutionResults results =
        LocalServerTestKit.runParallel(
            1, OrdersTestCase.class, NoMappingsTestCase.class, CatalogTestCase.class);

    assertSucceeded(results, 5);
  }

  /** Proves the decoy above can catch something: WireMock's own extension does load it. */
  @Test
  void theDecoyIsWhereWireMockItselfLooks() {
    EngineExecutionResults results = LocalServerTestKit.run(DecoyUnderWireMockTestCase.class);

    assertSucceeded(results, 1);
  }

  @WireMockTest
  static class DecoyUnderWireMockTestCase {
    @Test
    void loadsTheDecoy() {
      assertThat(WireMock.listAllStubMappings().getMappings())
          .map(stub -> stub.getRequest().getUrl())
          .containsExactly("/should-not-load");
    }
  }

  private static List<String> stubNames(LocalHttpServer server) {
    return server.wireMock().allStubMappings().getMappings().stream().map(StubMapping::getName).toList();
  }

  private static void assertSucceeded(EngineExecutionResults results, long tests) {
    assertThat(results.allEvents().failed().count()).as(describe(results)).isZero();
    assertThat(results.testEvents().succeeded().count()).as(describe(results)).isEqualTo(tests);
  }
}

package io.github.localserver;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.github.localserver.LocalServerTestKit.describe;
import static io.github.localserver.LocalServerTestKit.reported;
import static io.github.localserver.LocalServerTestKit.reportedOnce;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestReporter;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * Everything {@code LocalServerExtension} can inject, and everywhere it can inject it: test and
 * lifecycle methods, constructors, static and instance fields, qualified by name or not.
 */
class InjectionTest {

  private static final Pattern BASE_URL = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)");

  @Test
  void injectsTheHandleTheBaseUrlInEveryTypeAndThePort() {
    EngineExecutionResults results = LocalServerTestKit.run(ParameterTypesTestCase.class);

    assertSucceeded(results, 1);
    String baseUrl = reportedOnce(results, "baseUrl");
    Matcher matcher = BASE_URL.matcher(baseUrl);
    assertThat(matcher.matches()).as(baseUrl).isTrue();
    String port = matcher.group(1);
    assertThat(reportedOnce(results, "String")).isEqualTo(baseUrl);
    assertThat(reportedOnce(results, "URI")).isEqualTo(baseUrl);
    assertThat(reportedOnce(results, "URL")).isEqualTo(baseUrl);
    // HttpUrl always has a path, so it prints the base URL with "/"; it equals HttpUrl.get(baseUrl).
    assertThat(reportedOnce(results, "HttpUrl")).isEqualTo(baseUrl + "/");
    assertThat(reportedOnce(results, "HttpUrl equals HttpUrl.get(baseUrl)")).isEqualTo("true");
    assertThat(reportedOnce(results, "int")).isEqualTo(port);
    assertThat(reportedOnce(results, "Integer")).isEqualTo(port);
    assertThat(reportedOnce(results, "port()")).isEqualTo(port);
  }

  @LocalServer
  static class ParameterTypesTestCase {
    @Test
    void injects(
        LocalHttpServer server,
        @ServerUrl String string,
        @ServerUrl URI uri,
        @ServerUrl URL url,
        @ServerUrl HttpUrl httpUrl,
        @ServerPort int port,
        @ServerPort Integer boxedPort,
        TestReporter reporter) {
      reporter.publishEntry("baseUrl", server.baseUrl());
      reporter.publishEntry("port()", String.valueOf(server.port()));
      reporter.publishEntry("String", string);
      reporter.publishEntry("URI", uri.toString());
      reporter.publishEntry("URL", url.toString());
      reporter.publishEntry("HttpUrl", httpUrl.toString());
      reporter.publishEntry(
          "HttpUrl equals HttpUrl.get(baseUrl)", String.valueOf(httpUrl.equals(HttpUrl.get(server.baseUrl()))));
      reporter.publishEntry("int", String.valueOf(port));
      reporter.publishEntry("Integer", String.valueOf(boxedPort));
    }
  }

  @Test
  void injectsAnOkHttpClientThatReachesTheServerNeverRetriesAndTimesOut() {
    EngineExecutionResults results = LocalServerTestKit.run(OkHttpClientTestCase.class);

    assertSucceeded(results, 1);
    assertThat(reportedOnce(results, "body")).isEqualTo("from okhttp");
    assertThat(reportedOnce(results, "retryOnConnectionFailure")).isEqualTo("false");
    assertThat(reportedOnce(results, "same as client()")).isEqualTo("true");
    // 0 means "no timeout" to OkHttp; every timeout must be finite.
    assertThat(reportedOnce(results, "timeouts").split("/"))
        .hasSize(4)
        .allSatisfy(millis -> assertThat(Integer.parseInt(millis)).isPositive());
  }

  @LocalServer
  static class OkHttpClientTestCase {
    @Test
    void calls(LocalHttpServer server, OkHttpClient http, TestReporter reporter) throws IOException {
      server.stubFor(get("/ok").willReturn(ok("from okhttp")));
      try (Response response = http.newCall(new Request.Builder().url(server.url("/ok")).build()).execute()) {
        reporter.publishEntry("body", response.body().string());
      }
      reporter.publishEntry("retryOnConnectionFailure", String.valueOf(http.retryOnConnectionFailure()));
      reporter.publishEntry("same as client()", String.valueOf(http == server.client()));
      reporter.publishEntry(
          "timeouts",
          http.connectTimeoutMillis()
              + "/"
              + http.readTimeoutMillis()
              + "/"
              + http.writeTimeoutMillis()
              + "/"
              + http.callTimeoutMillis());
    }
  }

  @Test
  void injectsAJdkHttpClientThatReachesTheServer() {
    EngineExecutionResults results = LocalServerTestKit.run(JdkHttpClientTestCase.class);

    assertSucceeded(results, 1);
    assertThat(reportedOnce(results, "body")).isEqualTo("from the JDK");
    assertThat(reportedOnce(results, "connectTimeout")).isEqualTo("true");
    assertThat(reportedOnce(results, "same as httpClient()")).isEqualTo("true");
  }

  @LocalServer
  static class JdkHttpClientTestCase {
    @Test
    void calls(LocalHttpServer server, HttpClient http, TestReporter reporter) throws Exception {
      server.stubFor(get("/jdk").willReturn(ok("from the JDK")));
      HttpResponse<String> response =
          http.send(HttpRequest.newBuilder(server.uri("/jdk")).build(), HttpResponse.BodyHandlers.ofString());
      reporter.publishEntry("body", response.body());
      reporter.publishEntry("connectTimeout", String.valueOf(http.connectTimeout().isPresent()));
      reporter.publishEntry("same as httpClient()", String.valueOf(http == server.httpClient()));
    }
  }

  @Test
  void injectsWireMocksDslClientBoundToTheServer() {
    EngineExecutionResults results = LocalServerTestKit.run(WireMockDslTestCase.class);

    assertSucceeded(results, 1);
    assertThat(reportedOnce(results, "body")).isEqualTo("via the DSL");
  }

  @LocalServer
  static class WireMockDslTestCase {
    @Test
    void stubsThroughTheDsl(WireMock wireMock, OkHttpClient http, @ServerUrl String url, TestReporter reporter)
        throws IOException {
      wireMock.register(get("/dsl").willReturn(ok("via the DSL")));
      try (Response response = http.newCall(new Request.Builder().url(url + "/dsl").build()).execute()) {
        reporter.publishEntry("body", response.body().string());
      }
      wireMock.verifyThat(1, getRequestedFor(urlEqualTo("/dsl")));
    }
  }

  @Test
  void injectsWireMockRuntimeInfoWithTheLiteralLoopbackAddress() {
    EngineExecutionResults results = LocalServerTestKit.run(RuntimeInfoTestCase.class);

    assertSucceeded(results, 1);
    String baseUrl = reportedOnce(results, "baseUrl");
    assertThat(baseUrl).matches(BASE_URL);
    assertThat(reportedOnce(results, "getHttpBaseUrl")).isEqualTo(baseUrl);
    assertThat(reportedOnce(results, "getHttpPort")).isEqualTo(reportedOnce(results, "port"));
    assertThat(reportedOnce(results, "isHttpEnabled")).isEqualTo("true");
    assertThat(reportedOnce(results, "body")).isEqualTo("via runtime info");
  }

  @LocalServer
  static class RuntimeInfoTestCase {
    @Test
    void describesTheServer(LocalHttpServer server, WireMockRuntimeInfo info, TestReporter reporter)
        throws IOException {
      reporter.publishEntry("baseUrl", server.baseUrl());
      reporter.publishEntry("port", String.valueOf(server.port()));
      reporter.publishEntry("getHttpBaseUrl", info.getHttpBaseUrl());
      reporter.publishEntry("getHttpPort", String.valueOf(info.getHttpPort()));
      reporter.publishEntry("isHttpEnabled", String.valueOf(info.isHttpEnabled()));
      info.getWireMock().register(get("/info").willReturn(ok("via runtime info")));
      try (Response response =
          server.client().newCall(new Request.Builder().url(info.getHttpBaseUrl() + "/info").build()).execute()) {
        reporter.publishEntry("body", response.body().string());
      }
    }
  }

  @Test
  void injectsIntoEveryLifecycleMethodTheSameClassServer() {
    EngineExecutionResults results = LocalServerTestKit.run(LifecycleMethodsTestCase.class);

    assertSucceeded(results, 2);
    String port = reportedOnce(results, "@BeforeAll");
    assertThat(port).isEqualTo(reportedOnce(results, "@AfterAll"));
    assertThat(reported(results, "@BeforeEach")).containsExactly(port, port);
    assertThat(reported(results, "@Test")).containsExactly(port, port);
    assertThat(reported(results, "@AfterEach")).containsExactly(port, port);
  }

  @LocalServer
  static class LifecycleMethodsTestCase {
    @BeforeAll
    static void beforeAll(LocalHttpServer server, @ServerPort int port, TestReporter reporter) {
      assertThat(server.port()).isEqualTo(port);
      reporter.publishEntry("@BeforeAll", String.valueOf(port));
    }

    @BeforeEach
    void beforeEach(LocalHttpServer server, @ServerUrl String url, TestReporter reporter) {
      assertThat(url).isEqualTo(server.baseUrl());
      reporter.publishEntry("@BeforeEach", String.valueOf(server.port()));
    }

    @Test
    void first(@ServerPort int port, TestReporter reporter) {
      reporter.publishEntry("@Test", String.valueOf(port));
    }

    @Test
    void second(@ServerPort int port, TestReporter reporter) {
      reporter.publishEntry("@Test", String.valueOf(port));
    }

    @AfterEach
    void afterEach(@ServerPort Integer port, WireMockRuntimeInfo info, TestReporter reporter) {
      assertThat(info.getHttpPort()).isEqualTo(port);
      reporter.publishEntry("@AfterEach", String.valueOf(port));
    }

    @AfterAll
    static void afterAll(@ServerUrl URI uri, TestReporter reporter) {
      reporter.publishEntry("@AfterAll", String.valueOf(uri.getPort()));
    }
  }

  @Test
  void injectsIntoInstanceLifecycleMethodsAndTheConstructorOfAPerClassInstance() {
    EngineExecutionResults results = LocalServerTestKit.run(PerClassInstanceTestCase.class);

    assertSucceeded(results, 2);
    String port = reportedOnce(results, "@BeforeAll");
    assertThat(reportedOnce(results, "@AfterAll")).isEqualTo(port);
    assertThat(reported(results, "constructor")).containsExactly(port, port);
    assertThat(reported(results, "@Test")).containsExactly(port, port);
  }

  @LocalServer
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  static class PerClassInstanceTestCase {
    private final int constructorPort;

    PerClassInstanceTestCase(LocalHttpServer server, @ServerPort int port) {
      assertThat(server.port()).isEqualTo(port);
      this.constructorPort = port;
    }

    @BeforeAll
    void beforeAll(@ServerPort int port, TestReporter reporter) {
      reporter.publishEntry("@BeforeAll", String.valueOf(port));
    }

    @Test
    void first(@ServerPort int port, TestReporter reporter) {
      reporter.publishEntry("constructor", String.valueOf(constructorPort));
      reporter.publishEntry("@Test", String.valueOf(port));
    }

    @Test
    void second(@ServerPort int port, TestReporter reporter) {
      reporter.publishEntry("constructor", String.valueOf(constructorPort));
      reporter.publishEntry("@Test", String.valueOf(port));
    }

    @AfterAll
    void afterAll(LocalHttpServer server, TestReporter reporter) {
      reporter.publishEntry("@AfterAll", String.valueOf(server.port()));
    }
  }

  @Test
  void injectsIntoTheConstructorTheClassServerAndEachTestsOwnServer() {
    EngineExecutionResults results = LocalServerTestKit.run(ConstructorTestCase.class);

    assertSucceeded(results, 2);
    List<String> shared = reported(results, "shared in constructor");
    assertThat(shared).hasSize(2);
    assertThat(shared.get(0)).isEqualTo(shared.get(1));
    assertThat(reported(results, "fresh in constructor")).hasSize(2).doesNotContain(shared.get(0));
  }

  @LocalServer(name = "shared")
  @LocalServer(name = "fresh", lifecycle = Lifecycle.PER_METHOD)
  static class ConstructorTestCase {
    private final int shared;
    private final LocalHttpServer fresh;

    ConstructorTestCase(@ServerPort("shared") int shared, @Server("fresh") LocalHttpServer fresh) {
      this.shared = shared;
      this.fresh = fresh;
    }

    @Test
    void first(@Server("fresh") LocalHttpServer fresh, TestReporter reporter) {
      report(fresh, reporter);
    }

    @Test
    void second(@Server("fresh") LocalHttpServer fresh, TestReporter reporter) {
      report(fresh, reporter);
    }

    /** A new instance per test: its constructor got that test's own server. */
    private void report(LocalHttpServer freshInTest, TestReporter reporter) {
      assertThat(fresh).isSameAs(freshInTest);
      reporter.publishEntry("shared in constructor", String.valueOf(shared));
      reporter.publishEntry("fresh in constructor", String.valueOf(fresh.port()));
    }
  }

  @Test
  void injectsStaticFieldsBeforeBeforeAllAndInstanceFieldsBeforeEachTest() {
    EngineExecutionResults results = LocalServerTestKit.run(FieldsTestCase.class);

    assertSucceeded(results, 2);
    String sharedUrl = reportedOnce(results, "static url in @BeforeAll");
    Matcher matcher = BASE_URL.matcher(sharedUrl);
    assertThat(matcher.matches()).as(sharedUrl).isTrue();
    assertThat(reportedOnce(results, "static port in @BeforeAll")).isEqualTo(matcher.group(1));
    assertThat(reportedOnce(results, "static handle in @BeforeAll")).isEqualTo(sharedUrl);
    assertThat(reported(results, "static url in test")).containsExactly(sharedUrl, sharedUrl);
    assertThat(reported(results, "instance port of shared")).containsExactly(matcher.group(1), matcher.group(1));
    List<String> freshUrls = reported(results, "instance url of fresh");
    assertThat(freshUrls).hasSize(2).doesNotContain(sharedUrl);
    assertThat(reported(results, "fresh url as parameter")).isEqualTo(freshUrls);
  }

  @LocalServer(name = "shared")
  @LocalServer(name = "fresh", lifecycle = Lifecycle.PER_METHOD)
  static class FieldsTestCase {
    @ServerUrl("shared")
    static String sharedUrl;

    @ServerPort("shared")
    static int sharedPort;

    @Server("shared")
    static LocalHttpServer sharedServer;

    @ServerPort("shared")
    Integer sharedPortOfInstance;

    @ServerUrl("fresh")
    String freshUrl;

    @Server("fresh")
    LocalHttpServer fresh;

    @Server("fresh")
    OkHttpClient freshClient;

    @Server("fresh")
    WireMock freshDsl;

    @BeforeAll
    static void beforeAll(TestReporter reporter) {
      reporter.publishEntry("static url in @BeforeAll", sharedUrl);
      reporter.publishEntry("static port in @BeforeAll", String.valueOf(sharedPort));
      reporter.publishEntry("static handle in @BeforeAll", sharedServer.baseUrl());
    }

    @Test
    void first(@Server("fresh") LocalHttpServer freshParameter, TestReporter reporter) {
      report(freshParameter, reporter);
    }

    @Test
    void second(@Server("fresh") LocalHttpServer freshParameter, TestReporter reporter) {
      report(freshParameter, reporter);
    }

    /** The instance fields hold this test's own server, the one its parameters get. */
    private void report(LocalHttpServer freshParameter, TestReporter reporter) {
      assertThat(fresh).isSameAs(freshParameter);
      assertThat(freshClient).isSameAs(fresh.client());
      freshDsl.register(get("/through-the-field").willReturn(ok()));
      assertThat(fresh.wireMock().allStubMappings().getMappings()).hasSize(1);
      reporter.publishEntry("static url in test", sharedUrl);
      reporter.publishEntry("instance port of shared", String.valueOf(sharedPortOfInstance));
      reporter.publishEntry("instance url of fresh", freshUrl);
      reporter.publishEntry("fresh url as parameter", freshParameter.baseUrl());
    }
  }

  @Test
  void injectsFieldsDeclaredInASuperclass() {
    EngineExecutionResults results = LocalServerTestKit.run(InheritedFieldsTestCase.class);

    assertSucceeded(results, 1);
    assertThat(reportedOnce(results, "static")).isEqualTo(reportedOnce(results, "instance")).matches(BASE_URL);
  }

  abstract static class FieldsDeclaringBase {
    @ServerUrl static String staticUrl;

    @Server LocalHttpServer server;
  }

  @LocalServer
  static class InheritedFieldsTestCase extends FieldsDeclaringBase {
    @Test
    void reads(TestReporter reporter) {
      reporter.publishEntry("static", staticUrl);
      reporter.publishEntry("instance", server.baseUrl());
    }
  }

  @Test
  void injectsIntoNestedClassesConstructorsAndFieldsAndTheOuterInstance() {
    EngineExecutionResults results = LocalServerTestKit.run(NestedInjectionTestCase.class);

    assertSucceeded(results, 2);
    String shared = reportedOnce(results, "static field of the nested class");
    assertThat(shared).matches(BASE_URL);
    assertThat(reported(results, "constructor of the nested class")).containsExactly(shared, shared);
    assertThat(reported(results, "instance field of the outer instance")).hasSize(2).doesNotContain(shared);
  }

  @LocalServer(name = "shared")
  @LocalServer(name = "fresh", lifecycle = Lifecycle.PER_METHOD)
  static class NestedInjectionTestCase {
    @Server("fresh")
    LocalHttpServer outerFresh;

    @Nested
    class Inner {
      @ServerUrl("shared")
      static String sharedUrl;

      private final String sharedInConstructor;

      Inner(@ServerUrl("shared") String shared) {
        this.sharedInConstructor = shared;
      }

      @BeforeAll
      static void beforeAll(TestReporter reporter) {
        reporter.publishEntry("static field of the nested class", sharedUrl);
      }

      @Test
      void first(@Server("fresh") LocalHttpServer fresh, TestReporter reporter) {
        report(fresh, reporter);
      }

      @Test
      void second(@Server("fresh") LocalHttpServer fresh, TestReporter reporter) {
        report(fresh, reporter);
      }

      private void report(LocalHttpServer fresh, TestReporter reporter) {
        assertThat(outerFresh).isSameAs(fresh);
        reporter.publishEntry("constructor of the nested class", sharedInConstructor);
        reporter.publishEntry("instance field of the outer instance", outerFresh.baseUrl());
      }
    }
  }

  @Test
  void injectsIntoTestFactoriesForTheirDynamicTests() {
    EngineExecutionResults results = LocalServerTestKit.run(TestFactoryTestCase.class);

    assertSucceeded(results, 2);
    assertThat(reported(results, "body")).containsExactly("200 one", "200 two");
  }

  @LocalServer
  static class TestFactoryTestCase {
    @TestFactory
    Stream<DynamicTest> calls(LocalHttpServer server, TestReporter reporter) {
      server.stubFor(get("/one").willReturn(ok("one")));
      server.stubFor(get("/two").willReturn(ok("two")));
      return Stream.of("one", "two")
          .map(path -> dynamicTest(path, () -> reporter.publishEntry("body", LifecycleTest.call(server, "/" + path))));
    }
  }

  @Test
  void injectsInstanceFieldsOfAPerClassInstanceAgainBeforeEachTest() {
    EngineExecutionResults results = LocalServerTestKit.run(PerClassInstanceFieldsTestCase.class);

    assertSucceeded(results, 2);
    List<String> fields = reported(results, "field");
    assertThat(fields).hasSize(2);
    assertThat(reported(results, "parameter")).isEqualTo(fields);
  }

  /** One instance for both tests: its fields must be set again to each test's own server. */
  @LocalServer(lifecycle = Lifecycle.PER_METHOD)
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  static class PerClassInstanceFieldsTestCase {
    @ServerUrl
    String url;

    @Server
    LocalHttpServer server;

    @Test
    void first(LocalHttpServer parameter, TestReporter reporter) {
      assertThat(server).isSameAs(parameter);
      reporter.publishEntry(Map.of("field", url, "parameter", parameter.baseUrl()));
    }

    @Test
    void second(LocalHttpServer parameter, TestReporter reporter) {
      assertThat(server).isSameAs(parameter);
      reporter.publishEntry(Map.of("field", url, "parameter", parameter.baseUrl()));
    }
  }

  @Test
  void qualifiesEveryTypeByServerName() {
    EngineExecutionResults results = LocalServerTestKit.run(QualifiedTestCase.class);

    assertSucceeded(results, 1);
    assertThat(reportedOnce(results, "orders")).isEqualTo("200 from orders");
    assertThat(reportedOnce(results, "payments")).isEqualTo("404");
  }

  @LocalServer(name = "orders")
  @LocalServer(name = "payments", failOnUnmatched = false)
  static class QualifiedTestCase {
    @Test
    void qualifies(
        @Server("payments") LocalHttpServer payments,
        @Server("orders") LocalHttpServer orders,
        @ServerUrl("orders") URI ordersUri,
        @ServerPort("orders") int ordersPort,
        @ServerUrl("payments") String paymentsUrl,
        @ServerPort("payments") Integer paymentsPort,
        @Server("orders") WireMock ordersDsl,
        @Server("orders") WireMockRuntimeInfo ordersInfo,
        @Server("payments") OkHttpClient paymentsClient,
        @Server("payments") HttpClient paymentsJdkClient,
        TestReporter reporter)
        throws IOException {
      assertThat(orders.name()).isEqualTo("orders");
      assertThat(payments.name()).isEqualTo("payments");
      assertThat(ordersPort).isEqualTo(orders.port()).isNotEqualTo(payments.port());
      assertThat(ordersUri).isEqualTo(URI.create(orders.baseUrl()));
      assertThat(paymentsUrl).isEqualTo(payments.baseUrl());
      assertThat(paymentsPort).isEqualTo(payments.port());
      assertThat(ordersInfo.getHttpBaseUrl()).isEqualTo(orders.baseUrl());
      assertThat(paymentsClient).isSameAs(payments.client());
      assertThat(paymentsJdkClient).isSameAs(payments.httpClient());

      ordersDsl.register(get("/which").willReturn(ok("from orders")));
      Request toOrders = new Request.Builder().url(orders.url("/which")).build();
      try (Response response = orders.client().newCall(toOrders).execute()) {
        reporter.publishEntry("orders", response.code() + " " + response.body().string());
      }
      Request toPayments = new Request.Builder().url(paymentsUrl + "/which").build();
      try (Response response = paymentsClient.newCall(toPayments).execute()) {
        reporter.publishEntry("payments", String.valueOf(response.code()));
      }
    }
  }

  @Test
  void meansTheDefaultServerWithoutQualifierWhenSeveralAreDeclared() {
    EngineExecutionResults results = LocalServerTestKit.run(DefaultAmongSeveralTestCase.class);

    assertSucceeded(results, 1);
    assertThat(reportedOnce(results, "name")).isEqualTo("[]");
  }

  @LocalServer(name = "orders")
  @LocalServer
  @LocalServer(name = "payments")
  static class DefaultAmongSeveralTestCase {
    @ServerUrl
    String urlField;

    @Test
    void unqualified(
        LocalHttpServer server,
        @Server LocalHttpServer qualifiedWithEmptyName,
        @ServerUrl String url,
        @ServerPort int port,
        OkHttpClient http,
        WireMockRuntimeInfo info,
        @Server("orders") LocalHttpServer orders,
        @Server("payments") LocalHttpServer payments,
        TestReporter reporter) {
      assertThat(qualifiedWithEmptyName).isSameAs(server);
      assertThat(url).isEqualTo(server.baseUrl()).isEqualTo(urlField);
      assertThat(port).isEqualTo(server.port()).isNotIn(orders.port(), payments.port());
      assertThat(http).isSameAs(server.client()).isNotIn(orders.client(), payments.client());
      assertThat(info.getHttpPort()).isEqualTo(port);
      reporter.publishEntry("name", "[" + server.name() + "]");
    }
  }

  private static void assertSucceeded(EngineExecutionResults results, long tests) {
    assertThat(results.allEvents().failed().count()).as(describe(results)).isZero();
    assertThat(results.testEvents().succeeded().count()).as(describe(results)).isEqualTo(tests);
  }
}

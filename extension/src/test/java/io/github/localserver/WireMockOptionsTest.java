package io.github.localserver;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.localserver.LocalServerTestKit.assertFailure;
import static io.github.localserver.LocalServerTestKit.classFailure;
import static io.github.localserver.LocalServerTestKit.describe;
import static io.github.localserver.LocalServerTestKit.reported;
import static io.github.localserver.LocalServerTestKit.reportedOnce;
import static io.github.localserver.LocalServerTestKit.runInOrder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * WireMock options pass through ({@code builder().options(...)}, {@code @LocalServer(options =
 * ...)}) but the network settings stay LocalServer's; each server gets a copy; a server started
 * ahead with options only goes to a scope that declared the same.
 */
class WireMockOptionsTest {

  // The fixtures' @Order takes effect through LocalServerTestKit.runInOrder, which sets JUnit's
  // ClassOrderer.OrderAnnotation for the run.

  /** Appends " (transformed)" to every body: proves the extension reached the server. */
  public static final class Suffix implements ResponseTransformerV2 {
    static final AtomicInteger MADE = new AtomicInteger();

    public Suffix() {
      MADE.incrementAndGet();
    }

    @Override
    public Response transform(Response response, ServeEvent serveEvent) {
      return Response.Builder.like(response).but().body(response.getBodyAsString() + " (transformed)").build();
    }

    @Override
    public String getName() {
      return "suffix";
    }
  }

  /** The annotation's counterpart. */
  public static final class SuffixOptions implements WireMockOptions {
    @Override
    public WireMockConfiguration options() {
      return wireMockConfig().extensions(new Suffix()).gzipDisabled(true);
    }
  }

  static String body(OkHttpClient http, LocalHttpServer server, String path) throws IOException {
    try (okhttp3.Response response = http.newCall(new Request.Builder().url(server.url(path)).build()).execute()) {
      return response.code() + " " + response.body().string();
    }
  }

  @Test
  void theBuildersOptionsPassThroughToEveryServerOfTheDeclaration() {
    EngineExecutionResults results = LocalServerTestKit.run(BuilderOptionsTestCase.class);

    assertThat(results.testEvents().succeeded().count()).as(describe(results)).isEqualTo(2);
    assertThat(reported(results, "body")).containsExactly("200 hello (transformed)", "200 hello (transformed)");
  }

  @Test
  void theAnnotationsOptionsPassThrough() {
    EngineExecutionResults results = LocalServerTestKit.run(AnnotationOptionsTestCase.class);

    assertThat(results.testEvents().succeeded().count()).as(describe(results)).isEqualTo(1);
    assertThat(reportedOnce(results, "body")).isEqualTo("200 hello (transformed)");
  }

  @Test
  void aServerWithOptionsIsNeverGivenToAScopeWithout() {
    EngineExecutionResults results =
        runInOrder(List.of(AnnotationOptionsTestCase.class, NoOptionsTestCase.class, AnnotationOptionsTestCase.class));

    assertThat(results.testEvents().succeeded().count()).as(describe(results)).isEqualTo(2);
    assertThat(reported(results, "body")).containsExactly("200 hello (transformed)", "200 hello");
  }

  static List<Object[]> networkSettings() {
    String builder = "LocalServerExtension.builder().options(...) sets ";
    return List.of(
        new Object[] {wireMockConfig().port(8089), builder + "the port (8089), which LocalServer decides; use port(8089) instead"},
        new Object[] {wireMockConfig().dynamicHttpsPort(), builder + "an HTTPS port or disables HTTP, which LocalServer decides; use https(true) instead"},
        new Object[] {wireMockConfig().bindAddress("0.0.0.0").port(0).bindAddress("10.0.0.5"), builder + "the bind address (10.0.0.5), which LocalServer decides; use host(\"10.0.0.5\") instead"},
        new Object[] {wireMockConfig().keystorePath("/tmp/my.jks"), builder + "a keystore; LocalServer makes the certificate itself (and its clients trust it): remove the keystore settings and use https(true)"},
        new Object[] {wireMockConfig().usingFilesUnderDirectory("src/test/resources/wiremock"), builder + "the file root (src/test/resources/wiremock); name a classpath folder holding mappings/ and __files/ with mappings(\"folder\") instead (\"/\" for the classpath root, WireMock's src/test/resources layout)"});
  }

  @ParameterizedTest
  @MethodSource("networkSettings")
  void networkSettingsInTheOptionsFailNamingTheBuilderMethodToUse(WireMockConfiguration options, String message) {
    assertThatThrownBy(() -> LocalServerExtension.builder().options(options).build())
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessage(message);
  }

  @Test
  void aDynamicPortInTheOptionsIsWhatLocalServerDoesAnyway() {
    LocalServerExtension extension = LocalServerExtension.builder().options(wireMockConfig().dynamicPort()).build();
    assertThat(extension).hasToString("LocalServerExtension (default server)");
  }

  @Test
  void networkSettingsInAnnotationOptionsFailTheClassNamingTheAttribute() {
    Throwable failure = classFailure(LocalServerTestKit.run(PortInOptionsTestCase.class), PortInOptionsTestCase.class);
    assertFailure(
        failure,
        ExtensionConfigurationException.class,
        "@LocalServer(options = FixedPort.class) sets the port (9099), which LocalServer decides; use port = 9099 instead");
  }

  @Test
  void anOptionsClassThatIsNotWireMockOptionsIsRefusedByTheCompilerAndOneReturningNullFailsTheClass() {
    Throwable failure = classFailure(LocalServerTestKit.run(NullOptionsTestCase.class), NullOptionsTestCase.class);
    assertFailure(
        failure,
        ExtensionConfigurationException.class,
        "@LocalServer(options = NullOptions.class) returned null from options(); return"
            + " WireMockConfiguration.wireMockConfig() with your settings");
  }

  @Test
  void optionsDoNotApplyToAFactorysServer() {
    Throwable failure = classFailure(LocalServerTestKit.run(FactoryWithOptionsTestCase.class), FactoryWithOptionsTestCase.class);
    assertFailure(
        failure,
        ExtensionConfigurationException.class,
        "@LocalServer(options = SuffixOptions.class) applies to HTTP servers only; this one is made by"
            + " LineServerFactory.class, so remove options or factory");
  }

  // ---- fixtures --------------------------------------------------------------------------------

  static class BuilderOptionsTestCase {
    static final WireMockConfiguration SHARED = wireMockConfig().extensions(new Suffix());

    @RegisterExtension
    LocalServerExtension perTest = LocalServerExtension.builder().options(SHARED).build();

    @Test
    void first(OkHttpClient http, TestReporter reporter) throws IOException {
      perTest.stubFor(get("/hello").willReturn(ok("hello").withTransformers("suffix")));
      reporter.publishEntry("body", body(http, perTest, "/hello"));
    }

    @Test
    void second(OkHttpClient http, TestReporter reporter) throws IOException {
      perTest.stubFor(get("/hello").willReturn(ok("hello").withTransformers("suffix")));
      reporter.publishEntry("body", body(http, perTest, "/hello"));
    }
  }

  @LocalServer(options = SuffixOptions.class)
  @Order(1)
  static class AnnotationOptionsTestCase {
    @Test
    void transforms(LocalHttpServer server, OkHttpClient http, TestReporter reporter) throws IOException {
      server.stubFor(get("/hello").willReturn(aResponse().withBody("hello").withTransformers("suffix")));
      reporter.publishEntry("body", body(http, server, "/hello"));
    }
  }

  @LocalServer
  @Order(2)
  static class NoOptionsTestCase {
    @Test
    void doesNotTransform(LocalHttpServer server, OkHttpClient http, TestReporter reporter) throws IOException {
      server.stubFor(get("/hello").willReturn(aResponse().withBody("hello").withTransformers("suffix")));
      reporter.publishEntry("body", body(http, server, "/hello"));
    }
  }

  public static final class FixedPort implements WireMockOptions {
    @Override
    public WireMockConfiguration options() {
      return wireMockConfig().port(9099);
    }
  }

  @LocalServer(options = FixedPort.class)
  static class PortInOptionsTestCase {
    @Test
    void neverRuns() {}
  }

  public static final class NullOptions implements WireMockOptions {
    @Override
    public WireMockConfiguration options() {
      return null;
    }
  }

  @LocalServer(options = NullOptions.class)
  static class NullOptionsTestCase {
    @Test
    void neverRuns() {}
  }

  @LocalServer(factory = LineServerFactory.class, options = SuffixOptions.class)
  static class FactoryWithOptionsTestCase {
    @Test
    void neverRuns() {}
  }
}

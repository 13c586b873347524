package io.github.localserver;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.localserver.internal.ConfigurationKeys;
import io.github.localserver.internal.ExtensionSupport;
import io.github.localserver.internal.ServerBinding;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509TrustManager;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.DynamicTestInvocationContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;

/**
 * The JUnit Jupiter extension behind {@link LocalServer}, and its programmatic form.
 *
 * <p>Declarative use needs nothing but the annotation, which registers this extension. For the
 * programmatic form, register an instance built with {@link #builder()}; while its server runs the
 * instance itself is a {@link LocalHttpServer}:
 *
 * <pre>{@code
 * @RegisterExtension
 * static LocalServerExtension api = LocalServerExtension.builder().name("api").https(true).build();
 *
 * @Test
 * void callsTheApi() {
 *   api.stubFor(get("/health").willReturn(ok()));
 *   ...
 * }
 * }</pre>
 *
 * <h2>Lifecycle</h2>
 * A static field gives one server for the class (or one per test with {@code
 * lifecycle(PER_METHOD)}); an instance field gives one per test, as WireMock's and Testcontainers'
 * extensions do. All server state lives in JUnit's {@code ExtensionContext.Store}, which closes
 * each server when its scope ends; this object only points at its running server. How tests share a
 * {@code PER_CLASS} server under parallel execution is described on {@link Lifecycle#PER_CLASS}.
 *
 * <h2>Isolation</h2>
 * Every scope (a class, or a test) gets an HTTP server started for it alone, on a port of its own,
 * with its own files folder; no server is ever handed to a second scope. When the scope ends the
 * server stops for good: its port refuses connections, its in-flight and delayed responses are cut,
 * its files are deleted, and a handle, URL or client kept past the scope fails with a message saying
 * so. For speed, the next server with the same address, scheme and stub folder is started ahead in
 * the background, untouched until a scope takes it; spares nobody took stop when the run ends.
 *
 * <h2>Admin API</h2>
 * WireMock's admin API shares the stubs' port; it answers only the test's own handles (this
 * extension's {@link LocalHttpServer} methods, the injected {@code WireMock} client, {@code
 * WireMockRuntimeInfo.getWireMock()}, WireMock's static DSL), which call the server in-process. Any
 * other client gets {@code 401}, unless {@value #ADMIN_API_KEY} is {@code open}.
 *
 * <h2>Parameters</h2>
 * Into test, lifecycle-method and constructor parameters, and into non-final fields annotated
 * {@link Server}, {@link ServerUrl} or {@link ServerPort} (static fields before {@code @BeforeAll},
 * for {@code PER_CLASS} servers; instance fields before each test):
 *
 * <table>
 *   <caption>Injectable types</caption>
 *   <tr><th>type</th><th>gives</th></tr>
 *   <tr><td>{@link LocalHttpServer}</td><td>the handle</td></tr>
 *   <tr><td>{@code @ServerUrl String / URI / URL / HttpUrl}</td><td>the base URL</td></tr>
 *   <tr><td>{@code @ServerPort int / Integer}</td><td>the bound port</td></tr>
 *   <tr><td>{@code OkHttpClient}, {@code java.net.http.HttpClient}</td>
 *       <td>{@link LocalHttpServer#client()}, {@link LocalHttpServer#httpClient()}</td></tr>
 *   <tr><td>WireMock's {@code WireMock}, {@code WireMockRuntimeInfo}</td>
 *       <td>the DSL client; runtime info with this server's real URL</td></tr>
 * </table>
 *
 * <p>With one server, or for the default server ({@code name = ""}), no qualifier is needed; with
 * several, qualify by name. While exactly one server is in scope, WireMock's static DSL ({@code
 * WireMock.stubFor(...)}) points at it on the test's thread.
 *
 * <h2>Configuration</h2>
 * JUnit configuration parameters ({@code junit-platform.properties}, {@code -D}, or the launcher)
 * set defaults; a declared value wins: {@value #HOST_KEY}, {@value #LIFECYCLE_KEY}, {@value
 * #FAIL_ON_UNMATCHED_KEY}, {@value #FAIL_ON_UNUSED_STUBS_KEY}; {@value #REPORT_REQUESTS_KEY} chooses when
 * requests are reported, {@value #ADMIN_API_KEY} who may use the admin API, {@value #RECORD_KEY} which
 * servers record their {@link LocalServer#recording()} instead of replaying it, and {@value
 * #RECORDINGS_ROOT_KEY} where recordings are written. A bad value fails with a message naming the key
 * and the valid values.
 *
 * <h2>Errors</h2>
 * Configuration mistakes raise {@code ExtensionConfigurationException}, injection mistakes {@code
 * ParameterResolutionException}; each message names the offending value and says what would be
 * valid. A test that leaves a request unmatched fails (unless {@code failOnUnmatched = false}) with
 * each such request and WireMock's diff against the nearest stub. When a test fails, what each of
 * its servers received is published as a report entry and logged.
 *
 * <h2>Since</h2>
 * 0.1.0
 */
public final class LocalServerExtension
    implements BeforeAllCallback,
        AfterAllCallback,
        BeforeEachCallback,
        AfterEachCallback,
        TestInstancePostProcessor,
        InvocationInterceptor,
        ParameterResolver,
        LocalHttpServer {

  /**
   * Configuration parameter: the default bind address, a loopback literal or {@code localhost}.
   * Default {@code 127.0.0.1}.
   */
  public static final String HOST_KEY = ConfigurationKeys.HOST;

  /**
   * Configuration parameter: the default {@link Lifecycle}, {@code per_class} or {@code
   * per_method} (any case). Default {@code per_class}.
   */
  public static final String LIFECYCLE_KEY = ConfigurationKeys.LIFECYCLE;

  /**
   * Configuration parameter: whether requests that match no stub fail the test, {@code true} or
   * {@code false}. Default {@code true}.
   */
  public static final String FAIL_ON_UNMATCHED_KEY = ConfigurationKeys.FAIL_ON_UNMATCHED;

  /**
   * Configuration parameter: when to publish what each server received as a report entry (key
   * {@code LocalServer} or {@code LocalServer[name]}), {@code on-failure} or {@code always}.
   * Default {@code on-failure}. {@code always} lets a launcher show every test's traffic.
   */
  public static final String REPORT_REQUESTS_KEY = ConfigurationKeys.REPORT_REQUESTS;

  /**
   * Configuration parameter: who may use WireMock's admin API ({@code /__admin/...}) over HTTP,
   * {@code protected} or {@code open} (any case). Default {@code protected}: only the test's own
   * handles ({@link LocalHttpServer}, the injected {@code WireMock} client, {@code
   * WireMockRuntimeInfo.getWireMock()}, WireMock's static DSL) reach it; any other request gets
   * {@code 401} with a body saying why. {@code open} restores WireMock's open admin API, for tests
   * that build their own {@code WireMock} client from the port.
   */
  public static final String ADMIN_API_KEY = ConfigurationKeys.ADMIN_API;

  /**
   * Configuration parameter: whether stubs registered during a test that no request matched fail
   * it ({@link LocalServer#failOnUnusedStubs()}), {@code true} or {@code false}. Default {@code
   * false}.
   */
  public static final String FAIL_ON_UNUSED_STUBS_KEY = ConfigurationKeys.FAIL_ON_UNUSED_STUBS;

  /**
   * Configuration parameter: which servers with a {@link LocalServer#recording()} record their API
   * again instead of replaying: {@code all} (or {@code true}) for every one, a comma-separated list
   * of server names ({@code rates,payments}), or {@code false}. Default: none, so that a build
   * never re-records (nor reaches the network) by accident. Pass it for one run, e.g. {@code mvn
   * test -Dlocalserver.record=rates}.
   */
  public static final String RECORD_KEY = ConfigurationKeys.RECORD;

  /**
   * Configuration parameter: the folder recordings are written under in record mode. Default
   * {@code src/test/resources} below the working directory (the module's directory under Maven and
   * Gradle).
   */
  public static final String RECORDINGS_ROOT_KEY = ConfigurationKeys.RECORDINGS_ROOT;

  private final ServerBinding binding;

  /** The declarative extension, registered by {@link LocalServer}; use {@link #builder()} instead. */
  public LocalServerExtension() {
    this.binding = null;
  }

  private LocalServerExtension(Builder builder) {
    this.binding =
        ExtensionSupport.declare(
            this,
            builder.name,
            builder.host,
            builder.port,
            builder.https,
            builder.lifecycle,
            builder.mappings,
            builder.failOnUnmatched,
            builder.factory,
            builder.staticDsl,
            builder.options,
            builder.failOnUnusedStubs,
            builder.recording,
            builder.target,
            builder.redact == null ? null : List.copyOf(builder.redact));
  }

  /**
   * Starts a programmatic declaration.
   *
   * @return a builder with every attribute at its default
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    ExtensionSupport.beforeAll(context);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    ExtensionSupport.afterAll(context);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    ExtensionSupport.beforeEach(context);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    ExtensionSupport.afterEach(context);
  }

  @Override
  public void postProcessTestInstance(Object testInstance, ExtensionContext context) {
    ExtensionSupport.postProcessTestInstance(testInstance, context);
  }

  /**
   * Runs a dynamic test of a {@code @TestFactory}; when it fails, what each server received while
   * it ran is reported as for any failing test.
   */
  @Override
  public void interceptDynamicTest(
      Invocation<Void> invocation, DynamicTestInvocationContext invocationContext, ExtensionContext extensionContext)
      throws Throwable {
    ExtensionSupport.interceptDynamicTest(invocation, extensionContext);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    return ExtensionSupport.supportsParameter(parameterContext, extensionContext);
  }

  @Override
  public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext)
      throws ParameterResolutionException {
    return ExtensionSupport.resolveParameter(parameterContext, extensionContext);
  }

  /**
   * Constructor parameters are resolved in the test's own context (JUnit 5.12+), so that
   * per-test servers can be injected into constructors.
   */
  @Override
  public ExtensionContextScope getTestInstantiationExtensionContextScope(ExtensionContext rootContext) {
    return ExtensionContextScope.TEST_METHOD;
  }

  // ---- LocalHttpServer, for the programmatic form --------------------------------------------

  private LocalHttpServer server() {
    if (binding == null) {
      throw new IllegalStateException(
          "This LocalServerExtension was registered by @LocalServer and has no server of its own;"
              + " inject LocalHttpServer instead, or build one with LocalServerExtension.builder()");
    }
    return ExtensionSupport.current(binding);
  }

  @Override
  public String name() {
    return server().name();
  }

  @Override
  public String host() {
    return server().host();
  }

  @Override
  public int port() {
    return server().port();
  }

  @Override
  public boolean isHttps() {
    return server().isHttps();
  }

  @Override
  public String baseUrl() {
    return server().baseUrl();
  }

  @Override
  public URI uri(String path) {
    return server().uri(path);
  }

  @Override
  public HttpUrl url(String path) {
    return server().url(path);
  }

  @Override
  public WireMock wireMock() {
    return server().wireMock();
  }

  @Override
  public StubMapping stubFor(MappingBuilder stub) {
    return server().stubFor(stub);
  }

  @Override
  public StubMapping stubSequence(MappingBuilder request, ResponseDefinitionBuilder... responses) {
    return server().stubSequence(request, responses);
  }

  @Override
  public void verify(RequestPatternBuilder pattern) {
    server().verify(pattern);
  }

  @Override
  public void verify(int count, RequestPatternBuilder pattern) {
    server().verify(count, pattern);
  }

  @Override
  public List<LoggedRequest> awaitRequests(int count, RequestPatternBuilder pattern, Duration timeout) {
    return server().awaitRequests(count, pattern, timeout);
  }

  @Override
  public List<LoggedRequest> requests() {
    return server().requests();
  }

  @Override
  public List<LoggedRequest> unmatchedRequests() {
    return server().unmatchedRequests();
  }

  @Override
  public void reset() {
    server().reset();
  }

  @Override
  public OkHttpClient client() {
    return server().client();
  }

  @Override
  public HttpClient httpClient() {
    return server().httpClient();
  }

  @Override
  public SSLContext sslContext() {
    return server().sslContext();
  }

  @Override
  public X509TrustManager trustManager() {
    return server().trustManager();
  }

  @Override
  public void stop() {
    server().stop();
  }

  @Override
  public void start() {
    server().start();
  }

  @Override
  public boolean isRunning() {
    return server().isRunning();
  }

  @Override
  public String toString() {
    return binding == null ? "LocalServerExtension[@LocalServer]" : ExtensionSupport.describe(binding);
  }

  /**
   * Builds a programmatic {@link LocalServerExtension}; one method per {@link LocalServer}
   * attribute, with the same defaults and the same validation.
   *
   * <h2>Errors</h2>
   * {@link #build()} rejects a non-loopback host, a port outside 0–65535 or a missing mappings
   * folder at once, with an {@code ExtensionConfigurationException} naming the value.
   *
   * <h2>Since</h2>
   * 0.1.0
   */
  public static final class Builder {
    private String name = "";
    private String host;
    private Integer port;
    private Boolean https;
    private Lifecycle lifecycle;
    private String mappings = "";
    private Boolean failOnUnmatched;
    private Class<?> factory;
    private Boolean staticDsl;
    private WireMockConfiguration options;
    private Boolean failOnUnusedStubs;
    private String recording = "";
    private String target = "";
    private List<String> redact = List.of();

    private Builder() {}

    /**
     * See {@link LocalServer#name()}.
     *
     * @param name the server's name
     * @return this builder
     */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /**
     * See {@link LocalServer#host()}.
     *
     * @param host the address to bind
     * @return this builder
     */
    public Builder host(String host) {
      this.host = host;
      return this;
    }

    /**
     * See {@link LocalServer#port()}.
     *
     * @param port the port to bind; 0 for a free one
     * @return this builder
     */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /**
     * See {@link LocalServer#https()}.
     *
     * @param https whether to serve HTTPS
     * @return this builder
     */
    public Builder https(boolean https) {
      this.https = https;
      return this;
    }

    /**
     * See {@link LocalServer#lifecycle()}.
     *
     * @param lifecycle the server's lifecycle
     * @return this builder
     */
    public Builder lifecycle(Lifecycle lifecycle) {
      this.lifecycle = lifecycle;
      return this;
    }

    /**
     * See {@link LocalServer#mappings()}.
     *
     * @param mappings a classpath folder of stub files
     * @return this builder
     */
    public Builder mappings(String mappings) {
      this.mappings = mappings;
      return this;
    }

    /**
     * See {@link LocalServer#failOnUnmatched()}.
     *
     * @param failOnUnmatched whether an unmatched request fails the test
     * @return this builder
     */
    public Builder failOnUnmatched(boolean failOnUnmatched) {
      this.failOnUnmatched = failOnUnmatched;
      return this;
    }

    /**
     * See {@link LocalServer#factory()}. While such a server runs, this extension's {@link
     * LocalHttpServer} methods fail: inject the server with {@code @Server} instead.
     *
     * @param factory the factory of a server of another kind
     * @return this builder
     */
    public Builder factory(Class<? extends LocalServerFactory<?>> factory) {
      this.factory = factory;
      return this;
    }

    /**
     * See {@link LocalServer#staticDsl()}.
     *
     * @param staticDsl whether WireMock's static DSL points at this server while several are in
     *     scope
     * @return this builder
     */
    public Builder staticDsl(boolean staticDsl) {
      this.staticDsl = staticDsl;
      return this;
    }

    /**
     * WireMock options for this server, as {@code WireMockExtension.newInstance().options(...)}
     * takes them: extensions, templating, notifier, proxy and gzip settings, and the rest pass
     * through. The network settings (port, HTTPS port, bind address, keystore) come from this
     * builder's own methods; setting them in {@code options} fails with a message naming the method
     * to use. Each server gets a copy, so the object may be shared.
     *
     * @param options WireMock's options, e.g. {@code wireMockConfig().extensions(...)}
     * @return this builder
     */
    public Builder options(WireMockConfiguration options) {
      this.options = options;
      return this;
    }

    /**
     * See {@link LocalServer#failOnUnusedStubs()}.
     *
     * @param failOnUnusedStubs whether a stub registered during a test that no request matched
     *     fails it
     * @return this builder
     */
    public Builder failOnUnusedStubs(boolean failOnUnusedStubs) {
      this.failOnUnusedStubs = failOnUnusedStubs;
      return this;
    }

    /**
     * See {@link LocalServer#recording()}.
     *
     * @param recording the classpath folder of the recording, e.g. {@code "recordings/rates"}
     * @return this builder
     */
    public Builder recording(String recording) {
      this.recording = recording;
      return this;
    }

    /**
     * See {@link LocalServer#target()}.
     *
     * @param target the base URL of the real API the recording is made from
     * @return this builder
     */
    public Builder target(String target) {
      this.target = target;
      return this;
    }

    /**
     * See {@link LocalServer#redact()}.
     *
     * @param names header and query parameter names whose values a recording never holds
     * @return this builder
     */
    public Builder redact(String... names) {
      this.redact = names == null ? null : java.util.Arrays.asList(names.clone());
      return this;
    }

    /**
     * Validates the values given and builds the extension.
     *
     * @return the extension, to be held in a field annotated {@code @RegisterExtension}
     */
    public LocalServerExtension build() {
      return new LocalServerExtension(this); // validated now, not at the first test
    }
  }
}

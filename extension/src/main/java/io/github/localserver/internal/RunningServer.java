package io.github.localserver.internal;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.Admin;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.localserver.LocalHttpServer;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509TrustManager;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * An HTTP server as its scope (a class, or a test) sees it: the {@link LocalHttpServer} handle
 * over an {@link HttpEngine} started for this scope alone, with the scope's name and settings, its
 * turns and baselines. Owned by a JUnit store, which closes it when the scope ends: the engine is
 * stopped for good, and every method of a handle kept past its scope fails with a message saying
 * so.
 */
public final class RunningServer implements LocalHttpServer, SharedServer {

  private final ServerSettings settings;
  private final HttpEngine engine;
  private final Turns turns;
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile Baseline active;
  private volatile Runnable closeHook = () -> {};
  private final WireMock dsl;

  RunningServer(ServerSettings settings, HttpEngine engine) {
    this.settings = settings;
    this.engine = engine;
    this.active = engine.initialBaseline();
    this.turns = new Turns(this);
    this.dsl = new WireMock(scopedAdmin());
  }

  /**
   * WireMock's admin interface over the engine, refusing every call once this scope has ended: a
   * {@code WireMock} client kept past its test must not reach the server the next test reuses.
   */
  private Admin scopedAdmin() {
    Admin target = engine.wireMock();
    return (Admin)
        Proxy.newProxyInstance(
            Admin.class.getClassLoader(),
            new Class<?>[] {Admin.class},
            (proxy, method, args) -> {
              if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                  case "equals" -> proxy == args[0];
                  case "hashCode" -> System.identityHashCode(proxy);
                  default -> "WireMock admin of " + this;
                };
              }
              checkOpen();
              if (method.getName().equals("shutdownServer") && method.getParameterCount() == 0) {
                // WireMock would stop 100 ms later on a thread of its own; stopping now lets the
                // next test find the server listening again, as after stop().
                engine.stop();
                return null;
              }
              try {
                return method.invoke(target, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  /** Starts a server of its own, outside any run (benchmarks use this). */
  public static RunningServer start(ServerSettings settings) {
    return new RunningServer(settings, HttpEngine.start(settings, false));
  }

  // ---- internal operations -------------------------------------------------------------------

  /**
   * What happens to a {@code PER_CLASS} server before each test: take its turn and go back to the
   * class baseline. For benchmarks; the extension goes through {@link Turns} directly.
   *
   * @param classIds the test's class contexts, innermost first
   */
  public void enterTest(List<String> classIds) {
    turns.enter(classIds);
  }

  /** What happens after each test: give the turn back. For benchmarks. */
  public void leaveTest() {
    turns.leave();
  }

  @Override
  public ServerSettings settings() {
    return settings;
  }

  @Override
  public Baseline initialBaseline() {
    return engine.initialBaseline();
  }

  @Override
  public Turns turns() {
    return turns;
  }

  HttpEngine engine() {
    return engine;
  }

  WireMockRuntimeInfo runtimeInfo() {
    return new RuntimeInfo(this);
  }

  @Override
  public Baseline snapshot() {
    return engine.snapshot();
  }

  @Override
  public void restore(Object baseline) {
    Baseline target = (Baseline) baseline;
    engine.restore(target);
    active = target;
  }

  /** Serve events of the current test, oldest first. */
  List<ServeEvent> serveEvents() {
    return engine.serveEvents();
  }

  @Override
  public void ensureRunning() {
    engine.start(settings.label());
  }

  @Override
  public void onClose(Runnable hook) {
    this.closeHook = hook;
  }

  @Override
  public boolean isClosed() {
    return closed.get();
  }

  private void checkOpen() {
    if (closed.get()) {
      throw new IllegalStateException(settings.sentenceLabel() + " is closed: its scope has ended");
    }
  }

  // ---- LocalHttpServer -----------------------------------------------------------------------

  @Override
  public String name() {
    return settings.name();
  }

  @Override
  public String host() {
    checkOpen();
    return settings.host();
  }

  @Override
  public int port() {
    checkOpen();
    return engine.port();
  }

  @Override
  public boolean isHttps() {
    return settings.https();
  }

  @Override
  public String url() {
    checkOpen();
    return engine.baseUrl();
  }

  @Override
  public String baseUrl() {
    checkOpen();
    return engine.baseUrl();
  }

  @Override
  public URI uri(String path) {
    return URI.create(join(path));
  }

  @Override
  public HttpUrl url(String path) {
    return HttpUrl.get(join(path));
  }

  private String join(String path) {
    String baseUrl = baseUrl();
    if (path == null || path.isEmpty()) {
      return baseUrl + "/";
    }
    return path.startsWith("/") ? baseUrl + path : baseUrl + "/" + path;
  }

  @Override
  public WireMock wireMock() {
    checkOpen();
    return dsl;
  }

  @Override
  public StubMapping stubFor(MappingBuilder stub) {
    checkOpen();
    return engine.wireMock().stubFor(stub);
  }

  @Override
  public StubMapping stubSequence(MappingBuilder request, ResponseDefinitionBuilder... responses) {
    checkOpen();
    Objects.requireNonNull(request, "stubSequence(request, ...): request is null");
    if (responses == null || responses.length == 0) {
      throw new IllegalArgumentException(
          "stubSequence(request) was given no response; pass one or more, e.g."
              + " stubSequence(get(\"/x\"), Faults.status(503), ok())");
    }
    List<ResponseDefinition> definitions = new ArrayList<>();
    for (int i = 0; i < responses.length; i++) {
      Objects.requireNonNull(responses[i], "stubSequence: response " + (i + 1) + " is null");
      definitions.add(responses[i].build());
    }
    // One stub answered by the Sequences transformer; built from a copy, so the caller's builder
    // is left as it was.
    return engine.addSequence(request.build(), definitions);
  }

  @Override
  public void verify(RequestPatternBuilder pattern) {
    checkOpen();
    engine.wireMock().verify(pattern);
  }

  @Override
  public void verify(int count, RequestPatternBuilder pattern) {
    checkOpen();
    engine.wireMock().verify(count, pattern);
  }

  @Override
  public List<LoggedRequest> requests() {
    checkOpen();
    return serveEvents().stream().map(ServeEvent::getRequest).toList();
  }

  @Override
  public List<LoggedRequest> unmatchedRequests() {
    checkOpen();
    return serveEvents().stream().filter(e -> !e.getWasMatched()).map(ServeEvent::getRequest).toList();
  }

  @Override
  public void reset() {
    checkOpen();
    restore(active);
  }

  @Override
  public OkHttpClient client() {
    checkOpen();
    return engine.client();
  }

  @Override
  public HttpClient httpClient() {
    checkOpen();
    return engine.httpClient();
  }

  @Override
  public SSLContext sslContext() {
    checkOpen();
    return engine.tls().sslContext();
  }

  @Override
  public X509TrustManager trustManager() {
    checkOpen();
    return engine.tls().trustManager();
  }

  @Override
  public void stop() {
    checkOpen();
    engine.stop();
  }

  @Override
  public void start() {
    checkOpen();
    engine.start(settings.label());
  }

  @Override
  public boolean isRunning() {
    return !closed.get() && engine.isRunning();
  }

  @Override
  public String toString() {
    return "LocalHttpServer["
        + (settings.name().isEmpty() ? "default" : settings.name())
        + " "
        + engine.baseUrl()
        + (closed.get() ? ", closed" : "")
        + "]";
  }

  /** Ends the scope: the engine stops for good. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      closeHook.run();
    } finally {
      engine.close();
    }
  }

  /** WireMock's runtime info, with this server's real address instead of {@code localhost}. */
  private static final class RuntimeInfo extends WireMockRuntimeInfo {
    private final RunningServer server;

    RuntimeInfo(RunningServer server) {
      super(server.engine.wireMock());
      this.server = server;
    }

    @Override
    public int getHttpPort() {
      return server.isHttps() ? -1 : server.port();
    }

    @Override
    public int getHttpsPort() {
      return server.isHttps() ? server.port() : -1;
    }

    @Override
    public boolean isHttpEnabled() {
      return !server.isHttps();
    }

    @Override
    public boolean isHttpsEnabled() {
      return server.isHttps();
    }

    @Override
    public String getHttpBaseUrl() {
      return server.isHttps() ? null : server.baseUrl();
    }

    @Override
    public String getHttpsBaseUrl() {
      return server.isHttps() ? server.baseUrl() : null;
    }

    @Override
    public WireMock getWireMock() {
      return server.wireMock();
    }
  }
}

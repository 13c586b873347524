package io.github.localserver.internal;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.localserver.LocalHttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Objects;
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
public final class RunningServer extends StartedServer<Baseline> implements LocalHttpServer {

  private final HttpEngine engine;
  private final java.util.concurrent.Executor finisher;
  /** Requests a test's check has seen; the class check looks at the others. */
  private final Set<UUID> checked = ConcurrentHashMap.newKeySet();
  /** Requests of each class's {@code @BeforeAll} phase, kept past the reset that follows it. */
  private final Map<String, List<ServeEvent>> setUpRequests = new ConcurrentHashMap<>();
  private final RegistrationSites sites = new RegistrationSites();
  private volatile Baseline active;
  private final WireMock dsl;

  /** A server whose close finishes at once (outside a run: benchmarks). */
  RunningServer(ServerSettings settings, HttpEngine engine) {
    this(settings, engine, Runnable::run);
  }

  /**
   * @param finisher runs what is left of a close once the port refuses connections (stopping
   *     Jetty's threads, deleting files), possibly a moment later on another thread
   */
  RunningServer(ServerSettings settings, HttpEngine engine, java.util.concurrent.Executor finisher) {
    super(settings);
    this.engine = engine;
    this.finisher = finisher;
    this.active = engine.initialBaseline();
    this.dsl = new WireMock(ScopedAdmin.over(engine, this::checkOpen, this.toString()));
  }

  /** Starts a server of its own, outside any run (benchmarks use this). */
  public static RunningServer start(ServerSettings settings) {
    return new RunningServer(settings, HttpEngine.start(settings, false));
  }

  // ---- internal operations -------------------------------------------------------------------

  @Override
  public void restoreInitial() {
    restore(engine.initialBaseline());
  }

  HttpEngine engine() {
    return engine;
  }

  WireMockRuntimeInfo runtimeInfo() {
    return new HttpRuntimeInfo(this);
  }

  @Override
  public Baseline snapshot() {
    return engine.snapshot();
  }

  @Override
  public void restore(Baseline baseline) {
    engine.restore(baseline);
    checked.clear(); // the journal is empty again
    active = baseline;
    sites.clear();
  }

  /** Where each stub registered through this handle since the last reset was registered. */
  /** Where a stub was registered matters only to strict stubs: walk the stack only for them. */
  private StubMapping noteSite(StubMapping stub) {
    return settings().failOnUnusedStubs() ? sites.record(stub) : stub;
  }

  RegistrationSites sites() {
    return sites;
  }

  /** The baseline the current test started from: its stubs are not the test's own. */
  Baseline activeBaseline() {
    return active;
  }

  @Override
  public void endSetUp(String classId) {
    setUpRequests.put(classId, serveEvents());
  }

  /** Marks requests as checked by their test. */
  void checked(List<ServeEvent> events) {
    events.forEach(event -> checked.add(event.getId()));
  }

  /**
   * The requests of a class's own phases that no test's check saw: its {@code @BeforeAll} phase
   * and whatever came after its last test ({@code @AfterAll}), oldest first.
   */
  List<ServeEvent> classPhaseRequests(String classId) {
    List<ServeEvent> events = new ArrayList<>(setUpRequests.getOrDefault(classId, List.of()));
    setUpRequests.remove(classId);
    for (ServeEvent event : serveEvents()) {
      if (!checked.contains(event.getId()) && events.stream().noneMatch(e -> e.getId().equals(event.getId()))) {
        events.add(event);
      }
    }
    return events;
  }

  /** Serve events of the current test, oldest first. */
  List<ServeEvent> serveEvents() {
    return engine.serveEvents();
  }

  @Override
  public void ensureRunning() {
    engine.start(settings().label());
  }

  private void checkOpen() {
    if (isClosed()) {
      throw new IllegalStateException(settings().sentenceLabel() + " is closed: its scope has ended");
    }
  }

  // ---- LocalHttpServer -----------------------------------------------------------------------

  @Override
  public String name() {
    return settings().name();
  }

  @Override
  public String host() {
    checkOpen();
    return settings().host();
  }

  @Override
  public int port() {
    checkOpen();
    return engine.port();
  }

  @Override
  public boolean isHttps() {
    return settings().https();
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
    ClasspathCheck.requireOkHttp();
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
    return noteSite(engine.wireMock().stubFor(stub));
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
    return noteSite(engine.addSequence(request.build(), definitions));
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
  public List<LoggedRequest> awaitRequests(int count, RequestPatternBuilder pattern, Duration timeout) {
    checkOpen();
    return AwaitedRequests.await(this, count, pattern, timeout);
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
    engine.start(settings().label());
  }

  @Override
  public boolean isRunning() {
    return !isClosed() && engine.isRunning();
  }

  @Override
  public String toString() {
    return "LocalHttpServer["
        + (settings().name().isEmpty() ? "default" : settings().name())
        + " "
        + engine.baseUrl()
        + (isClosed() ? ", closed" : "")
        + "]";
  }

  /**
   * Ends the scope (once, through {@link #close()}): at once the port refuses connections,
   * connections and in-flight responses are cut, and every method of this handle fails; Jetty's
   * threads stop and the files go a moment later, off the next scope's critical path, and always
   * before the run ends.
   */
  @Override
  void stopForGood() {
    finisher.execute(engine.beginClose());
  }
}

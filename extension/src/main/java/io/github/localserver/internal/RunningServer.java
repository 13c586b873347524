package io.github.localserver.internal;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.standalone.MappingsSource;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.stubbing.StubMappings;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.localserver.LocalHttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509TrustManager;
import okhttp3.ConnectionPool;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * One started server: the WireMock engine bound to a loopback literal, its TLS material and the
 * clients that reach it. Owned by a JUnit {@link ExtensionContext.Store}, which closes it when its
 * scope ends; {@link #close()} is idempotent and releases in reverse order of creation.
 */
public final class RunningServer implements LocalHttpServer, SharedServer {

  /** How many requests the journal keeps; older ones are dropped first. */
  static final int JOURNAL_LIMIT = 10_000;

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

  private final ServerSettings settings;
  private final Sequences sequences;
  private final Tls tls;
  private final WireMockServer wireMockServer;
  private final int port;
  private final String baseUrl;
  private final WireMock dsl;
  private final OkHttpClient client;
  private final Baseline initial;
  private final Turns turns;
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile Baseline active;
  private volatile HttpClient httpClient;
  private volatile Runnable closeHook = () -> {};
  private final Object lifecycle = new Object();
  private java.net.Socket reserved; // guarded by lifecycle: holds the port during an outage

  private RunningServer(ServerSettings settings, WireMockServer wireMockServer, Sequences sequences) {
    this.settings = settings;
    this.sequences = sequences;
    this.tls = Tls.forAddress(settings.address());
    this.wireMockServer = wireMockServer;
    this.port = settings.https() ? wireMockServer.httpsPort() : wireMockServer.port();
    this.baseUrl =
        (settings.https() ? "https" : "http") + "://" + Loopback.urlHost(settings.address()) + ":" + port;
    this.dsl = new WireMock(wireMockServer);
    this.client =
        new OkHttpClient.Builder()
            .connectionPool(new ConnectionPool(5, 1, TimeUnit.MINUTES))
            .retryOnConnectionFailure(false)
            // HTTP/1.1 only, so that faults look the same over HTTP and HTTPS (over HTTP/2 a
            // reset would take every stream of the connection with it).
            .protocols(List.of(Protocol.HTTP_1_1))
            .connectTimeout(CONNECT_TIMEOUT)
            .readTimeout(READ_TIMEOUT)
            .writeTimeout(READ_TIMEOUT)
            .callTimeout(CALL_TIMEOUT)
            .sslSocketFactory(tls.sslSocketFactory(), tls.trustManager())
            .build();
    for (StubMapping stub : MappingFiles.load(settings.mappings())) {
      wireMockServer.addStubMapping(stub);
    }
    this.initial = snapshot();
    this.active = initial;
    this.turns = new Turns(this);
  }

  /**
   * Starts a server; on any failure nothing is left running.
   *
   * @throws ExtensionConfigurationException when a fixed port is in use, naming the port and,
   *     where the OS tells, the process holding it
   */
  public static RunningServer start(ServerSettings settings) {
    if (settings.port() != 0) {
      requireFree(settings);
    }
    // A dynamic port is chosen here rather than by Jetty, so that WireMock's configuration holds
    // the real port and start() after stop() listens on the same one again.
    int attempts = settings.port() == 0 ? 5 : 1;
    for (int attempt = 1; ; attempt++) {
      int port = settings.port() != 0 ? settings.port() : freePort(settings);
      Sequences sequences = new Sequences();
      WireMockServer wireMockServer = new WireMockServer(configuration(settings, port).extensions(sequences));
      try {
        wireMockServer.start();
      } catch (RuntimeException e) {
        stopQuietly(wireMockServer, e);
        if (hasCause(e, BindException.class)) {
          if (settings.port() != 0) {
            throw portInUse(settings, settings.port(), e);
          }
          if (attempt < attempts) {
            continue; // another process took the free port first: choose again
          }
        }
        throw new ExtensionConfigurationException(
            "Could not start " + settings.label() + " on " + settings.host() + ": " + e.getMessage(), e);
      }
      try {
        return new RunningServer(settings, wireMockServer, sequences);
      } catch (RuntimeException | Error e) {
        stopQuietly(wireMockServer, e);
        throw e;
      }
    }
  }

  private static int freePort(ServerSettings settings) {
    try (ServerSocket probe = new ServerSocket()) {
      probe.bind(new InetSocketAddress(settings.address(), 0));
      return probe.getLocalPort();
    } catch (IOException e) {
      throw new ExtensionConfigurationException(
          "Could not find a free port on " + settings.host() + " for " + settings.label() + ": " + e.getMessage(), e);
    }
  }

  private static WireMockConfiguration configuration(ServerSettings settings, int port) {
    WireMockConfiguration config =
        options()
            .bindAddress(settings.host())
            .notifier(QuietNotifier.INSTANCE)
            .mappingSource(NO_MAPPINGS)
            .maxRequestJournalEntries(JOURNAL_LIMIT)
            .jettyAcceptors(1);
    if (settings.mappings().isEmpty()) {
      config.usingFilesUnderDirectory(EmptyFiles.DIRECTORY.toString());
    } else {
      config.usingFilesUnderClasspath(settings.mappings());
    }
    if (settings.https()) {
      Tls tls = Tls.forAddress(settings.address());
      config
          .httpDisabled(true)
          .httpsPort(port)
          .keystorePath(tls.keyStorePath())
          .keystorePassword(tls.keyStorePassword())
          .keyManagerPassword(tls.keyStorePassword())
          .keystoreType("PKCS12");
    } else {
      config.port(port);
    }
    return config;
  }

  static void requireFree(ServerSettings settings) {
    try (ServerSocket probe = new ServerSocket()) {
      probe.setReuseAddress(true);
      probe.bind(new InetSocketAddress(settings.address(), settings.port()));
    } catch (IOException e) {
      throw portInUse(settings, settings.port(), e);
    }
  }

  static ExtensionConfigurationException portInUse(ServerSettings settings, int port, Exception cause) {
    String holder = PortHolder.describe(port).map(h -> " by " + h).orElse("");
    return new ExtensionConfigurationException(
        "Port "
            + port
            + " on "
            + settings.host()
            + " is already in use"
            + holder
            + ", so "
            + settings.label()
            + " cannot listen there; free the port, choose another, or use port 0 to let the OS"
            + " choose a free one",
        cause);
  }

  static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private static void stopQuietly(WireMockServer server, Throwable primary) {
    try {
      server.stop();
    } catch (RuntimeException e) {
      primary.addSuppressed(e);
    }
  }

  // ---- internal operations -------------------------------------------------------------------

  /** The settings the server was started with. */
  @Override
  public ServerSettings settings() {
    return settings;
  }

  @Override
  public Baseline initialBaseline() {
    return initial;
  }

  @Override
  public Turns turns() {
    return turns;
  }

  WireMockServer engine() {
    return wireMockServer;
  }

  WireMockRuntimeInfo runtimeInfo() {
    return new RuntimeInfo(this);
  }

  @Override
  public Baseline snapshot() {
    List<StubMapping> stubs = new ArrayList<>(wireMockServer.getStubMappings());
    stubs.sort(Comparator.comparingLong(StubMapping::getInsertionIndex));
    return new Baseline(List.copyOf(stubs), wireMockServer.getGlobalSettings().getSettings());
  }

  @Override
  public void restore(Object baseline) {
    restore((Baseline) baseline);
  }

  void restore(Baseline baseline) {
    wireMockServer.resetMappings();
    for (StubMapping stub : baseline.stubs()) {
      wireMockServer.addStubMapping(stub);
    }
    wireMockServer.resetRequests();
    wireMockServer.resetScenarios();
    sequences.restart(baseline.stubs());
    wireMockServer.updateGlobalSettings(baseline.globalSettings());
    active = baseline;
  }

  /** Serve events of the current test, oldest first. */
  List<ServeEvent> serveEvents() {
    List<ServeEvent> events = new ArrayList<>(wireMockServer.getAllServeEvents());
    Collections.reverse(events);
    return events;
  }

  // ---- LocalHttpServer -----------------------------------------------------------------------

  @Override
  public String name() {
    return settings.name();
  }

  @Override
  public String host() {
    return settings.host();
  }

  @Override
  public int port() {
    return port;
  }

  @Override
  public boolean isHttps() {
    return settings.https();
  }

  @Override
  public String url() {
    return baseUrl;
  }

  @Override
  public String baseUrl() {
    return baseUrl;
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
    if (path == null || path.isEmpty()) {
      return baseUrl + "/";
    }
    return path.startsWith("/") ? baseUrl + path : baseUrl + "/" + path;
  }

  @Override
  public WireMock wireMock() {
    return dsl;
  }

  @Override
  public StubMapping stubFor(MappingBuilder stub) {
    return wireMockServer.stubFor(stub);
  }

  @Override
  public StubMapping stubSequence(MappingBuilder request, ResponseDefinitionBuilder... responses) {
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
    StubMapping stub = request.build();
    stub.setId(UUID.randomUUID());
    stub.setResponse(sequences.register(definitions));
    wireMockServer.addStubMapping(stub);
    return stub;
  }

  @Override
  public void stop() {
    synchronized (lifecycle) {
      if (!wireMockServer.isRunning()) {
        return;
      }
      // The client closes its pooled connections first, so their TIME_WAIT lands on the client's
      // ports and the server's port can be held for the outage.
      client.connectionPool().evictAll();
      wireMockServer.stop();
      reserved = PortReservation.hold(settings.address(), port);
    }
  }

  @Override
  public void start() {
    synchronized (lifecycle) {
      if (closed.get()) {
        throw new IllegalStateException(capitalized(settings.label()) + " is closed: its scope has ended");
      }
      if (wireMockServer.isRunning()) {
        return;
      }
      PortReservation.release(reserved);
      reserved = null;
      RuntimeException failure = null;
      for (int attempt = 0; attempt < 3; attempt++) {
        try {
          wireMockServer.start();
          return;
        } catch (RuntimeException e) {
          stopQuietly(wireMockServer, e);
          failure = e;
          if (!hasCause(e, BindException.class)) {
            break;
          }
        }
      }
      String holder = PortHolder.describe(port).map(h -> " (held by " + h + ")").orElse("");
      throw new IllegalStateException(
          capitalized(settings.label()) + " could not listen again on " + baseUrl + holder, failure);
    }
  }

  @Override
  public boolean isRunning() {
    return wireMockServer.isRunning();
  }

  @Override
  public void ensureRunning() {
    if (!isRunning()) {
      start();
    }
  }

  private static String capitalized(String text) {
    return Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }

  @Override
  public void verify(RequestPatternBuilder pattern) {
    wireMockServer.verify(pattern);
  }

  @Override
  public void verify(int count, RequestPatternBuilder pattern) {
    wireMockServer.verify(count, pattern);
  }

  @Override
  public List<LoggedRequest> requests() {
    return serveEvents().stream().map(ServeEvent::getRequest).toList();
  }

  @Override
  public List<LoggedRequest> unmatchedRequests() {
    return serveEvents().stream().filter(e -> !e.getWasMatched()).map(ServeEvent::getRequest).toList();
  }

  @Override
  public void reset() {
    restore(active);
  }

  @Override
  public OkHttpClient client() {
    return client;
  }

  @Override
  public HttpClient httpClient() {
    HttpClient result = httpClient;
    if (result == null) {
      synchronized (this) {
        result = httpClient;
        if (result == null) {
          if (closed.get()) {
            throw new IllegalStateException(settings.label() + " is closed; its clients are gone");
          }
          result =
              HttpClient.newBuilder()
                  .sslContext(tls.sslContext())
                  .connectTimeout(CONNECT_TIMEOUT)
                  // Left to negotiate HTTP/2 (h2c or ALPN): over HTTP/1.1 the JDK client silently
                  // repeats a GET whose connection failed before a response, and no per-client
                  // setting turns that off.
                  .followRedirects(HttpClient.Redirect.NEVER)
                  .build();
          httpClient = result;
        }
      }
    }
    return result;
  }

  @Override
  public SSLContext sslContext() {
    return tls.sslContext();
  }

  @Override
  public X509TrustManager trustManager() {
    return tls.trustManager();
  }

  @Override
  public String toString() {
    return "LocalHttpServer[" + (settings.name().isEmpty() ? "default" : settings.name()) + " " + baseUrl + "]";
  }

  /** Stops the engine and releases the clients; safe to call more than once. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    RuntimeException failure = null;
    try {
      closeHook.run();
      HttpClient jdkClient;
      synchronized (this) {
        jdkClient = httpClient;
      }
      if (jdkClient != null) {
        shutdownNow(jdkClient);
      }
    } catch (RuntimeException e) {
      failure = e;
    } finally {
      try {
        client.dispatcher().executorService().shutdownNow();
        client.connectionPool().evictAll();
      } catch (RuntimeException e) {
        failure = addTo(failure, e);
      } finally {
        try {
          synchronized (lifecycle) {
            PortReservation.release(reserved);
            reserved = null;
            wireMockServer.stop();
          }
        } catch (RuntimeException e) {
          failure = addTo(failure, e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public void onClose(Runnable hook) {
    this.closeHook = hook;
  }

  @Override
  public boolean isClosed() {
    return closed.get();
  }

  private static RuntimeException addTo(RuntimeException failure, RuntimeException next) {
    if (failure == null) {
      return next;
    }
    failure.addSuppressed(next);
    return failure;
  }

  /** Java 21+ can shut a JDK client down; on 17 its selector thread ends once it is unreachable. */
  private static void shutdownNow(HttpClient jdkClient) {
    try {
      HttpClient.class.getMethod("shutdownNow").invoke(jdkClient);
    } catch (NoSuchMethodException e) {
      // Java 17: nothing to call.
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Could not shut down the JDK HttpClient", e);
    }
  }

  /** WireMock's runtime info, with this server's real address instead of {@code localhost}. */
  private static final class RuntimeInfo extends WireMockRuntimeInfo {
    private final RunningServer server;

    RuntimeInfo(RunningServer server) {
      super(server.wireMockServer);
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

  /** A mappings source that loads and saves nothing: LocalServer adds stub files itself. */
  private static final MappingsSource NO_MAPPINGS =
      new MappingsSource() {
        @Override
        public void loadMappingsInto(StubMappings stubMappings) {}

        @Override
        public void save(List<StubMapping> stubMappings) {}

        @Override
        public void save(StubMapping stubMapping) {}

        @Override
        @SuppressWarnings("removal") // WireMock's interface still requires it
        public void remove(StubMapping stubMapping) {}

        @Override
        public void removeAll() {}
      };

  /** An empty folder for WireMock's file source, so that nothing in the project is read. */
  private static final class EmptyFiles {
    static final Path DIRECTORY = create();

    private static Path create() {
      try {
        Path dir = Files.createTempDirectory("localserver-files-");
        dir.toFile().deleteOnExit();
        return dir;
      } catch (IOException e) {
        throw new UncheckedIOException("Could not create an empty folder for WireMock", e);
      }
    }
  }
}

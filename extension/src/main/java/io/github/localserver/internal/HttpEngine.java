package io.github.localserver.internal;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.standalone.MappingsSource;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.stubbing.StubMappings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * The machinery of an HTTP server: the WireMock engine bound to a loopback literal, its TLS
 * material, its clients, and the means to go back to a clean state. Outlives a test class when
 * {@link ServerPool} reuses it; tests only ever see it through a {@link RunningServer}, which is
 * valid for one scope.
 */
final class HttpEngine {

  /** How many requests the journal keeps; older ones are dropped first. */
  static final int JOURNAL_LIMIT = 10_000;

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

  private final InetAddress address;
  private final boolean https;
  private final String mappings;
  private final Sequences sequences;
  private final InetAddress tlsAddress;
  private final WireMockServer wireMockServer;
  private final int port;
  private final String baseUrl;
  private final OkHttpClient client;
  private final Baseline initial;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Object lifecycle = new Object();
  private Socket reserved; // guarded by lifecycle: holds the port during an outage
  private HttpClient httpClient; // guarded by lifecycle

  private HttpEngine(ServerSettings settings, WireMockServer wireMockServer, Sequences sequences) {
    this.address = settings.address();
    this.https = settings.https();
    this.mappings = settings.mappings();
    this.sequences = sequences;
    this.tlsAddress = settings.address();
    this.wireMockServer = wireMockServer;
    this.port = https ? wireMockServer.httpsPort() : wireMockServer.port();
    this.baseUrl = (https ? "https" : "http") + "://" + Loopback.urlHost(address) + ":" + port;
    OkHttpClient.Builder clientBuilder =
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
            .socketFactory(new NoDelaySocketFactory());
    if (https) {
      // Only an HTTPS engine needs the certificate now; for plain HTTP it is made on first use of
      // sslContext() or trustManager(), so an HTTP-only suite never pays for a key pair.
      Tls tls = Tls.forAddress(address);
      clientBuilder.sslSocketFactory(tls.sslSocketFactory(), tls.trustManager());
    }
    this.client = clientBuilder.build();
    for (StubMapping stub : MappingFiles.load(settings.mappings())) {
      wireMockServer.addStubMapping(stub);
    }
    this.initial = snapshot();
  }

  /**
   * Starts an engine; on any failure nothing is left running.
   *
   * @throws ExtensionConfigurationException when a fixed port is in use, naming the port and,
   *     where the OS tells, the process holding it
   */
  static HttpEngine start(ServerSettings settings) {
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
        return new HttpEngine(settings, wireMockServer, sequences);
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
            .threadPoolFactory(new LeanThreadPool())
            // WireMock formats a log line for every request, which QuietNotifier would discard.
            .stubRequestLoggingDisabled(true)
            // No acceptor thread: the selector accepts connections itself (a test server sees a
            // handful of connections, not a flood), one thread less per server.
            .jettyAcceptors(0);
    if (settings.mappings().isEmpty()) {
      config.usingFilesUnderDirectory(EmptyFiles.DIRECTORY.toString());
    } else {
      config.fileSource(MappingFiles.fileSource(settings.mappings()));
    }
    config.withStores(CappedJournal.stores(config.filesRoot(), JOURNAL_LIMIT));
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

  // ---- what a RunningServer uses ---------------------------------------------------------------

  /** Whether an engine can serve a server with these settings (for reuse). */
  boolean fits(ServerSettings settings) {
    return settings.port() == 0
        && settings.isHttp()
        && settings.address().equals(address)
        && settings.https() == https
        && settings.mappings().equals(mappings);
  }

  WireMockServer wireMock() {
    return wireMockServer;
  }

  OkHttpClient client() {
    return client;
  }

  Tls tls() {
    return Tls.forAddress(tlsAddress);
  }

  int port() {
    return port;
  }

  String baseUrl() {
    return baseUrl;
  }

  Baseline initialBaseline() {
    return initial;
  }

  Baseline snapshot() {
    List<StubMapping> stubs = new ArrayList<>(wireMockServer.getStubMappings());
    stubs.sort(Comparator.comparingLong(StubMapping::getInsertionIndex));
    return new Baseline(List.copyOf(stubs), wireMockServer.getGlobalSettings().getSettings());
  }

  void restore(Baseline baseline) {
    wireMockServer.resetMappings();
    for (StubMapping stub : baseline.stubs()) {
      wireMockServer.addStubMapping(stub);
    }
    wireMockServer.resetRequests();
    wireMockServer.resetScenarios();
    sequences.restart(baseline.stubs());
    if (!baseline.globalSettings().equals(wireMockServer.getGlobalSettings().getSettings())) {
      wireMockServer.updateGlobalSettings(baseline.globalSettings());
    }
  }

  /** Serve events since the last reset, oldest first. */
  List<ServeEvent> serveEvents() {
    List<ServeEvent> events = new ArrayList<>(wireMockServer.getAllServeEvents());
    Collections.reverse(events);
    return events;
  }

  StubMapping addSequence(StubMapping stub, List<ResponseDefinition> responses) {
    stub.setId(UUID.randomUUID());
    stub.setResponse(sequences.register(responses));
    wireMockServer.addStubMapping(stub);
    return stub;
  }

  HttpClient httpClient() {
    synchronized (lifecycle) {
      if (closed.get()) {
        throw new IllegalStateException("The server at " + baseUrl + " is closed; its clients are gone");
      }
      if (httpClient == null) {
        HttpClient.Builder builder = HttpClient.newBuilder();
        if (https) {
          builder.sslContext(tls().sslContext());
        }
        httpClient =
            builder
                .connectTimeout(CONNECT_TIMEOUT)
                // Left to negotiate HTTP/2 (h2c or ALPN): over HTTP/1.1 the JDK client silently
                // repeats a GET whose connection failed before a response, and no per-client
                // setting turns that off.
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
      }
      return httpClient;
    }
  }

  /** An outage: stops listening, holds the port, drops the client's pooled connections. */
  void stop() {
    synchronized (lifecycle) {
      if (!wireMockServer.isRunning()) {
        return;
      }
      // The client closes its pooled connections first, so their TIME_WAIT lands on the client's
      // ports and the server's port can be held for the outage.
      client.connectionPool().evictAll();
      wireMockServer.stop();
      // And again: a call that ended meanwhile may have handed its connection back.
      client.connectionPool().evictAll();
      reserved = PortReservation.hold(address, port);
    }
  }

  /** Ends an outage, on the same port. */
  void start(String label) {
    synchronized (lifecycle) {
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
          ServerSettings.capitalized(label) + " could not listen again on " + baseUrl + holder, failure);
    }
  }

  boolean isRunning() {
    return wireMockServer.isRunning();
  }

  /**
   * Back to exactly how it was after start, for the next scope that reuses it: listening, the
   * stub files' stubs only, empty journal, scenarios and sequences restarted, default global
   * settings, no call of its client still running, no pooled client connection.
   */
  void clean() {
    client.dispatcher().cancelAll();
    start("the server at " + baseUrl);
    restore(initial);
    client.connectionPool().evictAll();
  }

  boolean isClosed() {
    return closed.get();
  }

  /** Stops the engine and releases the clients; safe to call more than once. */
  void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    RuntimeException failure = null;
    // Calls first, then the server, then the connections: a call still in flight when the server
    // stops would otherwise hand its connection back to the pool after it was emptied.
    try {
      client.dispatcher().cancelAll();
      client.dispatcher().executorService().shutdownNow();
      HttpClient jdkClient;
      synchronized (lifecycle) {
        jdkClient = httpClient;
      }
      if (jdkClient != null) {
        shutdownNow(jdkClient);
      }
    } catch (RuntimeException e) {
      failure = e;
    } finally {
      try {
        synchronized (lifecycle) {
          PortReservation.release(reserved);
          reserved = null;
          wireMockServer.stop();
        }
      } catch (RuntimeException e) {
        failure = addTo(failure, e);
      } finally {
        try {
          client.connectionPool().evictAll();
        } catch (RuntimeException e) {
          failure = addTo(failure, e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
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

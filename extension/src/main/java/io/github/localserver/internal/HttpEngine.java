package io.github.localserver.internal;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.recording.RecordingStatus;
import com.github.tomakehurst.wiremock.standalone.MappingsSource;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.stubbing.StubMappings;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * The machinery of one HTTP server, for one scope only: the WireMock engine bound to a loopback
 * literal on a port of its own, its files folder, its admin guard, its clients, and going back to a
 * baseline between the tests of a class. Never handed to a second scope: when the scope ends it is
 * closed, its port refuses connections, its in-flight and delayed responses are cut and its files
 * are deleted. Tests see it through a {@link RunningServer}.
 */
final class HttpEngine {

  /** How many requests the journal keeps; older ones are dropped first. */
  static final int JOURNAL_LIMIT = 10_000;

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
  /** How long a shutdown asked for over the admin API may take before a test goes on. */
  private static final Duration SHUTDOWN_DEADLINE = Duration.ofSeconds(10);

  /** How long the port may take to refuse connections at a scope's end before a full stop. */
  private static final Duration CUT_OFF_DEADLINE = Duration.ofMillis(500);

  private final InetAddress address;
  private final boolean https;
  private final Sequences sequences;
  private final ServerFiles files;
  private final ScopedWireMockServer wireMockServer;
  private final int port;
  private final String baseUrl;
  private final Baseline initial;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Object lifecycle = new Object();
  private Socket reserved; // guarded by lifecycle: holds the port during an outage
  private OkHttpClient client; // guarded by lifecycle; made on first use
  private ScopedHttpClient httpClient; // guarded by lifecycle; made on first use

  private HttpEngine(
      ServerSettings settings, ScopedWireMockServer wireMockServer, Sequences sequences, ServerFiles files) {
    this.address = settings.address();
    this.https = settings.https();
    this.sequences = sequences;
    this.files = files;
    this.wireMockServer = wireMockServer;
    this.port = https ? wireMockServer.httpsPort() : wireMockServer.port();
    this.baseUrl = (https ? "https" : "http") + "://" + Loopback.urlHost(address) + ":" + port;
    for (StubMapping stub : MappingFiles.load(settings.mappings())) {
      wireMockServer.addStubMapping(stub);
    }
    RecordMode.proxyStubs(settings).forEach(wireMockServer::addStubMapping);
    this.initial = snapshot();
  }

  /**
   * Starts an engine; on any failure nothing is left running.
   *
   * @param adminOpen whether WireMock's admin API is open to any client ({@code
   *     localserver.admin-api=open}) rather than to the test's own handles only
   * @throws ExtensionConfigurationException when a fixed port is in use, naming the port and,
   *     where the OS tells, the process holding it
   */
  static HttpEngine start(ServerSettings settings, boolean adminOpen) {
    if (settings.port() != 0) {
      requireFree(settings);
    }
    // A dynamic port is chosen here rather than by Jetty, so that WireMock's configuration holds
    // the real port and start() after stop() listens on the same one again.
    int attempts = settings.port() == 0 ? 5 : 1;
    for (int attempt = 1; ; attempt++) {
      int port = settings.port() != 0 ? settings.port() : freePort(settings);
      Sequences sequences = new Sequences();
      ServerFiles files = ServerFiles.create(settings.mappings());
      ScopedWireMockServer wireMockServer;
      try {
        ScopedJettyServer.Factory jetty = new ScopedJettyServer.Factory();
        WireMockConfiguration config =
            configuration(settings, port, files)
                .httpServerFactory(jetty)
                .extensions(sequences, new MissingBodyFiles(files.root(), settings.mappings()));
        if (!adminOpen) {
          config.extensions(new AdminGuard());
        }
        wireMockServer = new ScopedWireMockServer(config, jetty);
      } catch (RuntimeException | Error e) {
        closeQuietly(files, e);
        throw e;
      }
      try {
        wireMockServer.start();
      } catch (RuntimeException e) {
        stopQuietly(wireMockServer, e);
        closeQuietly(files, e);
        // Jetty does not always keep the BindException: a second bind attempt on a port another
        // server took meanwhile surfaces as "IllegalStateException: STOPPED". Ask the port.
        if (settings.port() != 0 && (hasCause(e, BindException.class) || !isFree(settings))) {
          throw portInUse(settings, settings.port(), e);
        }
        if (hasCause(e, BindException.class) || !isFree(settings.address(), port)) {
          if (attempt < attempts) {
            continue; // another process took the free port first: choose again
          }
        }
        throw new ExtensionConfigurationException(
            "Could not start " + settings.label() + " on " + settings.host() + ": " + e.getMessage(), e);
      }
      try {
        return new HttpEngine(settings, wireMockServer, sequences, files);
      } catch (RuntimeException | Error e) {
        stopQuietly(wireMockServer, e);
        closeQuietly(files, e);
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

  private static WireMockConfiguration configuration(ServerSettings settings, int port, ServerFiles files) {
    PassedOptions passed = settings.options();
    WireMockConfiguration config;
    if (passed == null) {
      config =
          options()
              .notifier(QuietNotifier.INSTANCE)
              // WireMock formats a log line for every request, which QuietNotifier would discard.
              .stubRequestLoggingDisabled(true);
    } else {
      config = passed.copy(); // the user's notifier, logging, extensions and the rest
    }
    config
        .bindAddress(settings.host())
        .mappingSource(NO_MAPPINGS)
        // Delays are scheduled, not slept on a Jetty worker: an abandoned slow response holds no
        // worker, and ScopedJettyServer drops it when the server stops.
        .asynchronousResponseEnabled(true)
        .asynchronousResponseThreads(Math.max(4, config.getAsynchronousResponseSettings().getThreads()))
        .usingFilesUnderDirectory(files.root().toString());
    config.httpClientFactory(new LazyProxyClients(config.httpClientFactory()));
    if (config.threadPoolFactory() == null) {
      config.threadPoolFactory(new LeanThreadPool());
    }
    if (config.jettySettings().getAcceptors().isEmpty()) {
      // No acceptor thread: the selector accepts connections itself (a test server sees a
      // handful of connections, not a flood), one thread less per server.
      config.jettyAcceptors(0);
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

  private static boolean isFree(ServerSettings settings) {
    return isFree(settings.address(), settings.port());
  }

  private static boolean isFree(InetAddress address, int port) {
    try (ServerSocket probe = new ServerSocket()) {
      probe.setReuseAddress(true);
      probe.bind(new InetSocketAddress(address, port));
      return true;
    } catch (IOException e) {
      return false;
    }
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

  private static void closeQuietly(ServerFiles files, Throwable primary) {
    try {
      files.close();
    } catch (RuntimeException e) {
      primary.addSuppressed(e);
    }
  }

  // ---- what a RunningServer uses ---------------------------------------------------------------

  WireMockServer wireMock() {
    return wireMockServer;
  }

  /** The OkHttp client, made on first use (a suite that never asks for one never loads OkHttp). */
  OkHttpClient client() {
    synchronized (lifecycle) {
      requireOpen();
      if (client == null) {
        ClasspathCheck.requireOkHttp();
        client = newClient();
      }
      return client;
    }
  }

  /**
   * What every injected OkHttp client shares, because no test can change it: its settings, and the
   * platform's trust roots, which OkHttp would otherwise index anew for each client (a tenth of a
   * millisecond per trusted root). Each client gets its own connections, threads and interceptor.
   */
  private static final class SharedOkHttp {
    static final OkHttpClient BASE =
        new OkHttpClient.Builder()
            .retryOnConnectionFailure(false)
            // HTTP/1.1 only, so that faults look the same over HTTP and HTTPS (over HTTP/2 a
            // reset would take every stream of the connection with it).
            .protocols(List.of(Protocol.HTTP_1_1))
            .connectTimeout(CONNECT_TIMEOUT)
            .readTimeout(READ_TIMEOUT)
            .writeTimeout(READ_TIMEOUT)
            .callTimeout(CALL_TIMEOUT)
            .socketFactory(new NoDelaySocketFactory())
            .build();
  }

  private OkHttpClient newClient() {
    OkHttpClient.Builder builder =
        SharedOkHttp.BASE
            .newBuilder()
            .connectionPool(new ConnectionPool(5, 1, TimeUnit.MINUTES))
            .dispatcher(new Dispatcher())
            // A client kept past its scope fails with a message, instead of reaching whatever
            // listens on the port by then.
            .addInterceptor(
                chain -> {
                  if (closed.get()) {
                    throw new IOException(
                        "This OkHttpClient belongs to the server at " + baseUrl + ", whose scope has ended;"
                            + " use the client injected into the current test");
                  }
                  return chain.proceed(chain.request());
                });
    if (https) {
      Tls tls = tls();
      builder.sslSocketFactory(tls.sslSocketFactory(), tls.trustManager());
    }
    return builder.build();
  }

  Tls tls() {
    return Tls.forAddress(address);
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
    if (wireMockServer.getRecordingStatus().getStatus() == RecordingStatus.Recording) {
      wireMockServer.stopRecording(); // a recording left on by the previous test ends with it
    }
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

  /** The JDK client, made on first use. */
  HttpClient httpClient() {
    synchronized (lifecycle) {
      requireOpen();
      if (httpClient == null) {
        httpClient = new ScopedHttpClient(this::httpClientBuilder, "the server at " + baseUrl);
      }
      return httpClient;
    }
  }

  private HttpClient.Builder httpClientBuilder() {
    HttpClient.Builder builder = HttpClient.newBuilder();
    if (https) {
      builder.sslContext(tls().sslContext());
    }
    return builder
        .connectTimeout(CONNECT_TIMEOUT)
        // Left to negotiate HTTP/2 (h2c or ALPN): over HTTP/1.1 the JDK client silently repeats a
        // GET whose connection failed before a response, and no per-client setting turns that off.
        .followRedirects(HttpClient.Redirect.NEVER);
  }

  private void requireOpen() {
    if (closed.get()) {
      throw new IllegalStateException("The server at " + baseUrl + " is closed: its scope has ended");
    }
  }

  /** An outage: stops listening, holds the port, drops the clients' pooled connections. */
  void stop() {
    synchronized (lifecycle) {
      if (!wireMockServer.isListening()) {
        return;
      }
      // The client closes its pooled connections first, so their TIME_WAIT lands on the client's
      // ports and the server's port can be held for the outage.
      if (client != null) {
        client.connectionPool().evictAll();
      }
      wireMockServer.stopListening();
      // And again: a call that ended meanwhile may have handed its connection back.
      if (client != null) {
        client.connectionPool().evictAll();
      }
      reserved = PortReservation.hold(address, port);
    }
  }

  /** Ends an outage, on the same port; also after a shutdown asked for over the admin API. */
  void start(String label) {
    synchronized (lifecycle) {
      requireOpen();
      wireMockServer.awaitShutdown(SHUTDOWN_DEADLINE, label);
      if (wireMockServer.isListening()) {
        return;
      }
      PortReservation.release(reserved);
      reserved = null;
      RuntimeException failure = null;
      for (int attempt = 0; attempt < 3; attempt++) {
        try {
          wireMockServer.startListening();
          // No client connection from before the outage (a shutdown over the admin API did not
          // go through stop(), which drops them).
          if (client != null) {
            client.connectionPool().evictAll();
          }
          if (httpClient != null) {
            httpClient.renew();
          }
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
    return wireMockServer.isListening();
  }

  /**
   * Stops the engine for good, all at once. Safe to call more than once.
   *
   * @see #beginClose()
   */
  void close() {
    beginClose().run();
  }

  /**
   * Ends the engine's scope: at once, its clients' calls are cancelled, its port refuses
   * connections and every connection (and with it every in-flight or delayed response) is cut.
   * Returns the rest, which nothing of the scope can observe and may run a moment later, off the
   * next scope's critical path: Jetty's threads stopped, the client's pool emptied, the files
   * deleted. Safe to call more than once (later calls return nothing to do).
   */
  Runnable beginClose() {
    if (!closed.compareAndSet(false, true)) {
      return () -> {};
    }
    OkHttpClient okHttp;
    ScopedHttpClient jdkClient;
    synchronized (lifecycle) {
      okHttp = client;
      jdkClient = httpClient;
    }
    RuntimeException failure = null;
    // Calls first, then the port and the connections: a call still in flight when the server
    // stops would otherwise hand its connection back to the pool after it was emptied.
    try {
      if (okHttp != null) {
        okHttp.dispatcher().cancelAll();
        okHttp.dispatcher().executorService().shutdownNow();
      }
      if (jdkClient != null) {
        jdkClient.close();
      }
    } catch (RuntimeException e) {
      failure = e;
    }
    try {
      synchronized (lifecycle) {
        PortReservation.release(reserved);
        reserved = null;
        if (wireMockServer.isListening()) {
          wireMockServer.cutOff(CUT_OFF_DEADLINE);
        }
      }
    } catch (RuntimeException e) {
      failure = Failures.add(failure, e);
    }
    // No OkHttp type in the lambda: a suite that never asked for OkHttp must not load it here.
    Runnable rest = this::finishClose;
    if (failure != null) {
      try {
        rest.run();
      } catch (RuntimeException e) {
        failure = Failures.add(failure, e);
      }
      throw failure;
    }
    return rest;
  }

  private void finishClose() {
    OkHttpClient okHttp;
    synchronized (lifecycle) {
      okHttp = client;
    }
    RuntimeException failure = null;
    try {
      synchronized (lifecycle) {
        wireMockServer.stopForGood();
      }
    } catch (RuntimeException e) {
      failure = e;
    }
    try {
      if (okHttp != null) {
        okHttp.connectionPool().evictAll();
      }
    } catch (RuntimeException e) {
      failure = Failures.add(failure, e);
    }
    try {
      files.close();
    } catch (RuntimeException e) {
      failure = Failures.add(failure, e);
    }
    if (failure != null) {
      throw failure;
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
}

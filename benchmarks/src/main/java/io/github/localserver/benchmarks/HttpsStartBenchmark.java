package io.github.localserver.benchmarks;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.localserver.LocalHttpServer;
import io.github.localserver.internal.BenchmarkAccess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * An HTTPS server made ready for a test: start it, answer a first request over a new TLS
 * connection (so that no server can defer its TLS set-up past the measurement), stop it. The
 * client trusts any certificate, for every kind.
 *
 * <ul>
 *   <li>{@code wiremock}: {@code httpDisabled(true).dynamicHttpsPort()}, with the key store
 *       WireMock ships (an RSA key, read from the jar at every start);
 *   <li>{@code mockwebserver}: a new {@code HeldCertificate} (ECDSA P-256) and {@code
 *       HandshakeCertificates} per server, as a test class that makes its own does;
 *   <li>{@code mockwebserver-shared-cert}: the certificate made once, as a careful suite would;
 *   <li>{@code localserver-fresh}: an unpooled start; the certificate and its key store are made
 *       once per JVM;
 *   <li>{@code localserver-pooled}: acquire and close on a pool, every class after the first;
 *   <li>{@code localserver-pooled-injected-client}: the same, the request made with the OkHttp
 *       client LocalServer injects instead of the benchmark's (which has {@code TCP_NODELAY}).
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class HttpsStartBenchmark {

  @Param({
    "wiremock",
    "mockwebserver",
    "mockwebserver-shared-cert",
    "localserver-fresh",
    "localserver-pooled",
    "localserver-pooled-injected-client"
  })
  public String server;

  private OkHttpClient client;
  private BenchmarkAccess.Starter pool;
  private HandshakeCertificates sharedCertificates;

  @Setup
  public void setUp() {
    client = Fixtures.trustingClient();
    pool = BenchmarkAccess.starter();
    sharedCertificates = serverCertificates();
  }

  @TearDown
  public void tearDown() {
    pool.close();
  }

  @Benchmark
  public int startServeClose() {
    switch (server) {
      case "wiremock":
        return wireMock();
      case "mockwebserver":
        return mockWebServer(serverCertificates());
      case "mockwebserver-shared-cert":
        return mockWebServer(sharedCertificates);
      case "localserver-fresh":
        return localServer(BenchmarkAccess.startFresh(true));
      case "localserver-pooled":
        return localServer(pool.acquire(true));
      case "localserver-pooled-injected-client":
        return injectedClient(pool.acquire(true));
      default:
        throw new IllegalArgumentException(server);
    }
  }

  private int wireMock() {
    WireMockServer wireMock = Fixtures.wireMockHttps();
    wireMock.start();
    try {
      return call(HttpUrl.get("https://" + Fixtures.HOST + ":" + wireMock.httpsPort() + "/"));
    } finally {
      wireMock.stop();
    }
  }

  private int mockWebServer(HandshakeCertificates certificates) {
    MockWebServer mockWebServer = new MockWebServer();
    try {
      mockWebServer.useHttps(certificates.sslSocketFactory());
      mockWebServer.enqueue(new MockResponse.Builder().code(404).build());
      mockWebServer.start(InetAddress.getByName(Fixtures.HOST), 0);
      return call(mockWebServer.url("/"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      mockWebServer.close();
    }
  }

  private int localServer(LocalHttpServer localServer) {
    try {
      return call(localServer.url("/"));
    } finally {
      BenchmarkAccess.close(localServer);
    }
  }

  private static int injectedClient(LocalHttpServer localServer) {
    try {
      return Fixtures.get(localServer.client(), localServer.url("/"));
    } finally {
      BenchmarkAccess.close(localServer); // evicts the client's connections
    }
  }

  private int call(HttpUrl url) {
    try {
      return Fixtures.get(client, url);
    } finally {
      client.connectionPool().evictAll(); // the server is gone after this call
    }
  }

  private static HandshakeCertificates serverCertificates() {
    HeldCertificate certificate =
        new HeldCertificate.Builder()
            .commonName("benchmark")
            .addSubjectAlternativeName(Fixtures.HOST)
            .addSubjectAlternativeName("localhost")
            .build();
    return new HandshakeCertificates.Builder().heldCertificate(certificate).build();
  }
}

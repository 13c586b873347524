package io.github.localserver.benchmarks;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.localserver.internal.BenchmarkAccess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ServerSocketFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import mockwebserver3.MockWebServer;
import okhttp3.ConnectionPool;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The three servers as their users start them, and the one client every benchmark uses, so that
 * only the servers differ.
 *
 * <ul>
 *   <li>raw WireMock: {@code new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort())},
 *       every other option left at its default (unbounded request journal, 25 container threads,
 *       response templating available, the default notifier);
 *   <li>MockWebServer: {@code start(127.0.0.1, 0)};
 *   <li>LocalServer: its internals through {@link BenchmarkAccess}, with the settings a plain
 *       {@code @LocalServer} resolves to.
 * </ul>
 */
final class Fixtures {

  static final String HOST = "127.0.0.1";

  private Fixtures() {}

  /** Raw WireMock, configured as a careful user would: loopback, a free port. Not started. */
  static WireMockServer wireMock() {
    return new WireMockServer(options().bindAddress(HOST).dynamicPort());
  }

  /** Raw WireMock over HTTPS only, with the key store WireMock ships. Not started. */
  static WireMockServer wireMockHttps() {
    return new WireMockServer(options().bindAddress(HOST).httpDisabled(true).dynamicHttpsPort());
  }

  /** A started MockWebServer on loopback and a free port. */
  static MockWebServer mockWebServer() {
    return mockWebServer(null);
  }

  /** The same, with server sockets from this factory ({@code null}: MockWebServer's default). */
  static MockWebServer mockWebServer(ServerSocketFactory sockets) {
    MockWebServer server = new MockWebServer();
    if (sockets != null) {
      server.setServerSocketFactory(sockets);
    }
    try {
      server.start(InetAddress.getByName(HOST), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return server;
  }

  /**
   * The benchmarks' client: HTTP/1.1, a pool large enough for 8 threads, no retries, and {@code
   * TCP_NODELAY} (LocalServer's own socket factory, {@link BenchmarkAccess#noDelaySocketFactory}).
   */
  static OkHttpClient client() {
    return new OkHttpClient.Builder()
        .socketFactory(BenchmarkAccess.noDelaySocketFactory())
        .connectionPool(new ConnectionPool(16, 5, TimeUnit.MINUTES))
        .protocols(List.of(Protocol.HTTP_1_1))
        .retryOnConnectionFailure(false)
        .connectTimeout(Duration.ofSeconds(5))
        .readTimeout(Duration.ofSeconds(10))
        .build();
  }

  /**
   * A client that trusts any certificate, for the HTTPS start benchmark: it compares servers, not
   * trust set-ups, and each server kind brings a different certificate.
   */
  static OkHttpClient trustingClient() {
    X509TrustManager trustAll =
        new X509TrustManager() {
          @Override
          public void checkClientTrusted(X509Certificate[] chain, String authType) {}

          @Override
          public void checkServerTrusted(X509Certificate[] chain, String authType) {}

          @Override
          public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
          }
        };
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {trustAll}, new SecureRandom());
      return client()
          .newBuilder()
          .sslSocketFactory(context.getSocketFactory(), trustAll)
          .hostnameVerifier((host, session) -> true)
          .build();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A GET whose body is read to the end; returns the status. */
  static int get(OkHttpClient client, HttpUrl url) {
    return execute(client, new Request.Builder().url(url).build());
  }

  /** A POST of a JSON body; returns the status. */
  static int post(OkHttpClient client, HttpUrl url, String json) {
    return execute(
        client,
        new Request.Builder().url(url).post(RequestBody.create(json, MediaType.get("application/json"))).build());
  }

  private static int execute(OkHttpClient client, Request request) {
    try (Response response = client.newCall(request).execute()) {
      response.body().bytes();
      return response.code();
    } catch (IOException e) {
      throw new UncheckedIOException(request.method() + " " + request.url() + " failed", e);
    }
  }
}

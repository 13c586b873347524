package io.github.localserver;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import okio.ByteString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * {@code https = true}: HTTPS only, with a self-signed certificate made once per run for 127.0.0.1,
 * ::1 and localhost, which the injected clients trust, and nothing else; hostnames are still
 * verified.
 */
class HttpsTest {

  private static final String UNTRUSTED = "unable to find valid certification path to requested target";

  @Test
  void servesHttpsThatTheInjectedClientsTrust() {
    EngineExecutionResults results = LocalServerTestKit.run(HttpsServerTestCase.class);

    assertThat(results.testEvents().succeeded().count()).as(LocalServerTestKit.describe(results)).isEqualTo(1);
    assertThat(LocalServerTestKit.reportedOnce(results, "url")).matches("https://127\\.0\\.0\\.1:\\d+");
    assertThat(LocalServerTestKit.reported(results, "subject alternative name"))
        .containsExactlyInAnyOrder("IP 127.0.0.1", "IP ::1", "DNS localhost");
  }

  @Test
  void injectedClientsVerifyHostnames() {
    EngineExecutionResults results = LocalServerTestKit.run(HostnameVerificationTestCase.class);

    assertThat(results.testEvents().succeeded().count()).as(LocalServerTestKit.describe(results)).isEqualTo(1);
  }

  @Test
  void injectedClientsTrustNoOtherCertificate() {
    EngineExecutionResults results = LocalServerTestKit.run(ForeignCertificateTestCase.class);

    assertThat(results.testEvents().succeeded().count()).as(LocalServerTestKit.describe(results)).isEqualTo(1);
  }

  @Test
  void clientsWithDefaultTrustFail() {
    EngineExecutionResults results = LocalServerTestKit.run(DefaultTrustTestCase.class);

    assertThat(results.testEvents().succeeded().count()).as(LocalServerTestKit.describe(results)).isEqualTo(1);
  }

  @Test
  void plainHttpToTheHttpsPortFails() {
    EngineExecutionResults results = LocalServerTestKit.run(PlainHttpTestCase.class);

    assertThat(results.testEvents().succeeded().count()).as(LocalServerTestKit.describe(results)).isEqualTo(1);
  }

  @Test
  void sslContextAndTrustManagerBuildWorkingClients() {
    EngineExecutionResults results = LocalServerTestKit.run(HandBuiltClientsTestCase.class);

    assertThat(results.testEvents().succeeded().count()).as(LocalServerTestKit.describe(results)).isEqualTo(1);
  }

  @Test
  void servesHttpsOnIpv6Loopback() {
    EngineExecutionResults results = LocalServerTestKit.run(Ipv6HttpsTestCase.class);

    assertThat(results.testEvents().succeeded().count()).as(LocalServerTestKit.describe(results)).isEqualTo(1);
    assertThat(LocalServerTestKit.reportedOnce(results, "url")).matches("https://\\[::1\\]:\\d+");
  }

  /** Made once per JVM: every HTTPS server, in one class or in separate runs, presents the same one. */
  @Test
  void everyServerPresentsTheSameCertificate() {
    EngineExecutionResults two = LocalServerTestKit.run(TwoHttpsServersTestCase.class);
    EngineExecutionResults one = LocalServerTestKit.run(HttpsServerTestCase.class);
    EngineExecutionResults ipv6 = LocalServerTestKit.run(Ipv6HttpsTestCase.class);

    assertThat(two.testEvents().succeeded().count()).as(LocalServerTestKit.describe(two)).isEqualTo(1);
    List<String> fingerprints = new ArrayList<>(LocalServerTestKit.reported(two, "certificate"));
    fingerprints.add(LocalServerTestKit.reportedOnce(one, "certificate"));
    fingerprints.add(LocalServerTestKit.reportedOnce(ipv6, "certificate"));
    assertThat(fingerprints).hasSize(4).containsOnly(fingerprints.get(0));
  }

  // ---- helpers -------------------------------------------------------------------------------

  /** GET {@code /secure} through the OkHttp client; returns the certificate the server presented. */
  private static X509Certificate fetch(OkHttpClient client, HttpUrl url) throws IOException {
    try (Response response = client.newCall(new Request.Builder().url(url).build()).execute()) {
      assertThat(response.code()).isEqualTo(200);
      assertThat(response.body().string()).isEqualTo("secret");
      assertThat(response.handshake()).as("a TLS handshake took place").isNotNull();
      return (X509Certificate) response.handshake().peerCertificates().get(0);
    }
  }

  private static void fetch(HttpClient client, URI uri) throws IOException, InterruptedException {
    HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("secret");
    assertThat(response.sslSession()).as("a TLS session").isPresent();
  }

  private static void stubSecret(LocalHttpServer server) {
    server.stubFor(get("/secure").willReturn(ok("secret")));
  }

  private static String fingerprint(X509Certificate certificate) throws Exception {
    return ByteString.of(certificate.getEncoded()).sha256().hex();
  }

  /** "IP 127.0.0.1", "IP ::1", "DNS localhost": types 7 and 2 of RFC 5280, IPs normalized. */
  private static List<String> subjectAlternativeNames(X509Certificate certificate) throws CertificateParsingException {
    List<String> names = new ArrayList<>();
    for (List<?> entry : certificate.getSubjectAlternativeNames()) {
      int type = (Integer) entry.get(0);
      String value = (String) entry.get(1);
      if (type == 7) {
        InetAddress address = literal(value);
        names.add("IP " + (address.isLoopbackAddress() && value.contains(":") ? "::1" : address.getHostAddress()));
      } else if (type == 2) {
        names.add("DNS " + value);
      } else {
        names.add("type " + type + " " + value);
      }
    }
    return names;
  }

  private static InetAddress literal(String address) {
    try {
      return InetAddress.getByName(address); // a literal: parsed, never looked up
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(address, e);
    }
  }

  private static void release(OkHttpClient client) {
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }

  /**
   * Forwards connections from 127.0.0.2 to the server on 127.0.0.1, so that a client reaches the
   * server under an address its certificate does not name. (On Linux all of 127.0.0.0/8 is
   * loopback.)
   */
  static final class Relay implements AutoCloseable {
    private final ServerSocket listener;
    private final int target;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Collection<Socket> sockets = new CopyOnWriteArrayList<>();

    Relay(int target) throws IOException {
      this.target = target;
      this.listener = new ServerSocket(0, 50, literal("127.0.0.2"));
      threads.execute(this::accept);
    }

    HttpUrl url(String path) {
      return HttpUrl.get("https://127.0.0.2:" + listener.getLocalPort() + path);
    }

    private void accept() {
      while (!listener.isClosed()) {
        try {
          Socket client = listener.accept();
          Socket server = new Socket(literal("127.0.0.1"), target);
          sockets.add(client);
          sockets.add(server);
          threads.execute(() -> pipe(client, server));
          threads.execute(() -> pipe(server, client));
        } catch (IOException e) {
          return; // closed
        }
      }
    }

    private static void pipe(Socket from, Socket to) {
      try (InputStream in = from.getInputStream()) {
        in.transferTo(to.getOutputStream());
      } catch (IOException e) {
        // one side closed: close both below
      } finally {
        closeQuietly(from);
        closeQuietly(to);
      }
    }

    private static void closeQuietly(Socket socket) {
      try {
        socket.close();
      } catch (IOException e) {
        // already closed
      }
    }

    @Override
    public void close() throws IOException {
      listener.close();
      sockets.forEach(Relay::closeQuietly);
      threads.shutdownNow();
      try {
        assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).as("relay threads ended").isTrue();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while closing the relay", e);
      }
    }
  }

  // ---- fixtures ------------------------------------------------------------------------------

  @LocalServer(https = true)
  static class HttpsServerTestCase {
    @Test
    void clientsSucceed(LocalHttpServer server, @ServerUrl String url, OkHttpClient okHttp, HttpClient jdk, TestReporter reporter)
        throws Exception {
      assertThat(server.isHttps()).isTrue();
      assertThat(server.baseUrl()).isEqualTo(url);
      stubSecret(server);
      X509Certificate certificate = fetch(okHttp, server.url("/secure"));
      fetch(jdk, server.uri("/secure"));
      reporter.publishEntry("url", url);
      reporter.publishEntry("certificate", fingerprint(certificate));
      for (String name : subjectAlternativeNames(certificate)) {
        reporter.publishEntry("subject alternative name", name);
      }
    }
  }

  @LocalServer(https = true)
  static class HostnameVerificationTestCase {
    @Test
    void refuseAnAddressTheCertificateDoesNotName(LocalHttpServer server, OkHttpClient okHttp, HttpClient jdk) throws Exception {
      stubSecret(server);
      try (Relay relay = new Relay(server.port())) {
        // Control: the relay works, and the certificate is trusted, when hostnames go unchecked.
        OkHttpClient unverified = okHttp.newBuilder().hostnameVerifier((host, session) -> true).build();
        fetch(unverified, relay.url("/secure"));
        release(unverified);

        assertThatThrownBy(() -> fetch(okHttp, relay.url("/secure")))
            .isInstanceOf(SSLPeerUnverifiedException.class)
            .hasMessageStartingWith("Hostname 127.0.0.2 not verified");
        assertThatThrownBy(() -> fetch(jdk, relay.url("/secure").uri()))
            .isInstanceOf(SSLHandshakeException.class)
            .hasMessageContaining("No subject alternative names matching IP address 127.0.0.2 found");
      }
    }
  }

  @LocalServer(https = true)
  static class ForeignCertificateTestCase {
    @Test
    void refuseAnotherSelfSignedCertificate(OkHttpClient okHttp, HttpClient jdk) throws Exception {
      HeldCertificate foreign =
          new HeldCertificate.Builder().addSubjectAlternativeName("127.0.0.1").addSubjectAlternativeName("localhost").build();
      HandshakeCertificates serverSide = new HandshakeCertificates.Builder().heldCertificate(foreign).build();
      ExecutorService acceptor = Executors.newSingleThreadExecutor();
      try (SSLServerSocket listener =
          (SSLServerSocket) serverSide.sslContext().getServerSocketFactory().createServerSocket(0, 50, literal("127.0.0.1"))) {
        acceptor.execute(
            () -> {
              while (!listener.isClosed()) {
                try (SSLSocket socket = (SSLSocket) listener.accept()) {
                  socket.startHandshake();
                } catch (IOException e) {
                  // the client gives up on the handshake, or the listener closed
                }
              }
            });
        HttpUrl url = HttpUrl.get("https://127.0.0.1:" + listener.getLocalPort() + "/secure");
        assertThatThrownBy(() -> fetch(okHttp, url)).isInstanceOf(SSLHandshakeException.class).hasMessageContaining(UNTRUSTED);
        assertThatThrownBy(() -> fetch(jdk, url.uri())).isInstanceOf(SSLHandshakeException.class).hasMessageContaining(UNTRUSTED);
      } finally {
        acceptor.shutdownNow();
        assertThat(acceptor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
      }
    }
  }

  @LocalServer(https = true)
  static class DefaultTrustTestCase {
    @Test
    void clientsOfTheirOwnDoNotTrustTheServer(LocalHttpServer server) {
      stubSecret(server);
      OkHttpClient okHttp = new OkHttpClient();
      try {
        assertThatThrownBy(() -> fetch(okHttp, server.url("/secure"))).isInstanceOf(SSLHandshakeException.class).hasMessageContaining(UNTRUSTED);
      } finally {
        release(okHttp);
      }
      HttpClient jdk = HttpClient.newHttpClient();
      assertThatThrownBy(() -> fetch(jdk, server.uri("/secure"))).isInstanceOf(SSLHandshakeException.class).hasMessageContaining(UNTRUSTED);
      assertThat(server.requests()).as("requests that reached the server").isEmpty();
    }
  }

  @LocalServer(https = true)
  static class PlainHttpTestCase {
    @Test
    void plainHttpGetsNoResponse(LocalHttpServer server, OkHttpClient okHttp, HttpClient jdk) {
      stubSecret(server);
      HttpUrl plain = server.url("/secure").newBuilder().scheme("http").build();
      assertThatThrownBy(() -> fetch(okHttp, plain)).isInstanceOf(IOException.class);
      assertThatThrownBy(() -> fetch(jdk, plain.uri())).isInstanceOf(IOException.class);
      assertThat(server.requests()).as("requests that reached the server").isEmpty();
    }
  }

  @LocalServer(name = "secure", https = true)
  @LocalServer(name = "plain")
  static class HandBuiltClientsTestCase {
    @Test
    void buildClients(@Server("secure") LocalHttpServer secure, @Server("plain") LocalHttpServer plain) throws Exception {
      stubSecret(secure);
      stubSecret(plain);

      OkHttpClient okHttp = new OkHttpClient.Builder().sslSocketFactory(secure.sslContext().getSocketFactory(), secure.trustManager()).build();
      try {
        fetch(okHttp, secure.url("/secure"));
      } finally {
        release(okHttp);
      }
      fetch(HttpClient.newBuilder().sslContext(secure.sslContext()).build(), secure.uri("/secure"));

      HttpsURLConnection connection = (HttpsURLConnection) secure.uri("/secure").toURL().openConnection();
      connection.setSSLSocketFactory(secure.sslContext().getSocketFactory());
      try (InputStream in = connection.getInputStream()) {
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("secret");
      } finally {
        connection.disconnect();
      }

      // Usable on a plain server too, for code that always configures TLS.
      OkHttpClient forPlain = new OkHttpClient.Builder().sslSocketFactory(plain.sslContext().getSocketFactory(), plain.trustManager()).build();
      try (Response response = forPlain.newCall(new Request.Builder().url(plain.url("/secure")).build()).execute()) {
        assertThat(response.body().string()).isEqualTo("secret");
      } finally {
        release(forPlain);
      }
    }
  }

  @LocalServer(host = "::1", https = true)
  static class Ipv6HttpsTestCase {
    @Test
    void clientsSucceed(LocalHttpServer server, @ServerUrl String url, OkHttpClient okHttp, HttpClient jdk, TestReporter reporter)
        throws Exception {
      stubSecret(server);
      X509Certificate certificate = fetch(okHttp, server.url("/secure"));
      fetch(jdk, server.uri("/secure"));
      reporter.publishEntry("url", url);
      reporter.publishEntry("certificate", fingerprint(certificate));
    }
  }

  @LocalServer(name = "a", https = true)
  @LocalServer(name = "b", https = true, lifecycle = Lifecycle.PER_METHOD)
  static class TwoHttpsServersTestCase {
    @Test
    void bothPresentTheirCertificate(@Server("a") LocalHttpServer a, @Server("b") LocalHttpServer b, TestReporter reporter)
        throws Exception {
      for (LocalHttpServer server : List.of(a, b)) {
        stubSecret(server);
        reporter.publishEntry("certificate", fingerprint(fetch(server.client(), server.url("/secure"))));
      }
    }
  }
}

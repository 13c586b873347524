package io.github.localserver;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.TestReporter;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * "Binds loopback only; the server is never reachable on another interface", and the {@code host}
 * attribute's loopback forms: {@code ::1}, {@code localhost}, any 127.0.0.0/8 address.
 */
// Asserts that ports refuse connections once a run ends; alone, so that no other test's server
// can meanwhile be given one of those port numbers by the OS.
@Isolated
class LoopbackOnlyTest {

  private static final int CONNECT_TIMEOUT_MILLIS = 1_000;

  /**
   * Every non-loopback address of this machine (IPv4 and IPv6) is tried against the servers'
   * ports; a connection must never be accepted, while their own loopback address connects.
   *
   * <p>An address proves something only if a socket listening on all interfaces can be reached
   * through it: that is checked first, and an address that fails even then (a firewall, an
   * interface that cannot route to itself) is left out and named in the assertion. Link-local IPv6
   * addresses are kept: NetworkInterface returns them with their scope (fe80::…%eth0), so they are
   * connectable, and the check above leaves them out on a machine where they are not.
   */
  @Test
  void serversAreReachableOnlyThroughLoopback() throws IOException {
    List<InetAddress> addresses = nonLoopbackAddresses();
    Assumptions.assumeFalse(addresses.isEmpty(), "this machine has no non-loopback address");
    Map<String, String> control = new LinkedHashMap<>();
    try (ServerSocket everywhere = new ServerSocket(0)) {
      for (InetAddress address : addresses) {
        control.put(address.getHostAddress(), attempt(address, everywhere.getLocalPort()));
      }
    }
    List<String> provable =
        control.entrySet().stream().filter(e -> e.getValue().equals("connected")).map(Map.Entry::getKey).collect(Collectors.toList());
    Assumptions.assumeFalse(provable.isEmpty(), () -> "no non-loopback address accepts connections even on all interfaces: " + control);

    EngineExecutionResults results = LocalServerTestKit.run(ThreeServersTestCase.class);

    assertThat(results.testEvents().succeeded().count()).as(LocalServerTestKit.describe(results)).isEqualTo(1);
    List<String> attempts = LocalServerTestKit.reported(results, "attempt");
    for (String server : List.of("plain", "secure", "ipv6")) {
      Map<String, String> outcomes = outcomes(attempts, server);
      assertThat(outcomes).as("%s server: what each address did", server).containsKeys(provable.toArray(new String[0]));
      for (String address : provable) {
        assertThat(outcomes.get(address))
            .as("%s server through %s (left out, unreachable even to a socket on all interfaces: %s)", server, address, control)
            .isEqualTo("refused");
      }
    }
    assertThat(attempts).contains("plain own-address connected", "secure own-address connected", "ipv6 own-address connected");
  }

  @Test
  void ipv6LoopbackServesOnABracketedUrl() {
    EngineExecutionResults results = LocalServerTestKit.run(Ipv6TestCase.class);

    assertThat(results.testEvents().succeeded().count()).as(LocalServerTestKit.describe(results)).isEqualTo(1);
    String url = LocalServerTestKit.reportedOnce(results, "url");
    assertThat(url).matches("http://\\[::1\\]:\\d+");
    assertThat(LocalServerTestKit.reportedOnce(results, "IPv4 on the same port")).isEqualTo("refused");
  }

  @Test
  void localhostBindsIpv4LoopbackAndTheUrlSaysSo() {
    EngineExecutionResults results = LocalServerTestKit.run(LocalhostTestCase.class);

    assertThat(results.testEvents().succeeded().count()).as(LocalServerTestKit.describe(results)).isEqualTo(1);
    assertThat(LocalServerTestKit.reportedOnce(results, "url")).matches("http://127\\.0\\.0\\.1:\\d+");
    assertThat(LocalServerTestKit.reportedOnce(results, "IPv6 on the same port")).isEqualTo("refused");
  }

  /** On Linux the whole of 127.0.0.0/8 is loopback: a server may bind 127.0.0.2 alone. */
  @Test
  void anotherLoopbackAddressIsBoundExactly() {
    EngineExecutionResults results = LocalServerTestKit.run(OtherLoopbackTestCase.class);

    assertThat(results.testEvents().succeeded().count()).as(LocalServerTestKit.describe(results)).isEqualTo(1);
    assertThat(LocalServerTestKit.reportedOnce(results, "url")).matches("http://127\\.0\\.0\\.2:\\d+");
    assertThat(LocalServerTestKit.reportedOnce(results, "127.0.0.1 on the same port")).isEqualTo("refused");
  }

  // ---- helpers -------------------------------------------------------------------------------

  static List<InetAddress> nonLoopbackAddresses() throws SocketException {
    List<InetAddress> addresses = new ArrayList<>();
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (!nic.isUp()) {
        continue; // its addresses cannot be connected to by anyone
      }
      for (InetAddress address : Collections.list(nic.getInetAddresses())) {
        if (!address.isLoopbackAddress()) {
          addresses.add(address);
        }
      }
    }
    return addresses;
  }

  /** "connected", "refused", "timed out" or the exception's name. */
  static String attempt(InetAddress address, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address, port), CONNECT_TIMEOUT_MILLIS);
      return "connected";
    } catch (ConnectException e) {
      return "refused";
    } catch (SocketTimeoutException e) {
      return "timed out";
    } catch (IOException e) {
      return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
  }

  static InetAddress literal(String address) {
    try {
      return InetAddress.getByName(address); // a literal: parsed, never looked up
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(address, e);
    }
  }

  private static Map<String, String> outcomes(List<String> attempts, String server) {
    Map<String, String> outcomes = new LinkedHashMap<>();
    for (String attempt : attempts) {
      String[] parts = attempt.split(" ", 3);
      if (parts[0].equals(server)) {
        outcomes.put(parts[1], parts[2]);
      }
    }
    return outcomes;
  }

  /** A GET through both injected clients reaches the server. */
  static void reachWithBothClients(LocalHttpServer server, OkHttpClient okHttp, HttpClient jdk) throws Exception {
    server.stubFor(get("/where").willReturn(ok("here")));
    try (Response response = okHttp.newCall(new Request.Builder().url(server.url("/where")).build()).execute()) {
      assertThat(response.body().string()).isEqualTo("here");
    }
    HttpResponse<String> response = jdk.send(HttpRequest.newBuilder(server.uri("/where")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.body()).isEqualTo("here");
    server.verify(2, getRequestedFor(urlEqualTo("/where")));
  }

  // ---- fixtures ------------------------------------------------------------------------------

  @LocalServer(name = "plain")
  @LocalServer(name = "secure", https = true)
  @LocalServer(name = "ipv6", host = "::1")
  static class ThreeServersTestCase {
    @Test
    void tryEveryAddress(
        @Server("plain") LocalHttpServer plain,
        @Server("secure") LocalHttpServer secure,
        @Server("ipv6") LocalHttpServer ipv6,
        TestReporter reporter)
        throws SocketException {
      for (LocalHttpServer server : List.of(plain, secure, ipv6)) {
        for (InetAddress address : nonLoopbackAddresses()) {
          reporter.publishEntry("attempt", server.name() + " " + address.getHostAddress() + " " + attempt(address, server.port()));
        }
        InetAddress own = literal(server.url("/").host());
        reporter.publishEntry("attempt", server.name() + " own-address " + attempt(own, server.port()));
      }
    }
  }

  @LocalServer(host = "::1")
  static class Ipv6TestCase {
    @Test
    void reach(LocalHttpServer server, @ServerUrl String url, OkHttpClient okHttp, HttpClient jdk, TestReporter reporter) throws Exception {
      assertThat(server.baseUrl()).isEqualTo(url);
      assertThat(server.uri("/where").getHost()).isEqualTo("[::1]");
      assertThat(server.url("/where").host()).isEqualTo("::1");
      reachWithBothClients(server, okHttp, jdk);
      reporter.publishEntry("url", url);
      reporter.publishEntry("IPv4 on the same port", attempt(literal("127.0.0.1"), server.port()));
    }
  }

  @LocalServer(host = "localhost")
  static class LocalhostTestCase {
    @Test
    void reach(LocalHttpServer server, @ServerUrl String url, OkHttpClient okHttp, HttpClient jdk, TestReporter reporter) throws Exception {
      assertThat(server.baseUrl()).isEqualTo(url);
      reachWithBothClients(server, okHttp, jdk);
      reporter.publishEntry("url", url);
      reporter.publishEntry("IPv6 on the same port", attempt(literal("::1"), server.port()));
    }
  }

  @LocalServer(host = "127.0.0.2")
  static class OtherLoopbackTestCase {
    @Test
    void reach(LocalHttpServer server, @ServerUrl String url, OkHttpClient okHttp, HttpClient jdk, TestReporter reporter) throws Exception {
      assertThat(server.baseUrl()).isEqualTo(url);
      reachWithBothClients(server, okHttp, jdk);
      reporter.publishEntry("url", url);
      reporter.publishEntry("127.0.0.1 on the same port", attempt(literal("127.0.0.1"), server.port()));
    }
  }
}

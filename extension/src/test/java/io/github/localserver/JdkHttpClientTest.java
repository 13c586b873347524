package io.github.localserver;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static io.github.localserver.LocalServerTestKit.describe;
import static io.github.localserver.LocalServerTestKit.reported;
import static io.github.localserver.LocalServerTestKit.runInOrder;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * The injected {@code java.net.http.HttpClient}: it works on the first request of every test and
 * class, right after {@code stop()}/{@code start()}, over HTTP and HTTPS; a fault reaches the code
 * exactly once; and its threads end with its scope.
 */
// Counts the JVM's HttpClient threads: alone, so that no other test's client is counted.
@Isolated
class JdkHttpClientTest {

  // The fixtures' @Order takes effect through LocalServerTestKit.runInOrder, which sets JUnit's
  // ClassOrderer.OrderAnnotation for the run.

  private static final Pattern CLIENT_THREAD = Pattern.compile("HttpClient-\\d+-.*|localserver-jdk-client-.*");

  @ParameterizedTest(name = "https = {0}")
  @ValueSource(booleans = {false, true})
  void worksRightAfterAnOutageEndsOverHttpAndHttps(boolean https) {
    EngineExecutionResults results =
        LocalServerTestKit.run(https ? OutageOverHttpsTestCase.class : OutageOverHttpTestCase.class);

    assertThat(results.testEvents().succeeded().count()).as(describe(results)).isEqualTo(1);
    assertThat(reported(results, "after restart")).containsExactly("200 200 200 200 200");
  }

  @Test
  void worksOnTheFirstRequestOfEveryClassOfASuite() {
    EngineExecutionResults results =
        runInOrder(
            List.of(
                FirstRequestTestCase.class,
                SecondFirstRequestTestCase.class,
                ThirdFirstRequestTestCase.class,
                OutageOverHttpTestCase.class,
                FourthFirstRequestTestCase.class));

    assertThat(results.testEvents().succeeded().count()).as(describe(results)).isEqualTo(5);
    assertThat(reported(results, "first request")).containsExactly("200", "200", "200", "200");
  }

  @Test
  void aFaultReachesTheCodeExactlyOnce() {
    EngineExecutionResults results = LocalServerTestKit.run(FaultOnceTestCase.class);

    assertThat(results.testEvents().succeeded().count()).as(describe(results)).isEqualTo(1);
    assertThat(reported(results, "requests")).containsExactly("1");
  }

  @Test
  void itsThreadsEndWithItsScope() throws InterruptedException {
    List<String> before = clientThreads();
    EngineExecutionResults results =
        runInOrder(List.of(FirstRequestTestCase.class, SecondFirstRequestTestCase.class, OutageOverHttpTestCase.class));
    assertThat(results.testEvents().succeeded().count()).as(describe(results)).isEqualTo(3);

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    List<String> left = clientThreads();
    left.removeAll(before);
    while (!left.isEmpty() && System.nanoTime() < deadline) {
      System.gc(); // on Java 17 a JDK client's selector thread ends once the client is unreachable
      TimeUnit.MILLISECONDS.sleep(100);
      left = clientThreads();
      left.removeAll(before);
    }
    assertThat(left).as("JDK client threads alive 20 s after the run").isEmpty();
  }

  private static List<String> clientThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(name -> CLIENT_THREAD.matcher(name).matches())
        .collect(Collectors.toList());
  }

  static String get200(HttpClient jdk, LocalHttpServer server, String path) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(server.uri(path)).timeout(Duration.ofSeconds(5)).build();
    return String.valueOf(jdk.send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
  }

  static String outageThenFiveCalls(LocalHttpServer server, HttpClient jdk) throws IOException, InterruptedException {
    server.stubFor(get("/ping").willReturn(ok()));
    get200(jdk, server, "/ping");
    server.stop();
    server.start();
    StringBuilder codes = new StringBuilder();
    for (int i = 0; i < 5; i++) {
      codes.append(i == 0 ? "" : " ").append(get200(jdk, server, "/ping"));
    }
    return codes.toString();
  }

  @LocalServer
  @Order(4)
  static class OutageOverHttpTestCase {
    @Test
    void outage(LocalHttpServer server, HttpClient jdk, TestReporter reporter) throws Exception {
      reporter.publishEntry("after restart", outageThenFiveCalls(server, jdk));
    }
  }

  @LocalServer(https = true)
  static class OutageOverHttpsTestCase {
    @Test
    void outage(LocalHttpServer server, HttpClient jdk, TestReporter reporter) throws Exception {
      reporter.publishEntry("after restart", outageThenFiveCalls(server, jdk));
    }
  }

  abstract static class FirstRequestBase {
    @Test
    void firstRequest(LocalHttpServer server, HttpClient jdk, TestReporter reporter) throws Exception {
      server.stubFor(get("/first").willReturn(ok()));
      reporter.publishEntry("first request", get200(jdk, server, "/first"));
    }
  }

  @LocalServer
  @Order(1)
  static class FirstRequestTestCase extends FirstRequestBase {}

  @LocalServer
  @Order(2)
  static class SecondFirstRequestTestCase extends FirstRequestBase {}

  @LocalServer
  @Order(3)
  static class ThirdFirstRequestTestCase extends FirstRequestBase {}

  @LocalServer
  @Order(5)
  static class FourthFirstRequestTestCase extends FirstRequestBase {}

  @LocalServer
  static class FaultOnceTestCase {
    @Test
    void fault(LocalHttpServer server, HttpClient jdk, TestReporter reporter) throws InterruptedException {
      server.stubFor(get("/reset").willReturn(Faults.connectionReset()));
      try {
        get200(jdk, server, "/reset");
        throw new AssertionError("the reset did not reach the code");
      } catch (IOException expected) {
        reporter.publishEntry("requests", String.valueOf(server.requests().size()));
      }
    }
  }
}

package io.github.localserver;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * "Correct under JUnit parallel execution (classes and methods concurrent): no test ever sees
 * another test's stubs or requests, and no two servers collide on a port."
 *
 * <p>Every fixture test stubs the same path with its own value, calls it three times and checks it
 * got its own value, that its journal holds exactly its own three requests and that {@code
 * verify} counts only those. The test then checks that the run really was concurrent (tests of
 * per-test servers overlapped in time) and that servers running at the same time had distinct
 * ports.
 */
class ParallelIsolationTest {

  private static final int REPETITIONS = 10;

  /** Each response is held back a little so that concurrently scheduled tests overlap. */
  private static final int RESPONSE_DELAY_MILLIS = 100;

  @Test
  void concurrentTestsSeeOnlyTheirOwnStubsAndRequests() {
    EngineExecutionResults results =
        LocalServerTestKit.runParallel(
            8,
            PerClassTestCase.class,
            PerMethodTestCase.class,
            MethodLevelTestCase.class,
            NestedTestCase.class,
            ProgrammaticStaticTestCase.class,
            ProgrammaticInstanceTestCase.class);

    String account = LocalServerTestKit.describe(results);
    assertThat(results.allEvents().failed().count()).as(account).isZero();
    assertThat(results.testEvents().succeeded().count()).as(account).isEqualTo(7L * REPETITIONS);

    List<Run> runs = LocalServerTestKit.reported(results, "run").stream().map(Run::parse).collect(Collectors.toList());
    assertThat(runs).hasSize(7 * REPETITIONS);
    for (String perTest : List.of("PerMethod", "MethodLevel", "ProgrammaticStatic", "ProgrammaticInstance")) {
      List<Run> ofFixture = runs.stream().filter(r -> r.fixture().equals(perTest)).collect(Collectors.toList());
      long overlapping = ofFixture.stream().filter(r -> ofFixture.stream().anyMatch(o -> o != r && o.overlaps(r))).count();
      assertThat(overlapping)
          .as("%s tests that ran at the same time as another of its tests, of %d", perTest, ofFixture.size())
          // Two suffice to prove the per-test servers ran concurrently; how many more depends on
          // the machine's load, which this test does not control.
          .isGreaterThanOrEqualTo(2);
    }
    for (Run run : runs) {
      for (Run other : runs) {
        if (!run.server().equals(other.server()) && run.overlaps(other)) {
          assertThat(run.port()).as("ports of %s and %s, which ran at the same time", run, other).isNotEqualTo(other.port());
        }
      }
    }
  }

  /**
   * One test's run: its fixture, the server it used (a class's name for a shared server, the
   * test's own value for a per-test one), that server's port, and when it started and ended.
   */
  record Run(String fixture, String server, int port, long start, long end) {
    static Run parse(String reported) {
      String[] parts = reported.split(" ");
      return new Run(parts[0], parts[1], Integer.parseInt(parts[2]), Long.parseLong(parts[3]), Long.parseLong(parts[4]));
    }

    boolean overlaps(Run other) {
      return start < other.end && other.start < end;
    }
  }

  // ---- what every fixture test does ----------------------------------------------------------

  /**
   * Stubs GET /value with a value of its own, asks for it three times (twice with OkHttp, once with
   * the JDK client), and checks that it saw only its own stub and requests.
   *
   * @param sharedServer the name of the shared server, or {@code null} for a per-test server
   */
  private static void exercise(
      String fixture, String sharedServer, LocalHttpServer server, OkHttpClient okHttp, HttpClient jdk, TestReporter reporter)
      throws IOException, InterruptedException {
    long start = System.nanoTime();
    String mine = UUID.randomUUID().toString();
    server.stubFor(get("/value").willReturn(ok(mine).withFixedDelay(RESPONSE_DELAY_MILLIS)));

    for (int i = 0; i < 2; i++) {
      Request request = new Request.Builder().url(server.url("/value")).header("X-Test", mine).build();
      try (Response response = okHttp.newCall(request).execute()) {
        assertThat(response.body().string()).as("OkHttp call %d", i).isEqualTo(mine);
      }
    }
    HttpResponse<String> response =
        jdk.send(HttpRequest.newBuilder(server.uri("/value")).header("X-Test", mine).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.body()).as("JDK call").isEqualTo(mine);

    List<LoggedRequest> requests = server.requests();
    assertThat(requests).as("journal").hasSize(3);
    assertThat(requests).allSatisfy(r -> assertThat(r.getUrl()).isEqualTo("/value"));
    assertThat(requests).allSatisfy(r -> assertThat(r.getHeader("X-Test")).isEqualTo(mine));
    server.verify(3, getRequestedFor(urlEqualTo("/value")));
    server.verify(3, getRequestedFor(urlEqualTo("/value")).withHeader("X-Test", equalTo(mine)));
    assertThat(server.unmatchedRequests()).isEmpty();

    String key = sharedServer != null ? sharedServer : mine;
    reporter.publishEntry(
        Map.of("run", fixture + " " + key + " " + server.port() + " " + start + " " + System.nanoTime()));
  }

  private static String fetch(OkHttpClient okHttp, LocalHttpServer server, String path) throws IOException {
    try (Response response = okHttp.newCall(new Request.Builder().url(server.url(path)).build()).execute()) {
      return response.code() + " " + response.body().string();
    }
  }

  // ---- fixtures ------------------------------------------------------------------------------

  @LocalServer
  static class PerClassTestCase {
    @RepeatedTest(REPETITIONS)
    void isolated(LocalHttpServer server, OkHttpClient okHttp, HttpClient jdk, TestReporter reporter) throws Exception {
      exercise("PerClass", "PerClass", server, okHttp, jdk, reporter);
    }
  }

  @LocalServer(lifecycle = Lifecycle.PER_METHOD)
  static class PerMethodTestCase {
    @RepeatedTest(REPETITIONS)
    void isolated(LocalHttpServer server, OkHttpClient okHttp, HttpClient jdk, TestReporter reporter) throws Exception {
      exercise("PerMethod", null, server, okHttp, jdk, reporter);
    }
  }

  static class MethodLevelTestCase {
    @RepeatedTest(REPETITIONS)
    @LocalServer
    void isolated(LocalHttpServer server, OkHttpClient okHttp, HttpClient jdk, TestReporter reporter) throws Exception {
      exercise("MethodLevel", null, server, okHttp, jdk, reporter);
    }
  }

  /**
   * One PER_CLASS server shared by the outer class and two nested classes running at the same
   * time, each with its own {@code @BeforeAll} baseline: each sees its own baseline and its
   * enclosing class's, never a sibling's, and never another test's stubs.
   */
  @LocalServer(failOnUnmatched = false)
  static class NestedTestCase {
    @BeforeAll
    static void baseline(LocalHttpServer server) {
      server.stubFor(get("/outer-baseline").willReturn(ok("outer")));
    }

    @RepeatedTest(REPETITIONS / 2)
    void outer(LocalHttpServer server, OkHttpClient okHttp, HttpClient jdk, TestReporter reporter) throws Exception {
      exercise("Nested", "Nested", server, okHttp, jdk, reporter);
      assertThat(fetch(okHttp, server, "/outer-baseline")).isEqualTo("200 outer");
      assertThat(fetch(okHttp, server, "/inner-baseline")).startsWith("404 ");
      assertThat(server.requests()).hasSize(5);
    }

    @Nested
    class InnerA {
      @BeforeAll
      static void baseline(LocalHttpServer server) {
        server.stubFor(get("/inner-baseline").willReturn(ok("a")));
      }

      @RepeatedTest(REPETITIONS)
      void inner(LocalHttpServer server, OkHttpClient okHttp, HttpClient jdk, TestReporter reporter) throws Exception {
        exercise("Nested", "Nested", server, okHttp, jdk, reporter);
        assertThat(fetch(okHttp, server, "/outer-baseline")).isEqualTo("200 outer");
        assertThat(fetch(okHttp, server, "/inner-baseline")).isEqualTo("200 a");
        assertThat(server.requests()).hasSize(5);
      }
    }

    @Nested
    class InnerB {
      @BeforeAll
      static void baseline(LocalHttpServer server) {
        server.stubFor(get("/inner-baseline").willReturn(ok("b")));
      }

      @RepeatedTest(REPETITIONS / 2)
      void inner(LocalHttpServer server, OkHttpClient okHttp, HttpClient jdk, TestReporter reporter) throws Exception {
        exercise("Nested", "Nested", server, okHttp, jdk, reporter);
        assertThat(fetch(okHttp, server, "/outer-baseline")).isEqualTo("200 outer");
        assertThat(fetch(okHttp, server, "/inner-baseline")).isEqualTo("200 b");
        assertThat(server.requests()).hasSize(5);
      }
    }
  }

  /** One extension object, one server per test: the object must stand for each test's own. */
  static class ProgrammaticStaticTestCase {
    @RegisterExtension
    static LocalServerExtension api = LocalServerExtension.builder().lifecycle(Lifecycle.PER_METHOD).build();

    @RepeatedTest(REPETITIONS)
    void isolated(TestReporter reporter) throws Exception {
      exercise("ProgrammaticStatic", null, api, api.client(), api.httpClient(), reporter);
    }
  }

  static class ProgrammaticInstanceTestCase {
    @RegisterExtension
    LocalServerExtension api = LocalServerExtension.builder().build();

    @RepeatedTest(REPETITIONS)
    void isolated(TestReporter reporter) throws Exception {
      exercise("ProgrammaticInstance", null, api, api.client(), api.httpClient(), reporter);
    }
  }
}

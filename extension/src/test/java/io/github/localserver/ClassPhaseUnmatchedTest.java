package io.github.localserver;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static io.github.localserver.LocalServerTestKit.describe;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;
import org.opentest4j.AssertionFailedError;

/**
 * Requests that match no stub fail their scope wherever they are made: in a test or its
 * {@code @BeforeEach}/{@code @AfterEach} (the test fails), and in {@code @BeforeAll} or {@code
 * @AfterAll} (the class fails), each with WireMock's diff against the nearest stub.
 */
class ClassPhaseUnmatchedTest {

  static void call(LocalHttpServer server, String path) throws IOException {
    OkHttpClient http = server.client();
    try (Response response = http.newCall(new Request.Builder().url(server.url(path)).build()).execute()) {
      response.body().string();
    }
  }

  @Test
  void unmatchedRequestsOfBeforeAllAndAfterAllFailTheClass() {
    EngineExecutionResults results = LocalServerTestKit.run(ClassPhasesTestCase.class);

    assertThat(results.testEvents().succeeded().count()).as(describe(results)).isEqualTo(1);
    List<Event> failed = results.containerEvents().failed().list();
    assertThat(failed).as(describe(results)).hasSize(1);
    Throwable failure = LocalServerTestKit.failure(failed.get(0));
    assertThat(failure).isInstanceOf(AssertionFailedError.class);
    assertThat(failure.getMessage())
        .startsWith("In @BeforeAll or @AfterAll of ClassPhasesTestCase: The default server (http://127.0.0.1:")
        .contains(") received 2 requests that matched no stub:\n\n  GET /in-before-all\n")
        .contains("\n\n  GET /in-after-all\n")
        .doesNotContain("\n\n  GET /in-test")
        .contains("Nearest stub on the left, the request on the right:");
  }

  @Test
  void aNestedClassesBeforeAllRequestsFailTheNestedClassOnly() {
    EngineExecutionResults results = LocalServerTestKit.run(OuterTestCase.class);

    assertThat(results.testEvents().succeeded().count()).as(describe(results)).isEqualTo(2);
    List<Event> failed = results.containerEvents().failed().list();
    assertThat(failed).as(describe(results)).hasSize(1);
    assertThat(failed.get(0).getTestDescriptor().getDisplayName()).isEqualTo("Inner");
    assertThat(LocalServerTestKit.failure(failed.get(0)).getMessage())
        .startsWith("In @BeforeAll or @AfterAll of Inner: ")
        .contains("GET /in-nested-before-all")
        .doesNotContain("\n\n  GET /in-outer-test");
  }

  @Test
  void withFailOnUnmatchedOffTheyPass() {
    EngineExecutionResults results = LocalServerTestKit.run(ClassPhasesTestCase.class, "localserver.fail-on-unmatched", "false");

    assertThat(results.containerEvents().failed().count()).as(describe(results)).isZero();
  }

  @LocalServer
  static class ClassPhasesTestCase {
    @BeforeAll
    static void setUp(LocalHttpServer server) throws IOException {
      server.stubFor(get("/in-test").willReturn(ok()));
      call(server, "/in-before-all");
    }

    @Test
    void callsAStub(LocalHttpServer server) throws IOException {
      call(server, "/in-test");
    }

    @AfterAll
    static void tearDown(LocalHttpServer server) throws IOException {
      call(server, "/in-after-all");
    }
  }

  @LocalServer
  static class OuterTestCase {
    @Test
    void outerTest(LocalHttpServer server) throws IOException {
      server.stubFor(get("/in-outer-test").willReturn(ok()));
      call(server, "/in-outer-test");
    }

    @Nested
    class Inner {
      @BeforeAll
      static void setUp(LocalHttpServer server) throws IOException {
        call(server, "/in-nested-before-all");
      }

      @Test
      void innerTest() {}
    }
  }
}

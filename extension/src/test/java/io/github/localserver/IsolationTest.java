package io.github.localserver;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static io.github.localserver.LocalServerTestKit.describe;
import static io.github.localserver.LocalServerTestKit.reported;
import static io.github.localserver.LocalServerTestKit.reportedOnce;
import static io.github.localserver.LocalServerTestKit.runInOrder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.github.tomakehurst.wiremock.recording.RecordingStatus;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * Isolation by construction: every scope gets a server nothing else touched, on a port of its own
 * that refuses connections once the scope ends. Each test runs two fixture classes (or two tests
 * of one class) in one launcher, in a fixed order ({@code ClassOrderer.OrderAnnotation} or {@code
 * @TestMethodOrder}), the first doing what a test or its code under test may do to its server, the
 * second checking that none of it reached it.
 */
// Asserts that ports refuse connections once a scope ends; alone, so that no other test's server
// can meanwhile be given one of those port numbers by the OS.
@Isolated
class IsolationTest {

  private static final String OPEN_ADMIN = "localserver.admin-api";

  // ---- 1. a shutdown asked for through the admin API -------------------------------------------

  @Test
  void aServerShutDownThroughItsHandleDoesNotReachTheNextClass() {
    EngineExecutionResults results = runInOrder(List.of(ShutsDownThroughTheDslTestCase.class, CallsThreeTimesTestCase.class));

    assertThat(results.testEvents().succeeded().count()).as(describe(results)).isEqualTo(2);
    assertThat(reportedOnce(results, "three calls")).isEqualTo("200 200 200");
    assertThat(reportedOnce(results, "port")).isNotEqualTo(reportedOnce(results, "shut down port"));
  }

  @Test
  void aServerShutDownOverHttpDoesNotReachTheNextClass() {
    EngineExecutionResults results =
        runInOrder(List.of(ShutsDownOverHttpTestCase.class, CallsThreeTimesTestCase.class), OPEN_ADMIN, "open");

    assertThat(results.testEvents().succeeded().count()).as(describe(results)).isEqualTo(2);
    assertThat(reportedOnce(results, "shutdown answer")).isEqualTo("200");
    assertThat(reportedOnce(results, "three calls")).isEqualTo("200 200 200");
  }

  @Test
  void theNextTestOfAClassFindsItsServerListeningAfterAShutdown() {
    EngineExecutionResults results = LocalServerTestKit.run(ShutdownThenNextTestTestCase.class, OPEN_ADMIN, "open");

    assertThat(results.testEvents().succeeded().count()).as(describe(results)).isEqualTo(3);
    assertThat(reported(results, "three calls")).containsExactly("200 200 200", "200 200 200");
  }

  // ---- 2. files written through the admin API --------------------------------------------------

  @Test
  void aFileWrittenByOneClassIsNotServedToTheNextOrToALaterRun() throws IOException {
    EngineExecutionResults first =
        runInOrder(List.of(WritesAFileTestCase.class, LooksForTheFileTestCase.class), OPEN_ADMIN, "open");
    EngineExecutionResults later = runInOrder(List.of(LooksForTheFileTestCase.class), OPEN_ADMIN, "open");

    assertThat(first.testEvents().succeeded().count()).as(describe(first)).isEqualTo(2);
    assertThat(reportedOnce(first, "write")).isEqualTo("200");
    assertThat(reportedOnce(first, "read by its writer")).isEqualTo("200 written by the first class");
    assertThat(reportedOnce(first, "read by the next class")).isEqualTo("404");
    assertThat(reportedOnce(later, "read by the next class")).isEqualTo("404");
    try (var temp = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      assertThat(temp.filter(dir -> Files.exists(dir.resolve("__files").resolve("written.txt"))))
          .as("files folders left in the temporary directory with the written file")
          .isEmpty();
    }
  }

  @Test
  void aFileWrittenToAServerWithStubFilesLandsNeitherInTheStubFolderNorInTheNextClass() throws IOException {
    Path stubFolder = Path.of("target", "test-classes", "stubs", "orders", "__files");
    EngineExecutionResults results =
        runInOrder(List.of(WritesAFileWithMappingsTestCase.class, LooksForTheFileWithMappingsTestCase.class), OPEN_ADMIN, "open");

    assertThat(results.testEvents().succeeded().count()).as(describe(results)).isEqualTo(2);
    assertThat(reportedOnce(results, "write")).isEqualTo("200");
    assertThat(reportedOnce(results, "read by the next class")).isEqualTo("404");
    assertThat(stubFolder.resolve("written.txt")).doesNotExist();
  }

  // ---- 3. a recording left on ------------------------------------------------------------------

  @Test
  void aRecordingLeftOnEndsWithItsScope() {
    EngineExecutionResults results =
        runInOrder(List.of(LeavesARecordingOnTestCase.class, ChecksTheRecorderTestCase.class));

    assertThat(results.testEvents().succeeded().count()).as(describe(results)).isEqualTo(3);
    assertThat(reported(results, "recording")).containsExactly("Recording", "NeverStarted", "Stopped");
  }

  // ---- 4. abandoned delayed responses ----------------------------------------------------------

  @Test
  void abandonedDelayedResponsesHoldNoWorkerForTheNextClassOrTest() {
    EngineExecutionResults results =
        runInOrder(List.of(AbandonsDelayedCallsTestCase.class, CallsOnceQuicklyTestCase.class));

    assertThat(results.testEvents().succeeded().count()).as(describe(results)).isEqualTo(3);
    assertThat(reported(results, "abandoned")).containsExactly("30");
    assertThat(reported(results, "next call")).containsExactly("200", "200");
  }

  @Test
  void noThreadKeepsSleepingForADelayedResponseOnceItsScopeEnded() throws InterruptedException {
    EngineExecutionResults results = runInOrder(List.of(AbandonsDelayedCallsTestCase.class));

    assertThat(results.testEvents().succeeded().count()).as(describe(results)).isEqualTo(2);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    List<String> serving = servingThreads();
    while (!serving.isEmpty() && System.nanoTime() < deadline) {
      Thread.onSpinWait();
      TimeUnit.MILLISECONDS.sleep(20);
      serving = servingThreads();
    }
    assertThat(serving).as("threads still serving a response of an ended scope").isEmpty();
  }

  private static List<String> servingThreads() {
    List<String> names = new ArrayList<>();
    Thread.getAllStackTraces()
        .forEach(
            (thread, stack) -> {
              for (StackTraceElement frame : stack) {
                if (frame.getClassName().startsWith("com.github.tomakehurst.wiremock.servlet.WireMockHandlerDispatchingServlet")) {
                  names.add(thread.getName());
                  return;
                }
              }
            });
    return names;
  }

  // ---- 5. a late request of an ended class ------------------------------------------------------

  @Test
  void aLateRequestOfAnEndedClassIsRefusedAndNeverReachesTheNextClassesServer() {
    EngineExecutionResults results = runInOrder(List.of(LeavesALateCallerTestCase.class, SendsTheLateCallTestCase.class));

    assertThat(results.testEvents().succeeded().count()).as(describe(results)).isEqualTo(2);
    assertThat(reportedOnce(results, "late call")).isEqualTo("ConnectException");
    assertThat(reportedOnce(results, "requests of the next class")).isEqualTo("0");
  }

  @Test
  void eachOfAHundredPerTestServersRefusesConnectionsTheMomentItsTestHasFinished() {
    // Probed from the launcher's listener when each test has finished: its scope has just ended,
    // before the next test starts and before anything in the background could stop the server.
    Map<String, Integer> ports = new ConcurrentHashMap<>();
    List<String> outcomes = new CopyOnWriteArrayList<>();
    TestExecutionListener probe =
        new TestExecutionListener() {
          @Override
          public void reportingEntryPublished(TestIdentifier test, ReportEntry entry) {
            String port = entry.getKeyValuePairs().get("port");
            if (port != null) {
              ports.put(test.getUniqueId(), Integer.valueOf(port));
            }
          }

          @Override
          public void executionFinished(TestIdentifier test, TestExecutionResult result) {
            Integer port = ports.remove(test.getUniqueId());
            if (port != null) {
              outcomes.add(result.getStatus() + " then " + (accepts(port) ? "accepting" : "refused"));
            }
          }
        };
    LauncherFactory.create()
        .execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(ManyPerMethodPortsTestCase.class)).build(), probe);

    assertThat(outcomes).hasSize(100).containsOnly("SUCCESSFUL then refused");
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      return true;
    } catch (IOException refused) {
      return false;
    }
  }

  @Test
  void aConnectionKeptOpenByTheCodeUnderTestIsCutWhenItsClassEnds() {
    EngineExecutionResults results =
        runInOrder(List.of(KeepsAConnectionOpenTestCase.class, ReadsTheKeptConnectionTestCase.class));

    assertThat(results.testEvents().succeeded().count()).as(describe(results)).isEqualTo(2);
    assertThat(reportedOnce(results, "kept connection")).isEqualTo("200, kept alive");
    assertThat(reportedOnce(results, "after its class")).isEqualTo("cut");
  }

  @Test
  void aPerTestServersPortRefusesConnectionsOnceItsTestEnded() {
    EngineExecutionResults results = LocalServerTestKit.run(PerMethodPortsTestCase.class);

    assertThat(results.testEvents().succeeded().count()).as(describe(results)).isEqualTo(2);
    assertThat(reportedOnce(results, "previous test's port")).isEqualTo("refused");
    assertThat(reported(results, "port")).doesNotHaveDuplicates();
  }

  // ---- 6. a handle kept past its scope ---------------------------------------------------------

  @Test
  void everyPartOfAHandleKeptPastItsClassFailsSayingItsScopeEnded() {
    EngineExecutionResults results = runInOrder(List.of(KeepsItsHandleTestCase.class, UsesTheKeptHandleTestCase.class));

    assertThat(results.testEvents().succeeded().count()).as(describe(results)).isEqualTo(2);
    String ended = "IllegalStateException: The default server is closed: its scope has ended";
    for (String part : List.of("client()", "baseUrl()", "sslContext()", "trustManager()", "httpClient()", "stubFor", "requests()", "uri()")) {
      assertThat(reportedOnce(results, part)).as(part).isEqualTo(ended);
    }
    assertThat(reportedOnce(results, "kept OkHttpClient")).startsWith("IOException: This OkHttpClient belongs to the server at http://127.0.0.1:").endsWith(", whose scope has ended; use the client injected into the current test");
    assertThat(reportedOnce(results, "kept HttpClient")).startsWith("IOException: This HttpClient belongs to the server at http://127.0.0.1:").contains("whose scope has ended");
    assertThat(reportedOnce(results, "requests of the next class")).isEqualTo("0");
  }

  // ---- helpers ---------------------------------------------------------------------------------

  static String threeCalls(OkHttpClient http, LocalHttpServer server) throws IOException {
    server.stubFor(get("/ping").willReturn(ok("pong")));
    StringBuilder codes = new StringBuilder();
    for (int i = 0; i < 3; i++) {
      codes.append(i == 0 ? "" : " ").append(call(http, server.uri("/ping").toString()));
    }
    return codes.toString();
  }

  static int call(OkHttpClient http, String url) throws IOException {
    try (Response response = http.newCall(new Request.Builder().url(url).build()).execute()) {
      return response.code();
    }
  }

  static String callWithBody(OkHttpClient http, String url) throws IOException {
    try (Response response = http.newCall(new Request.Builder().url(url).build()).execute()) {
      return response.code() + (response.code() == 200 ? " " + response.body().string() : "");
    }
  }

  static String outcome(ThrowingSupplier action) {
    try {
      return "returned " + action.get();
    } catch (Exception e) {
      return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
  }

  interface ThrowingSupplier {
    Object get() throws Exception;
  }

  static void assertRefused(int port) {
    assertThatThrownBy(
            () -> {
              try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
              }
            })
        .isInstanceOf(ConnectException.class);
  }

  // ---- fixtures --------------------------------------------------------------------------------

  @LocalServer
  @Order(1)
  static class ShutsDownThroughTheDslTestCase {
    @Test
    void shutsDown(LocalHttpServer server, TestReporter reporter) {
      reporter.publishEntry("shut down port", String.valueOf(server.port()));
      server.wireMock().shutdown();
    }
  }

  @LocalServer
  @Order(1)
  static class ShutsDownOverHttpTestCase {
    @Test
    void shutsDown(LocalHttpServer server, OkHttpClient http, TestReporter reporter) throws IOException {
      Request shutdown = new Request.Builder().url(server.url("/__admin/shutdown")).post(RequestBody.create(new byte[0])).build();
      try (Response response = http.newCall(shutdown).execute()) {
        reporter.publishEntry("shutdown answer", String.valueOf(response.code()));
      }
    }
  }

  @LocalServer
  @Order(2)
  static class CallsThreeTimesTestCase {
    @Test
    void callsThreeTimes(LocalHttpServer server, OkHttpClient http, TestReporter reporter) throws IOException {
      reporter.publishEntry("port", String.valueOf(server.port()));
      reporter.publishEntry("three calls", threeCalls(http, server));
    }
  }

  @LocalServer
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class ShutdownThenNextTestTestCase {
    @Test
    @Order(1)
    void shutsDownThroughTheDsl(LocalHttpServer server) {
      server.wireMock().shutdown();
    }

    @Test
    @Order(2)
    void findsItListeningAndShutsDownOverHttp(LocalHttpServer server, OkHttpClient http, TestReporter reporter)
        throws IOException {
      reporter.publishEntry("three calls", threeCalls(http, server));
      Request shutdown = new Request.Builder().url(server.url("/__admin/shutdown")).post(RequestBody.create(new byte[0])).build();
      http.newCall(shutdown).execute().close();
    }

    @Test
    @Order(3)
    void findsItListeningAgain(LocalHttpServer server, OkHttpClient http, TestReporter reporter) throws IOException {
      reporter.publishEntry("three calls", threeCalls(http, server));
    }
  }

  @LocalServer(failOnUnmatched = false)
  @Order(1)
  static class WritesAFileTestCase {
    @Test
    void writes(LocalHttpServer server, OkHttpClient http, TestReporter reporter) throws IOException {
      Request put =
          new Request.Builder()
              .url(server.url("/__admin/files/written.txt"))
              .put(RequestBody.create("written by the first class", MediaType.get("text/plain")))
              .build();
      try (Response response = http.newCall(put).execute()) {
        reporter.publishEntry("write", String.valueOf(response.code()));
      }
      reporter.publishEntry("read by its writer", callWithBody(http, server.uri("/written.txt").toString()));
    }
  }

  @LocalServer(failOnUnmatched = false)
  @Order(2)
  static class LooksForTheFileTestCase {
    @Test
    void looks(LocalHttpServer server, OkHttpClient http, TestReporter reporter) throws IOException {
      reporter.publishEntry("read by the next class", callWithBody(http, server.uri("/written.txt").toString()));
    }
  }

  @LocalServer(failOnUnmatched = false, mappings = "stubs/orders")
  @Order(1)
  static class WritesAFileWithMappingsTestCase {
    @Test
    void writes(LocalHttpServer server, OkHttpClient http, TestReporter reporter) throws IOException {
      Request put =
          new Request.Builder()
              .url(server.url("/__admin/files/written.txt"))
              .put(RequestBody.create("written", MediaType.get("text/plain")))
              .build();
      try (Response response = http.newCall(put).execute()) {
        reporter.publishEntry("write", String.valueOf(response.code()));
      }
    }
  }

  @LocalServer(failOnUnmatched = false, mappings = "stubs/orders")
  @Order(2)
  static class LooksForTheFileWithMappingsTestCase {
    @Test
    void looks(LocalHttpServer server, OkHttpClient http, TestReporter reporter) throws IOException {
      reporter.publishEntry("read by the next class", callWithBody(http, server.uri("/written.txt").toString()));
    }
  }

  @LocalServer
  @Order(1)
  static class LeavesARecordingOnTestCase {
    @Test
    void startsRecording(LocalHttpServer server, TestReporter reporter) {
      server.wireMock().startStubRecording(Faults.refusedUrl());
      reporter.publishEntry("recording", server.wireMock().getStubRecordingStatus().getStatus().name());
    }
  }

  @LocalServer
  @Order(2)
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class ChecksTheRecorderTestCase {
    @Test
    @Order(1)
    void findsNoRecordingAndLeavesOneOn(LocalHttpServer server, TestReporter reporter) {
      RecordingStatus status = server.wireMock().getStubRecordingStatus().getStatus();
      reporter.publishEntry("recording", status.name());
      server.wireMock().startStubRecording(Faults.refusedUrl());
    }

    @Test
    @Order(2)
    void findsTheClassesRecordingStopped(LocalHttpServer server, TestReporter reporter) {
      reporter.publishEntry("recording", server.wireMock().getStubRecordingStatus().getStatus().name());
    }
  }

  @LocalServer
  @Order(1)
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class AbandonsDelayedCallsTestCase {
    @Test
    @Order(1)
    void abandonsThirtyDelayedCalls(LocalHttpServer server, TestReporter reporter) throws InterruptedException {
      server.stubFor(get("/slow").willReturn(Faults.delayed(ok("late"), Duration.ofSeconds(20))));
      OkHttpClient impatient = server.client().newBuilder().callTimeout(Duration.ofMillis(300)).build();
      CountDownLatch gaveUp = new CountDownLatch(30);
      for (int i = 0; i < 30; i++) {
        impatient.newCall(new Request.Builder().url(server.url("/slow")).build()).enqueue(new Callback() {
          @Override
          public void onFailure(Call call, IOException e) {
            gaveUp.countDown();
          }

          @Override
          public void onResponse(Call call, Response response) {
            response.close();
          }
        });
      }
      assertThat(gaveUp.await(10, TimeUnit.SECONDS)).as("30 calls gave up").isTrue();
      reporter.publishEntry("abandoned", String.valueOf(30 - gaveUp.getCount()));
      assertThat(server.requests()).hasSize(30);
    }

    @Test
    @Order(2)
    void theNextTestIsServedAtOnce(LocalHttpServer server, OkHttpClient http, TestReporter reporter) throws IOException {
      server.stubFor(get("/quick").willReturn(ok()));
      OkHttpClient quick = http.newBuilder().callTimeout(Duration.ofSeconds(2)).build();
      reporter.publishEntry("next call", String.valueOf(call(quick, server.uri("/quick").toString())));
    }
  }

  @LocalServer
  @Order(2)
  static class CallsOnceQuicklyTestCase {
    @Test
    void callsOnce(LocalHttpServer server, OkHttpClient http, TestReporter reporter) throws IOException {
      server.stubFor(get("/quick").willReturn(ok()));
      OkHttpClient quick = http.newBuilder().callTimeout(Duration.ofSeconds(2)).build();
      reporter.publishEntry("next call", String.valueOf(call(quick, server.uri("/quick").toString())));
    }
  }

  /** What a background task of the first class (a poller, a metrics sender) would call later. */
  static final AtomicReference<String> LATE_URL = new AtomicReference<>();

  @LocalServer
  @Order(1)
  static class LeavesALateCallerTestCase {
    @Test
    void schedulesALateCall(LocalHttpServer server) {
      server.stubFor(get("/metrics").willReturn(ok()));
      LATE_URL.set(server.uri("/metrics").toString());
    }
  }

  @LocalServer
  @Order(2)
  static class SendsTheLateCallTestCase {
    @Test
    void sendsIt(LocalHttpServer server, TestReporter reporter) {
      OkHttpClient somebodyElses = new OkHttpClient();
      String late = outcome(() -> call(somebodyElses, LATE_URL.get()));
      reporter.publishEntry("late call", late.startsWith("ConnectException") ? "ConnectException" : late);
      reporter.publishEntry("requests of the next class", String.valueOf(server.requests().size()));
    }
  }

  @LocalServer(lifecycle = Lifecycle.PER_METHOD)
  static class ManyPerMethodPortsTestCase {
    @RepeatedTest(100)
    void publishesItsPort(RepetitionInfo repetition, LocalHttpServer server, OkHttpClient http, TestReporter reporter)
        throws IOException {
      if (repetition.getCurrentRepetition() % 2 == 0) { // half with a connection open, half with none
        server.stubFor(get("/").willReturn(ok()));
        assertThat(call(http, server.uri("/").toString())).isEqualTo(200);
      }
      reporter.publishEntry("port", String.valueOf(server.port()));
    }
  }

  /** A keep-alive connection of the code under test's own, opened by the first class. */
  static final AtomicReference<Socket> KEPT_CONNECTION = new AtomicReference<>();

  @LocalServer
  @Order(1)
  static class KeepsAConnectionOpenTestCase {
    @Test
    void opensIt(LocalHttpServer server, TestReporter reporter) throws IOException {
      server.stubFor(get("/ping").willReturn(ok("pong")));
      Socket socket = new Socket("127.0.0.1", server.port());
      socket.setSoTimeout(5_000);
      socket.getOutputStream()
          .write("GET /ping HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      String head = readHead(socket.getInputStream());
      reporter.publishEntry(
          "kept connection",
          (head.startsWith("HTTP/1.1 200") ? "200" : head) + (head.toLowerCase(Locale.ROOT).contains("connection: close") ? ", closed" : ", kept alive"));
      KEPT_CONNECTION.set(socket);
    }

    private static String readHead(InputStream in) throws IOException {
      StringBuilder head = new StringBuilder();
      while (!head.toString().endsWith("\r\n\r\n")) {
        int b = in.read();
        if (b < 0) {
          break;
        }
        head.append((char) b);
      }
      return head.toString();
    }
  }

  @LocalServer
  @Order(2)
  static class ReadsTheKeptConnectionTestCase {
    @Test
    void readsIt(TestReporter reporter) throws IOException {
      try (Socket socket = KEPT_CONNECTION.get()) {
        InputStream in = socket.getInputStream();
        String outcome;
        try {
          while (in.read() >= 0) {
            // the rest of the first response, then the end of the stream once the server cut it
          }
          outcome = "cut";
        } catch (SocketTimeoutException e) {
          outcome = "still open";
        } catch (IOException e) {
          outcome = "cut"; // reset by the server
        }
        reporter.publishEntry("after its class", outcome);
      }
    }
  }

  @LocalServer(lifecycle = Lifecycle.PER_METHOD)
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class PerMethodPortsTestCase {
    static final AtomicReference<Integer> PREVIOUS = new AtomicReference<>();

    @Test
    @Order(1)
    void first(LocalHttpServer server, TestReporter reporter) {
      reporter.publishEntry("port", String.valueOf(server.port()));
      PREVIOUS.set(server.port());
    }

    @Test
    @Order(2)
    void second(LocalHttpServer server, TestReporter reporter) {
      reporter.publishEntry("port", String.valueOf(server.port()));
      assertRefused(PREVIOUS.get());
      reporter.publishEntry("previous test's port", "refused");
    }
  }

  /** What the first class kept past its scope. */
  static final AtomicReference<LocalHttpServer> KEPT = new AtomicReference<>();
  static final AtomicReference<OkHttpClient> KEPT_CLIENT = new AtomicReference<>();
  static final AtomicReference<java.net.http.HttpClient> KEPT_HTTP_CLIENT = new AtomicReference<>();

  @LocalServer
  @Order(1)
  static class KeepsItsHandleTestCase {
    @Test
    void keeps(LocalHttpServer server, OkHttpClient http, java.net.http.HttpClient jdk) {
      KEPT.set(server);
      KEPT_CLIENT.set(http);
      KEPT_HTTP_CLIENT.set(jdk);
    }
  }

  @LocalServer(failOnUnmatched = false)
  @Order(2)
  static class UsesTheKeptHandleTestCase {
    @Test
    void usesIt(LocalHttpServer server, TestReporter reporter) {
      LocalHttpServer kept = KEPT.get();
      reporter.publishEntry("client()", outcome(kept::client));
      reporter.publishEntry("baseUrl()", outcome(kept::baseUrl));
      reporter.publishEntry("sslContext()", outcome(kept::sslContext));
      reporter.publishEntry("trustManager()", outcome(kept::trustManager));
      reporter.publishEntry("httpClient()", outcome(kept::httpClient));
      reporter.publishEntry("stubFor", outcome(() -> kept.stubFor(get("/stale").willReturn(ok()))));
      reporter.publishEntry("requests()", outcome(kept::requests));
      reporter.publishEntry("uri()", outcome(() -> kept.uri("/x")));
      String url = server.uri("/x").toString();
      reporter.publishEntry("kept OkHttpClient", outcome(() -> call(KEPT_CLIENT.get(), url)));
      reporter.publishEntry(
          "kept HttpClient",
          outcome(
              () ->
                  KEPT_HTTP_CLIENT.get()
                      .send(
                          java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(),
                          java.net.http.HttpResponse.BodyHandlers.discarding())));
      reporter.publishEntry("requests of the next class", String.valueOf(server.requests().size()));
    }
  }
}

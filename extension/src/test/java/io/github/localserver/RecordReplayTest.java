package io.github.localserver;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.github.localserver.LocalServerTestKit.assertFailure;
import static io.github.localserver.LocalServerTestKit.classFailure;
import static io.github.localserver.LocalServerTestKit.describe;
import static io.github.localserver.LocalServerTestKit.failedTest;
import static io.github.localserver.LocalServerTestKit.reported;
import static io.github.localserver.LocalServerTestKit.reportedOnce;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.opentest4j.AssertionFailedError;

/**
 * Record and replay: record a "real API" (another loopback server) into a folder, stop it, and
 * replay the folder offline; bad declarations and configuration fail naming the value.
 */
class RecordReplayTest {

  // ---- record, stop the API, replay -------------------------------------------------------------

  @Test
  void recordsDeterministicallyThenReplaysOffline(@TempDir Path root) throws Exception {
    WireMockServer api = standIn();
    Map<String, String> first;
    try {
      StandIn.url = api.baseUrl();
      EngineExecutionResults recorded = record(RecordingTestCase.class, root);
      assertThat(recorded.allEvents().failed().count()).as(describe(recorded)).isZero();
      assertThat(reportedOnce(recorded, "calls")).isEqualTo("200 EUR, 200 EUR, 200 USD, 201 converted, 503");
      first = files(root.resolve("recordings/roundtrip"));

      EngineExecutionResults again = record(RecordingTestCase.class, root);
      assertThat(again.allEvents().failed().count()).as(describe(again)).isZero();
      assertThat(files(root.resolve("recordings/roundtrip"))).as("recording again replaces, byte for byte").isEqualTo(first);
    } finally {
      api.stop();
    }

    assertThat(first.keySet())
        .containsExactly(
            "__files/get-rates-eur-1.json",
            "__files/get-rates-usd-1.json",
            "__files/post-convert-1.json",
            "mappings/get-rates-eur-1.json",
            "mappings/get-rates-usd-1.json",
            "mappings/post-convert-1.json");
    assertThat(first.get("mappings/get-rates-eur-1.json"))
        .isEqualTo(
            "{\n"
                + "  \"name\" : \"GET /rates/EUR\",\n"
                + "  \"request\" : {\n"
                + "    \"method\" : \"GET\",\n"
                + "    \"url\" : \"/rates/EUR\"\n"
                + "  },\n"
                + "  \"response\" : {\n"
                + "    \"status\" : 200,\n"
                + "    \"headers\" : {\n"
                + "      \"Content-Type\" : \"application/json\",\n"
                + "      \"Set-Cookie\" : \"REDACTED\",\n"
                + "      \"X-Api-Key\" : \"REDACTED\",\n"
                + "      \"X-Rate-Source\" : \"ecb\"\n"
                + "    },\n"
                + "    \"bodyFileName\" : \"get-rates-eur-1.json\"\n"
                + "  }\n"
                + "}\n");
    assertThat(first.get("mappings/get-rates-usd-1.json"))
        .contains("\"urlPath\" : \"/rates/USD\"")
        .contains("\"token\" : {\n        \"matches\" : \".*\"")
        .contains("\"verbose\" : {\n        \"equalTo\" : \"true\"");
    assertThat(first.get("mappings/post-convert-1.json"))
        .contains("\"equalToJson\" : \"{\\\"amount\\\":10,\\\"from\\\":\\\"EUR\\\"}\"");
    assertThat(first.get("__files/get-rates-eur-1.json")).isEqualTo("{\"base\":\"EUR\",\"USD\":1.08}");
    assertThat(String.join("\n", first.values()))
        .doesNotContain("s3cr3t", "session=", "key-123", "Date", "Server", "\"id\"", "uuid", "Authorization");

    EngineExecutionResults replayed = onClasspath(root, () -> LocalServerTestKit.run(ReplayTestCase.class));
    assertThat(replayed.testEvents().succeeded().count()).as(describe(replayed)).isEqualTo(1);
    assertThat(reportedOnce(replayed, "replayed")).isEqualTo("200 EUR, 200 USD, 201 converted");
    assertThat(reportedOnce(replayed, "retried")).isEqualTo("503, 200 EUR");
    Throwable missing = failedTest(replayed, "asksForWhatWasNeverRecorded");
    String baseUrl = reportedOnce(replayed, "baseUrl");
    assertThat(missing).isExactlyInstanceOf(AssertionFailedError.class);
    assertThat(missing.getMessage().replace(baseUrl, "BASE"))
        .startsWith("Server 'rates' (BASE) received 1 request that matched no stub:\n\n  GET /rates/JPY\n")
        .contains("<<<<< URL does not match")
        .endsWith(
            "The recording recordings/roundtrip holds no answer for these requests. Record it again with"
                + " localserver.record=rates (e.g. mvn test -Dlocalserver.record=rates), or stub them in the test.");
  }

  @Test
  void perTestServersOfTheDefaultNameAddToOneRecording(@TempDir Path root) throws Exception {
    WireMockServer api = standIn();
    try {
      StandIn.perTestUrl = api.baseUrl();
      EngineExecutionResults recorded =
          LocalServerTestKit.run(
              PerTestRecordingTestCase.class, "localserver.record", "all", "localserver.recordings-root", root.toString());
      assertThat(recorded.allEvents().failed().count()).as(describe(recorded)).isZero();
    } finally {
      api.stop();
    }
    assertThat(files(root.resolve("recordings/pertest")).keySet())
        .containsExactly(
            "__files/get-rates-eur-1.json",
            "__files/get-rates-usd-1.json",
            "mappings/get-rates-eur-1.json",
            "mappings/get-rates-usd-1.json");
    EngineExecutionResults replayed =
        onClasspath(root, () -> LocalServerTestKit.run(PerTestRecordingTestCase.class, "localserver.record", "false"));
    assertThat(replayed.allEvents().failed().count()).as(describe(replayed)).isZero();
    assertThat(reported(replayed, "got")).containsExactlyInAnyOrder("200 EUR", "200 USD");
  }

  @Test
  void aTargetThatGoesAwayWhileRecordingFailsTheTestAndRecordsOnlyRealAnswers(@TempDir Path root) throws IOException {
    WireMockServer api = standIn();
    try {
      String target = api.baseUrl();
      StandIn.vanishing = api;
      EngineExecutionResults recorded = record(VanishingTargetTestCase.class, root);
      Throwable failure = LocalServerTestKit.testFailure(recorded, "targetStops");
      assertThat(failure).isExactlyInstanceOf(AssertionFailedError.class);
      assertThat(failure.getMessage())
          .startsWith(
              "Server 'rates' could not reach "
                  + target
                  + " while recording recordings/vanishing, so these requests were not recorded:\n"
                  + "  GET /rates/USD: Network failure trying to make a proxied request from WireMock to "
                  + target
                  + "/rates/USD")
          .endsWith("\nKeep the API running while recording, then record again.");
    } finally {
      api.stop();
    }
    assertThat(files(root.resolve("recordings/vanishing")).keySet())
        .containsExactly("__files/get-rates-eur-1.json", "mappings/get-rates-eur-1.json");
  }

  @Test
  void anAnnotationReplaysACommittedRecording() {
    EngineExecutionResults results = LocalServerTestKit.run(CommittedRecordingTestCase.class);

    assertThat(results.allEvents().failed().count()).as(describe(results)).isZero();
    assertThat(reported(results, "replayed")).containsExactly("200 {\"base\":\"EUR\",\"USD\":1.08}");
  }

  // ---- bad input --------------------------------------------------------------------------------

  @Test
  void aRecordingMissingFromTheClasspathSaysHowToRecordIt() {
    Throwable failure = classFailure(LocalServerTestKit.run(MissingRecordingTestCase.class), MissingRecordingTestCase.class);
    assertThat(failure).isExactlyInstanceOf(ExtensionConfigurationException.class);
    assertThat(failure.getMessage())
        .isEqualTo(
            "@LocalServer(recording = \"recordings/nowhere\") names no recording on the classpath"
                + " (src/test/resources/recordings/nowhere/mappings); record it first: run the tests once with"
                + " localserver.record=rates while https://api.example.com is reachable");
  }

  @Test
  void anUnreachableTargetFailsRecordingClearly(@TempDir Path root) {
    Throwable failure = classFailure(record(UnreachableTestCase.class, root), UnreachableTestCase.class);
    assertThat(failure).isExactlyInstanceOf(ExtensionConfigurationException.class);
    assertThat(failure.getMessage())
        .startsWith(
            "Server 'rates' is to record recordings/unreachable from "
                + UnreachableTestCase.TARGET
                + " (localserver.record), but the target is not reachable (")
        .endsWith(
            "); start the API or point target at one that runs, or run without localserver.record to replay the"
                + " recording");
    assertThat(root.resolve("recordings")).doesNotExist();
  }

  @Test
  void recordingWithoutATargetFails(@TempDir Path root) {
    Throwable failure = classFailure(record(NoTargetTestCase.class, root), NoTargetTestCase.class);
    assertFailure(
        failure,
        ExtensionConfigurationException.class,
        "Server 'rates' is to record (localserver.record), but names no target to record from; add target,"
            + " e.g. target = \"https://api.example.com\"");
  }

  @Test
  void declarationMistakesNameTheValue() {
    assertClassFails(
        BadTargetTestCase.class,
        "@LocalServer(target = \"ftp://api.example.com\") is not an http or https URL; use the API's base URL,"
            + " e.g. https://api.example.com");
    assertClassFails(
        TargetWithoutRecordingTestCase.class,
        "@LocalServer(target = \"https://api.example.com\") needs a recording folder to record into; add"
            + " recording, e.g. recording = \"recordings/api\"");
    assertClassFails(
        RedactWithoutRecordingTestCase.class,
        "@LocalServer(redact = {\"X-Api-Key\"}) applies to recordings only; add recording or remove redact");
    assertClassFails(
        RecordingAndMappingsTestCase.class,
        "@LocalServer(recording = \"recordings/rates\") cannot be combined with mappings; a server serves either a"
            + " recording or a stub folder, so remove one (put hand-written stubs in the test, or in a second server)");
    assertThatThrownBy(() -> LocalServerExtension.builder().recording("recordings/x").target("api.example.com").build())
        .isExactlyInstanceOf(ExtensionConfigurationException.class)
        .hasMessage(
            "LocalServerExtension.builder().target(\"api.example.com\") is not an http or https URL; use the API's"
                + " base URL, e.g. https://api.example.com");
  }

  @Test
  void badConfigurationValuesNameTheKey(@TempDir Path root) {
    Throwable list =
        classFailure(
            LocalServerTestKit.run(CommittedRecordingTestCase.class, "localserver.record", "rates,,fx"),
            CommittedRecordingTestCase.class);
    assertFailure(
        list,
        ExtensionConfigurationException.class,
        "Configuration parameter localserver.record = \"rates,,fx\" is not a list of server names; use all (or true)"
            + " to record every server that has a recording, a comma-separated list of server names (rates,payments),"
            + " or false to replay");
    Path file = root.resolve("not-a-folder");
    Throwable notAFolder =
        classFailure(
            LocalServerTestKit.run(
                UnreachableTestCase.class, "localserver.record", "all", "localserver.recordings-root", file.toString()),
            UnreachableTestCase.class);
    assertFailure(
        notAFolder,
        ExtensionConfigurationException.class,
        "Configuration parameter localserver.recordings-root = \""
            + file
            + "\" is not a directory; name the test resources folder recordings are written under, e.g."
            + " src/test/resources");
  }

  // ---- helpers ----------------------------------------------------------------------------------

  /** The "real API": another loopback server, with volatile and secret headers. */
  private static WireMockServer standIn() {
    WireMockServer api = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    api.start();
    api.stubFor(
        get("/rates/EUR")
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withHeader("Date", "Tue, 01 Dec 2026 10:00:00 GMT")
                    .withHeader("Server", "real-api/1.0")
                    .withHeader("Set-Cookie", "session=abc")
                    .withHeader("X-Api-Key", "key-123")
                    .withHeader("X-Rate-Source", "ecb")
                    .withBody("{\"base\":\"EUR\",\"USD\":1.08}")));
    api.stubFor(get(urlPathEqualTo("/rates/USD")).willReturn(okJson("{\"base\":\"USD\",\"EUR\":0.93}")));
    api.stubFor(
        post("/convert")
            .withRequestBody(equalToJson("{\"from\":\"EUR\",\"amount\":10}"))
            .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody("{\"converted\":10.8}")));
    return api;
  }

  private static EngineExecutionResults record(Class<?> fixture, Path root) {
    return LocalServerTestKit.run(fixture, "localserver.record", "rates", "localserver.recordings-root", root.toString());
  }

  private static void assertClassFails(Class<?> fixture, String message) {
    assertFailure(classFailure(LocalServerTestKit.run(fixture), fixture), ExtensionConfigurationException.class, message);
  }

  /** Every file below the folder, by relative path, with its text. */
  private static Map<String, String> files(Path folder) throws IOException {
    try (Stream<Path> walk = Files.walk(folder)) {
      Map<String, String> files = new LinkedHashMap<>();
      for (Path file : walk.filter(Files::isRegularFile).sorted().collect(Collectors.toList())) {
        files.put(folder.relativize(file).toString().replace('\\', '/'), Files.readString(file, StandardCharsets.UTF_8));
      }
      return files;
    }
  }

  /** Runs with the folder on the test's class path, as the build puts src/test/resources there. */
  private static <T> T onClasspath(Path root, Callable<T> run) throws Exception {
    Thread thread = Thread.currentThread();
    ClassLoader original = thread.getContextClassLoader();
    try (URLClassLoader loader = new URLClassLoader(new URL[] {root.toUri().toURL()}, original)) {
      thread.setContextClassLoader(loader);
      return run.call();
    } finally {
      thread.setContextClassLoader(original);
    }
  }

  static String call(OkHttpClient http, Request request) throws IOException {
    try (Response response = http.newCall(request).execute()) {
      String body = response.body().string();
      String shown = body.contains("\"converted\"") ? "converted" : body.contains("\"base\"") ? body.substring(9, 12) : body;
      return response.code() + (shown.isEmpty() ? "" : " " + shown);
    }
  }

  static String getting(LocalHttpServer server, String path) throws IOException {
    return call(server.client(), new Request.Builder().url(server.url(path)).header("Authorization", "Bearer s3cr3t").build());
  }

  static String converting(LocalHttpServer server) throws IOException {
    return call(
        server.client(),
        new Request.Builder()
            .url(server.url("/convert"))
            .post(RequestBody.create("{\"amount\":10,\"from\":\"EUR\"}", MediaType.get("application/json")))
            .build());
  }

  // ---- fixtures ---------------------------------------------------------------------------------

  /** Where the stand-in listens; written by the one test that uses the fixtures below. */
  static final class StandIn {
    static volatile String url;
    static volatile String perTestUrl;
    static volatile WireMockServer vanishing;
  }

  static class VanishingTargetTestCase {
    @RegisterExtension
    static LocalServerExtension rates =
        LocalServerExtension.builder()
            .name("rates")
            .recording("recordings/vanishing")
            .target(StandIn.vanishing.baseUrl())
            .failOnUnmatched(false)
            .build();

    @Test
    void targetStops() throws IOException {
      getting(rates, "/rates/EUR");
      StandIn.vanishing.stop();
      getting(rates, "/rates/USD");
    }
  }

  static class PerTestRecordingTestCase {
    @RegisterExtension
    static LocalServerExtension api =
        LocalServerExtension.builder()
            .lifecycle(Lifecycle.PER_METHOD)
            .recording("recordings/pertest")
            .target(StandIn.perTestUrl)
            .build();

    @Test
    void euro(TestReporter reporter) throws IOException {
      reporter.publishEntry("got", getting(api, "/rates/EUR"));
    }

    @Test
    void dollar(TestReporter reporter) throws IOException {
      reporter.publishEntry("got", getting(api, "/rates/USD"));
    }
  }

  static class RecordingTestCase {
    @RegisterExtension
    static LocalServerExtension rates =
        LocalServerExtension.builder()
            .name("rates")
            .recording("recordings/roundtrip")
            .target(StandIn.url)
            .redact("X-Api-Key", "token")
            .build();

    @Test
    void callsTheApi(TestReporter reporter) throws IOException {
      rates.stubFor(get("/rates/GBP").willReturn(Faults.status(503))); // layered: never recorded
      reporter.publishEntry(
          "calls",
          String.join(
              ", ",
              getting(rates, "/rates/EUR"),
              getting(rates, "/rates/EUR"),
              getting(rates, "/rates/USD?token=s3cr3t&verbose=true"),
              converting(rates),
              getting(rates, "/rates/GBP")));
    }
  }

  static class ReplayTestCase {
    @RegisterExtension
    static LocalServerExtension rates = LocalServerExtension.builder().name("rates").recording("recordings/roundtrip").build();

    @Test
    void servesTheRecording(TestReporter reporter) throws IOException {
      reporter.publishEntry(
          "replayed",
          String.join(", ", getting(rates, "/rates/EUR"), getting(rates, "/rates/USD?token=other&verbose=true"), converting(rates)));
      // One fault on top of the real payload: the first call fails, the next gets the recording.
      rates.stubFor(
          get("/rates/EUR").inScenario("flaky").whenScenarioStateIs(STARTED).willReturn(Faults.status(503)).willSetStateTo("up"));
      reporter.publishEntry("retried", getting(rates, "/rates/EUR") + ", " + getting(rates, "/rates/EUR"));
    }

    @Test
    void asksForWhatWasNeverRecorded(TestReporter reporter) throws IOException {
      reporter.publishEntry("baseUrl", rates.baseUrl());
      getting(rates, "/rates/JPY");
    }
  }

  @LocalServer(recording = "recordings/rates", target = "https://api.example.com")
  static class CommittedRecordingTestCase {
    @Test
    void replays(LocalHttpServer server, TestReporter reporter) throws IOException {
      try (Response response = server.client().newCall(new Request.Builder().url(server.url("/rates/EUR")).build()).execute()) {
        reporter.publishEntry("replayed", response.code() + " " + response.body().string());
      }
    }
  }

  @LocalServer(name = "rates", recording = "recordings/nowhere", target = "https://api.example.com")
  static class MissingRecordingTestCase extends LocalServerTestKit.OneTest {}

  static class UnreachableTestCase extends LocalServerTestKit.OneTest {
    static final String TARGET = Faults.refusedUrl();

    @RegisterExtension
    static LocalServerExtension rates =
        LocalServerExtension.builder().name("rates").recording("recordings/unreachable").target(TARGET).build();
  }

  @LocalServer(name = "rates", recording = "recordings/rates")
  static class NoTargetTestCase extends LocalServerTestKit.OneTest {}

  @LocalServer(recording = "recordings/rates", target = "ftp://api.example.com")
  static class BadTargetTestCase extends LocalServerTestKit.OneTest {}

  @LocalServer(target = "https://api.example.com")
  static class TargetWithoutRecordingTestCase extends LocalServerTestKit.OneTest {}

  @LocalServer(redact = "X-Api-Key")
  static class RedactWithoutRecordingTestCase extends LocalServerTestKit.OneTest {}

  @LocalServer(recording = "recordings/rates", mappings = "stubs/orders")
  static class RecordingAndMappingsTestCase extends LocalServerTestKit.OneTest {}
}

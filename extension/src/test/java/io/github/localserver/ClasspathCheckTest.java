package io.github.localserver;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Stream;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, "a classpath that explains itself": a jar a user's project brings beside LocalServer's
 * (an old WireMock, an old kotlin-stdlib, OkHttp 3 or 4) fails the run with one message naming the
 * jar and the dependency to remove or add, not with a {@code NoSuchMethodError} from deep inside.
 *
 * <p>How it works: each test builds a class path, this test's own with one jar put first or swapped
 * (the jars are copied to {@code target/classpath-check-jars} by maven-dependency-plugin), and runs
 * fixtures in a class loader over it (parent: the platform loader, so nothing of this JVM's class
 * path leaks in) through {@link IsolatedRun}.
 */
class ClasspathCheckTest {

  private static final String REMOVE_OKHTTP =
      " from the test dependencies, or exclude it from the dependency that brings it"
          + " (mvn dependency:tree -Dincludes=com.squareup.okhttp3:okhttp shows which)";

  private static final String CONFIGURATION = "org.junit.jupiter.api.extension.ExtensionConfigurationException: ";
  private static final String RESOLUTION = "org.junit.jupiter.api.extension.ParameterResolutionException: Parameter ";

  /** The message of an ExtensionConfigurationException line. */
  private static String message(String configurationFailure) {
    assertThat(configurationFailure).startsWith(CONFIGURATION);
    return configurationFailure.substring(CONFIGURATION.length());
  }

  @Test
  void anOldWireMockBesideWireMock3NamesBothJarsAndTheOneToRemove() throws Exception {
    List<String> lines = run(first(extra("wiremock-jre8-2.35.2.jar")), PlainHttpTestCase.class);

    assertThat(lines)
        .containsExactly(
            "PlainHttpTestCase: org.junit.jupiter.api.extension.ExtensionConfigurationException:"
                + " WireMock is on the class path more than once: com.github.tomakehurst.wiremock.WireMockServer is"
                + " in wiremock-jre8-2.35.2.jar and wiremock-standalone-3.13.2.jar, so WireMock would run with"
                + " classes of different versions. LocalServer needs org.wiremock:wiremock-standalone 3.x alone;"
                + " remove com.github.tomakehurst:wiremock-jre8:2.35.2 from the test dependencies, or exclude it"
                + " from the dependency that brings it"
                + " (mvn dependency:tree -Dincludes=com.github.tomakehurst:wiremock-jre8 shows which)");
  }

  @Test
  void anOldWireMockInsteadOfWireMock3SaysToReplaceIt() throws Exception {
    List<String> lines =
        run(swap("wiremock-standalone-", extra("wiremock-jre8-2.35.2.jar")), PlainHttpTestCase.class);

    assertThat(lines)
        .containsExactly(
            "PlainHttpTestCase: org.junit.jupiter.api.extension.ExtensionConfigurationException:"
                + " WireMock 2.35.2 is on the class path (wiremock-jre8-2.35.2.jar), and LocalServer needs the shaded"
                + " WireMock 3, org.wiremock:wiremock-standalone 3.x; replace"
                + " com.github.tomakehurst:wiremock-jre8:2.35.2 with it, or exclude it from the dependency that"
                + " brings it (mvn dependency:tree -Dincludes=com.github.tomakehurst:wiremock-jre8 shows which)");
  }

  @Test
  void anOldKotlinFailsOnlyWhatUsesOkHttpAndNamesTheStdlibToAdd() throws Exception {
    String kotlin =
        "org.junit.jupiter.api.extension.ExtensionConfigurationException: kotlin-stdlib 1.3.72 is on the class"
            + " path (kotlin-stdlib-1.3.72.jar), and OkHttp 5.5.1, which LocalServer's OkHttp client, HttpUrl and"
            + " HTTPS certificates use, needs kotlin-stdlib 2.1.21 or newer (older ones fail with"
            + " NoClassDefFoundError: kotlin/enums/EnumEntriesKt and the like); add"
            + " org.jetbrains.kotlin:kotlin-stdlib:2.1.21 to the test dependencies or to <dependencyManagement>"
            + " (under Spring Boot's parent, set the property kotlin.version to 2.1.21);"
            + " mvn dependency:tree -Dincludes=org.jetbrains.kotlin shows what brings 1.3.72";

    List<String> lines =
        run(
            swap("kotlin-stdlib-2", extra("kotlin-stdlib-1.3.72.jar")),
            PlainHttpTestCase.class,
            OkHttpClientTestCase.class,
            HttpsTestCase.class);

    assertThat(lines)
        .containsExactlyInAnyOrder(
            "PlainHttpTestCase.plainHttp: passed",
            "OkHttpClientTestCase.okHttpClient: " + kotlin,
            "HttpsTestCase: " + kotlin);
  }

  @Test
  void okHttp3BesideOkHttp5FailsWhatUsesOkHttpAndNamesTheJarToRemove() throws Exception {
    String okHttp3 =
        "org.junit.jupiter.api.extension.ExtensionConfigurationException: OkHttp 3.14.9 is on the class path"
            + " (okhttp-3.14.9.jar) beside okhttp-jvm-5.5.1.jar, and both hold package okhttp3, so OkHttp would"
            + " run with classes of two versions. LocalServer's OkHttp client, HttpUrl and HTTPS certificates"
            + " need OkHttp 5.5.1 alone; remove com.squareup.okhttp3:okhttp:3.14.9"
            + REMOVE_OKHTTP;

    List<String> lines =
        run(
            first(extra("okhttp-3.14.9.jar")),
            PlainHttpTestCase.class,
            OkHttpClientTestCase.class,
            OkHttpParametersTestCase.class,
            HttpsTestCase.class);

    assertThat(lines)
        .containsExactlyInAnyOrder(
            "PlainHttpTestCase.plainHttp: passed",
            "OkHttpClientTestCase.okHttpClient: " + okHttp3,
            "OkHttpParametersTestCase.okHttpClient: " + RESOLUTION + "[okhttp3.OkHttpClient arg0] of okHttpClient(): "
                + message(okHttp3),
            "OkHttpParametersTestCase.httpUrl: " + RESOLUTION + "[okhttp3.HttpUrl arg0] of httpUrl(): "
                + message(okHttp3),
            "HttpsTestCase: " + okHttp3);
  }

  @Test
  void okHttp4BesideOkHttp5NamesTheJarToRemove() throws Exception {
    List<String> lines = run(first(extra("okhttp-4.12.0.jar")), HttpsTestCase.class);

    assertThat(lines)
        .containsExactly(
            "HttpsTestCase: org.junit.jupiter.api.extension.ExtensionConfigurationException: OkHttp 4.12.0 is on"
                + " the class path (okhttp-4.12.0.jar) beside okhttp-jvm-5.5.1.jar, and both hold package okhttp3,"
                + " so OkHttp would run with classes of two versions. LocalServer's OkHttp client, HttpUrl and"
                + " HTTPS certificates need OkHttp 5.5.1 alone; remove com.squareup.okhttp3:okhttp:4.12.0"
                + REMOVE_OKHTTP);
  }

  @Test
  void aPlainHttpTestNeverLoadsOkHttp() throws Exception {
    Set<String> loaded = ConcurrentHashMap.newKeySet();
    List<String> lines = run(classPath(), loaded, PlainHttpTestCase.class);

    assertThat(lines).containsExactly("PlainHttpTestCase.plainHttp: passed");
    assertThat(loaded).isEmpty();
  }

  @Test
  void aPlainHttpTestRunsWithoutOkHttpAndKotlinAndOthersSayWhatToAdd() throws Exception {
    List<Path> classPath =
        classPath().stream()
            .filter(named("okhttp-").or(named("okio-")).or(named("kotlin-stdlib-")).negate())
            .toList();

    List<String> lines = run(classPath, PlainHttpTestCase.class, OkHttpClientTestCase.class);

    assertThat(lines)
        .containsExactlyInAnyOrder(
            "PlainHttpTestCase.plainHttp: passed",
            "OkHttpClientTestCase.okHttpClient: org.junit.jupiter.api.extension.ExtensionConfigurationException:"
                + " OkHttp is not on the class path; LocalServer's OkHttp client, HttpUrl and HTTPS certificates"
                + " need OkHttp 5.5.1: add com.squareup.okhttp3:okhttp-jvm:5.5.1 (or stop excluding it)");
  }

  // ---- fixtures ------------------------------------------------------------------------------

  /** Asks only for what needs no OkHttp. */
  @LocalServer
  static class PlainHttpTestCase {
    @Test
    void plainHttp(
        LocalHttpServer server,
        @ServerUrl URL url,
        @ServerPort int port,
        HttpClient http,
        WireMock wireMock,
        WireMockRuntimeInfo info)
        throws Exception {
      wireMock.register(get("/ping").willReturn(ok("pong")));
      HttpResponse<String> response =
          http.send(HttpRequest.newBuilder(server.uri("/ping")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.body()).isEqualTo("pong");
      assertThat(url.toString()).isEqualTo(server.baseUrl()).isEqualTo(info.getHttpBaseUrl());
      assertThat(port).isEqualTo(server.port());
      server.verify(1, getRequestedFor(urlEqualTo("/ping")));
    }
  }

  @LocalServer
  static class OkHttpClientTestCase {
    @Test
    void okHttpClient(LocalHttpServer server) {
      server.client();
    }
  }

  @LocalServer
  static class OkHttpParametersTestCase {
    @Test
    void okHttpClient(OkHttpClient client) {}

    @Test
    void httpUrl(@ServerUrl HttpUrl url) {}
  }

  @LocalServer(https = true)
  static class HttpsTestCase {
    @Test
    void https(HttpClient http) {}
  }

  // ---- class paths ---------------------------------------------------------------------------

  /** This test's class path, as surefire (or the IDE) set it. */
  private static List<Path> classPath() {
    List<Path> entries =
        Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(e -> !e.isEmpty())
            .map(Path::of)
            .toList();
    assertThat(entries).as("the test class path").anyMatch(named("wiremock-standalone-3"));
    return entries;
  }

  private static Predicate<Path> named(String prefix) {
    return p -> p.getFileName().toString().startsWith(prefix);
  }

  /** One of the jars maven-dependency-plugin copied for these tests. */
  private static Path extra(String fileName) {
    Path folder = Path.of(System.getProperty("classpath-check.jars", "target/classpath-check-jars"));
    Path jar = folder.resolve(fileName);
    assertThat(jar).as("run mvn test-compile first, which copies it").exists();
    return jar;
  }

  /** The jar first, then this test's class path: its classes win. */
  private static List<Path> first(Path jar) {
    List<Path> entries = new ArrayList<>();
    entries.add(jar);
    entries.addAll(classPath());
    return entries;
  }

  /** This test's class path with the jar in place of the one whose name starts with {@code prefix}. */
  private static List<Path> swap(String prefix, Path jar) {
    List<Path> entries = new ArrayList<>(classPath());
    int at = entries.indexOf(entries.stream().filter(named(prefix)).findFirst().orElseThrow());
    entries.set(at, jar);
    return entries;
  }

  private static List<String> run(List<Path> classPath, Class<?>... fixtures) throws Exception {
    return run(classPath, ConcurrentHashMap.newKeySet(), fixtures);
  }

  /**
   * Runs the fixtures in a class loader over {@code classPath}, noting each class of OkHttp or Okio
   * it loads. (Not Kotlin's: JUnit and WireMock probe for a few Kotlin classes whether or not OkHttp
   * is used; {@link #anOldKotlinFailsOnlyWhatUsesOkHttpAndNamesTheStdlibToAdd} shows that an old one
   * does no harm there.)
   */
  @SuppressWarnings("unchecked")
  private static List<String> run(List<Path> classPath, Set<String> okHttp, Class<?>... fixtures)
      throws Exception {
    List<URL> urls = new ArrayList<>();
    for (Path entry : classPath) {
      urls.add(url(entry));
    }
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    try (RecordingLoader loader = new RecordingLoader(urls.toArray(URL[]::new), okHttp)) {
      thread.setContextClassLoader(loader);
      String[] names = Stream.of(fixtures).map(Class::getName).toArray(String[]::new);
      try {
        return (List<String>)
            Class.forName(IsolatedRun.class.getName(), true, loader)
                .getMethod("run", String[].class)
                .invoke(null, (Object) names);
      } catch (InvocationTargetException e) {
        throw e.getCause() instanceof Exception cause ? cause : e;
      }
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  private static URL url(Path entry) throws MalformedURLException {
    return entry.toUri().toURL();
  }

  /** A class loader over a class path of its own that notes each class of OkHttp or Okio it is asked for. */
  private static final class RecordingLoader extends URLClassLoader {
    static {
      registerAsParallelCapable();
    }

    private final Set<String> okHttp;

    RecordingLoader(URL[] urls, Set<String> okHttp) {
      super("classpath-check", urls, ClassLoader.getPlatformClassLoader());
      this.okHttp = okHttp;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (name.startsWith("okhttp3.") || name.startsWith("okio.")) {
        okHttp.add(name);
      }
      return super.loadClass(name, resolve);
    }
  }
}

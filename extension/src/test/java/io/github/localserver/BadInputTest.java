package io.github.localserver;

import static io.github.localserver.LocalServerTestKit.assertFailure;
import static io.github.localserver.LocalServerTestKit.classFailure;
import static io.github.localserver.LocalServerTestKit.testFailure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import io.github.localserver.LocalServerTestKit.OneTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * Every bad input of the contract, run through the JUnit Platform as a user's build would: each
 * fails with the documented exception type and a message that names the offending value and says
 * what would be valid, and it fails where the user would look for it (the class, when the class's
 * servers cannot start; the test, when only that test asked for something impossible).
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES) // a bad input must never hang the build
class BadInputTest {

  private static final String USE_LOOPBACK = "use 127.0.0.1 (or any 127.0.0.0/8 address), ::1 or localhost";
  private static final String USE_PORT = "use 0 for a free port chosen by the OS, or a port from 1 to 65535";
  private static final String URL_TYPES = "String, java.net.URI, java.net.URL or okhttp3.HttpUrl";
  private static final String BROKEN_STUB =
      "Stub file stubs/broken/mappings/bad.json is not valid WireMock JSON (Unexpected end-of-input"
          + " within/between Object entries at /request); fix the file or remove it from the mappings folder";

  // ---- bind address -----------------------------------------------------------------------------

  @LocalServer(host = "0.0.0.0")
  static class AnyAddressTestCase extends OneTest {}

  @LocalServer(host = "10.0.0.5")
  static class PrivateAddressTestCase extends OneTest {}

  @LocalServer(host = "example.com")
  static class HostNameTestCase extends OneTest {}

  @ParameterizedTest(name = "{1}")
  @CsvSource({"AnyAddressTestCase, 0.0.0.0", "PrivateAddressTestCase, 10.0.0.5", "HostNameTestCase, example.com"})
  void aNonLoopbackHostFailsTheClass(String fixture, String host) throws ClassNotFoundException {
    Class<?> fixtureClass = Class.forName(BadInputTest.class.getName() + "$" + fixture);
    Throwable failure = classFailure(LocalServerTestKit.run(fixtureClass), fixtureClass);
    assertFailure(
        failure,
        ExtensionConfigurationException.class,
        "@LocalServer(host = \"" + host + "\") is not a loopback address; " + USE_LOOPBACK);
  }

  @Test
  void theBuilderRejectsANonLoopbackHostAtOnce() {
    assertThatThrownBy(() -> LocalServerExtension.builder().host("0.0.0.0").build())
        .isExactlyInstanceOf(ExtensionConfigurationException.class)
        .hasMessage("LocalServerExtension.builder().host(\"0.0.0.0\") is not a loopback address; " + USE_LOOPBACK);
  }

  // ---- port -------------------------------------------------------------------------------------

  @LocalServer(port = -1)
  static class NegativePortTestCase extends OneTest {}

  @LocalServer(port = 65536)
  static class TooHighPortTestCase extends OneTest {}

  @Test
  void aNegativePortFailsTheClass() {
    Throwable failure = classFailure(LocalServerTestKit.run(NegativePortTestCase.class), NegativePortTestCase.class);
    assertFailure(
        failure, ExtensionConfigurationException.class, "@LocalServer(port = -1) is outside 0-65535; " + USE_PORT);
  }

  @Test
  void aPortAbove65535FailsTheClass() {
    Throwable failure = classFailure(LocalServerTestKit.run(TooHighPortTestCase.class), TooHighPortTestCase.class);
    assertFailure(
        failure, ExtensionConfigurationException.class, "@LocalServer(port = 65536) is outside 0-65535; " + USE_PORT);
  }

  @Test
  void theBuilderRejectsABadPortAtOnce() {
    assertThatThrownBy(() -> LocalServerExtension.builder().port(-1).build())
        .isExactlyInstanceOf(ExtensionConfigurationException.class)
        .hasMessage("LocalServerExtension.builder().port(-1) is outside 0-65535; " + USE_PORT);
    assertThatThrownBy(() -> LocalServerExtension.builder().port(65536).build())
        .isExactlyInstanceOf(ExtensionConfigurationException.class)
        .hasMessage("LocalServerExtension.builder().port(65536) is outside 0-65535; " + USE_PORT);
  }

  /**
   * A fixed port chosen at run time. Annotation values must be constants, so the fixture builds its
   * server in its constructor from a port it receives as a constructor parameter, which {@link
   * ConfiguredResolver} reads from the run's configuration parameters: no static state.
   */
  @ExtendWith(ConfiguredResolver.class)
  static class FixedPortTestCase {
    @RegisterExtension final LocalServerExtension server;

    FixedPortTestCase(@Configured(PORT_KEY) int port) {
      this.server = LocalServerExtension.builder().port(port).build();
    }

    @Test
    void usesTheServer() {}
  }

  private static final String PORT_KEY = "badinput.port";

  @Test
  void aFixedPortHeldByThisJvmFailsTheTestNamingThePortAndThisJvm() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();
      EngineExecutionResults results =
          LocalServerTestKit.run(FixedPortTestCase.class, PORT_KEY, String.valueOf(port));
      Throwable failure = testFailure(results, "usesTheServer");
      // Where /proc is not there (not Linux), the OS does not tell who holds the port.
      String holder =
          Files.isReadable(Path.of("/proc/net/tcp"))
              ? " by this JVM (pid " + ProcessHandle.current().pid() + ")"
              : "";
      assertFailure(
          failure,
          ExtensionConfigurationException.class,
          "Port "
              + port
              + " on 127.0.0.1 is already in use"
              + holder
              + ", so the default server cannot listen there; free the port, choose another, or use port 0"
              + " to let the OS choose a free one");
    }
  }

  @Test
  void aFixedPortHeldByAnotherProcessFailsTheTestNamingThatProcess(@TempDir Path dir) throws Exception {
    Listener listener = Listener.start(dir);
    try {
      assumeTrue(
          Files.isReadable(Path.of("/proc/net/tcp")) && Files.isReadable(Path.of("/proc/" + listener.pid() + "/fd")),
          "the OS does not tell which process holds a port");
      EngineExecutionResults results =
          LocalServerTestKit.run(FixedPortTestCase.class, PORT_KEY, String.valueOf(listener.port()));
      Throwable failure = testFailure(results, "usesTheServer");
      assertThat(failure).isExactlyInstanceOf(ExtensionConfigurationException.class);
      assertThat(failure.getMessage())
          .matches(
              Pattern.quote(
                      "Port " + listener.port() + " on 127.0.0.1 is already in use by pid " + listener.pid() + " (")
                  + ".*java.*"
                  + Pattern.quote(
                      "), so the default server cannot listen there; free the port, choose another, or use"
                          + " port 0 to let the OS choose a free one"));
    } finally {
      listener.stop();
    }
  }

  // ---- names ------------------------------------------------------------------------------------

  @LocalServer(name = "orders")
  @LocalServer(name = "orders", https = true)
  static class DuplicateNameTestCase extends OneTest {}

  @Test
  void twoServersWithOneNameFailTheClass() {
    Throwable failure = classFailure(LocalServerTestKit.run(DuplicateNameTestCase.class), DuplicateNameTestCase.class);
    assertFailure(
        failure,
        ExtensionConfigurationException.class,
        "Two servers are named \"orders\" in "
            + DuplicateNameTestCase.class.getName()
            + " (@LocalServer on DuplicateNameTestCase and @LocalServer on DuplicateNameTestCase);"
            + " give each server of a class its own name"
            + " (@LocalServer(name = \"orders\"), LocalServerExtension.builder().name(\"orders\")) and qualify"
            + " what you inject with it");
  }

  @LocalServer(name = "api")
  static class DuplicateNameInFieldTestCase extends OneTest {
    @RegisterExtension static LocalServerExtension api = LocalServerExtension.builder().name("api").build();
  }

  @Test
  void anAnnotationAndAFieldWithOneNameFailTheClass() {
    Throwable failure =
        classFailure(LocalServerTestKit.run(DuplicateNameInFieldTestCase.class), DuplicateNameInFieldTestCase.class);
    assertFailure(
        failure,
        ExtensionConfigurationException.class,
        "Two servers are named \"api\" in "
            + DuplicateNameInFieldTestCase.class.getName()
            + " (@LocalServer on DuplicateNameInFieldTestCase and LocalServerExtension in"
            + " DuplicateNameInFieldTestCase.api); give each server of a class its own name"
            + " (@LocalServer(name = \"orders\"), LocalServerExtension.builder().name(\"orders\")) and qualify"
            + " what you inject with it");
  }

  @LocalServer(name = "orders")
  @LocalServer(name = "payments")
  static class UnknownNameTestCase {
    @Test
    void asksForBilling(@Server("billing") LocalHttpServer billing) {}
  }

  @Test
  void anUnknownServerNameFailsTheTestListingTheKnownNames() {
    Throwable failure = testFailure(LocalServerTestKit.run(UnknownNameTestCase.class), "asksForBilling");
    assertFailure(
        failure,
        ParameterResolutionException.class,
        "Parameter [io.github.localserver.LocalHttpServer arg0] of asksForBilling(): "
            + "No server named \"billing\" is in scope; known servers: \"orders\", \"payments\"");
  }

  @LocalServer(name = "orders")
  @LocalServer
  static class UnknownNameInFieldTestCase {
    @ServerUrl("billing")
    String billing;

    @Test
    void usesTheField() {}
  }

  @Test
  void anUnknownServerNameOnAFieldFailsTheTestListingTheKnownNames() {
    Throwable failure = testFailure(LocalServerTestKit.run(UnknownNameInFieldTestCase.class), "usesTheField");
    assertFailure(
        failure,
        ExtensionConfigurationException.class,
        "Field UnknownNameInFieldTestCase.billing: No server named \"billing\" is in scope; known servers:"
            + " \"orders\", \"\" (the default server)");
  }

  @LocalServer(name = "orders")
  @LocalServer(name = "payments")
  static class AmbiguousTestCase {
    @Test
    void asksForAnyServer(LocalHttpServer server) {}
  }

  @Test
  void anUnqualifiedHandleAmongSeveralServersFailsTheTestListingTheNames() {
    Throwable failure = testFailure(LocalServerTestKit.run(AmbiguousTestCase.class), "asksForAnyServer");
    assertFailure(
        failure,
        ParameterResolutionException.class,
        "Parameter [io.github.localserver.LocalHttpServer arg0] of asksForAnyServer(): "
            + "Several servers are in scope (\"orders\", \"payments\") and none is the default one; name the one you"
            + " mean, for example @Server(\"orders\")");
  }

  @LocalServer(name = "orders")
  @LocalServer(name = "payments")
  static class AmbiguousUrlTestCase {
    @Test
    void asksForAnyUrl(@ServerUrl String url) {}
  }

  @Test
  void anUnqualifiedUrlAmongSeveralServersSuggestsAQualifiedUrl() {
    Throwable failure = testFailure(LocalServerTestKit.run(AmbiguousUrlTestCase.class), "asksForAnyUrl");
    assertFailure(
        failure,
        ParameterResolutionException.class,
        "Parameter [java.lang.String arg0] of asksForAnyUrl(): "
            + "Several servers are in scope (\"orders\", \"payments\") and none is the default one; name the one you"
            + " mean, for example @ServerUrl(\"orders\")");
  }

  // ---- injection types --------------------------------------------------------------------------

  @LocalServer
  static class ServerUrlOnIntTestCase {
    @Test
    void asksForTheUrl(@ServerUrl int url) {}
  }

  @LocalServer
  static class ServerUrlOnObjectTestCase {
    @Test
    void asksForTheUrl(@ServerUrl Object url) {}
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource({"ServerUrlOnIntTestCase, int", "ServerUrlOnObjectTestCase, java.lang.Object"})
  void serverUrlOnAnUnsupportedTypeFailsTheTest(String fixture, String type) throws ClassNotFoundException {
    Class<?> fixtureClass = Class.forName(BadInputTest.class.getName() + "$" + fixture);
    Throwable failure = testFailure(LocalServerTestKit.run(fixtureClass), "asksForTheUrl");
    assertFailure(
        failure,
        ParameterResolutionException.class,
        "Parameter [" + type + " arg0] of asksForTheUrl(): @ServerUrl cannot be injected as " + type + "; use " + URL_TYPES);
  }

  @LocalServer
  static class ServerPortOnStringTestCase {
    @Test
    void asksForThePort(@ServerPort String port) {}
  }

  @Test
  void serverPortOnAStringFailsTheTest() {
    Throwable failure = testFailure(LocalServerTestKit.run(ServerPortOnStringTestCase.class), "asksForThePort");
    assertFailure(
        failure,
        ParameterResolutionException.class,
        "Parameter [java.lang.String arg0] of asksForThePort(): "
            + "@ServerPort cannot be injected as java.lang.String; use int or Integer");
  }

  @LocalServer
  static class ServerOnStringTestCase {
    @Test
    void asksForTheServer(@Server String server) {}
  }

  @Test
  void serverOnAStringFailsTheTest() {
    Throwable failure = testFailure(LocalServerTestKit.run(ServerOnStringTestCase.class), "asksForTheServer");
    assertFailure(
        failure,
        ParameterResolutionException.class,
        "Parameter [java.lang.String arg0] of asksForTheServer(): "
            + "@Server cannot be injected as java.lang.String; use LocalHttpServer, okhttp3.OkHttpClient,"
            + " java.net.http.HttpClient, WireMock or WireMockRuntimeInfo (for the URL use @ServerUrl, for the"
            + " port @ServerPort)");
  }

  @LocalServer
  static class ServerUrlOnIntFieldTestCase {
    @ServerUrl int url;

    @Test
    void usesTheField() {}
  }

  @Test
  void serverUrlOnAnIntFieldFailsTheTest() {
    Throwable failure = testFailure(LocalServerTestKit.run(ServerUrlOnIntFieldTestCase.class), "usesTheField");
    assertFailure(
        failure,
        ExtensionConfigurationException.class,
        "Field ServerUrlOnIntFieldTestCase.url: @ServerUrl cannot be injected as int; use " + URL_TYPES);
  }

  // ---- scope ------------------------------------------------------------------------------------

  @LocalServer(lifecycle = Lifecycle.PER_METHOD)
  static class PerMethodInBeforeAllTestCase extends OneTest {
    @BeforeAll
    static void setUp(LocalHttpServer server) {}
  }

  @Test
  void aPerMethodServerAskedForInBeforeAllFailsTheClass() {
    Throwable failure =
        classFailure(LocalServerTestKit.run(PerMethodInBeforeAllTestCase.class), PerMethodInBeforeAllTestCase.class);
    assertFailure(
        failure,
        ParameterResolutionException.class,
        "Parameter [io.github.localserver.LocalHttpServer arg0] of setUp(): "
            + "The default server (@LocalServer on PerMethodInBeforeAllTestCase) is PER_METHOD: a fresh server for"
            + " each test, which does not exist in @BeforeAll, @AfterAll or a static field; use lifecycle ="
            + " PER_CLASS, or ask for it in a test, @BeforeEach, @AfterEach or an instance field");
  }

  @LocalServer(name = "api", lifecycle = Lifecycle.PER_METHOD)
  static class PerMethodInStaticFieldTestCase extends OneTest {
    @ServerUrl("api")
    static String url;
  }

  @Test
  void aPerMethodServerAskedForInAStaticFieldFailsTheClass() {
    Throwable failure =
        classFailure(
            LocalServerTestKit.run(PerMethodInStaticFieldTestCase.class), PerMethodInStaticFieldTestCase.class);
    assertFailure(
        failure,
        ExtensionConfigurationException.class,
        "Field PerMethodInStaticFieldTestCase.url: Server 'api' (@LocalServer on PerMethodInStaticFieldTestCase)"
            + " is PER_METHOD: a fresh server for each test, which does not exist in @BeforeAll, @AfterAll or a"
            + " static field; use lifecycle = PER_CLASS, or ask for it in a test, @BeforeEach, @AfterEach or an"
            + " instance field");
  }

  @ExtendWith(LocalServerExtension.class)
  static class NoServerTestCase {
    @Test
    void asksForAServer(LocalHttpServer server) {}
  }

  @Test
  void anInjectionRequestWithoutAnyServerFailsTheTest() {
    Throwable failure = testFailure(LocalServerTestKit.run(NoServerTestCase.class), "asksForAServer");
    assertFailure(
        failure,
        ParameterResolutionException.class,
        "Parameter [io.github.localserver.LocalHttpServer arg0] of asksForAServer(): "
            + "No @LocalServer is declared for "
            + NoServerTestCase.class.getName()
            + "; annotate the test class or method with @LocalServer, or register"
            + " LocalServerExtension.builder().build() with @RegisterExtension");
  }

  // ---- fields -----------------------------------------------------------------------------------

  @LocalServer
  static class FinalFieldTestCase {
    @ServerUrl final String url = "not injected";

    @Test
    void usesTheField() {}
  }

  @Test
  void aFinalInstanceFieldFailsTheTest() {
    Throwable failure = testFailure(LocalServerTestKit.run(FinalFieldTestCase.class), "usesTheField");
    assertFailure(
        failure,
        ExtensionConfigurationException.class,
        "Field FinalFieldTestCase.url: it is final, so it cannot be injected; remove final");
  }

  @LocalServer
  static class FinalStaticFieldTestCase extends OneTest {
    @ServerPort static final Integer PORT = Integer.valueOf(0);
  }

  @Test
  void aFinalStaticFieldFailsTheClass() {
    Throwable failure =
        classFailure(LocalServerTestKit.run(FinalStaticFieldTestCase.class), FinalStaticFieldTestCase.class);
    assertFailure(
        failure,
        ExtensionConfigurationException.class,
        "Field FinalStaticFieldTestCase.PORT: it is final, so it cannot be injected; remove final");
  }

  // ---- stub files -------------------------------------------------------------------------------

  @LocalServer(mappings = "stubs/missing")
  static class MissingMappingsTestCase extends OneTest {}

  @Test
  void aMappingsFolderThatDoesNotExistFailsTheClass() {
    Throwable failure =
        classFailure(LocalServerTestKit.run(MissingMappingsTestCase.class), MissingMappingsTestCase.class);
    assertFailure(
        failure,
        ExtensionConfigurationException.class,
        "@LocalServer(mappings = \"stubs/missing\") names no folder on the classpath; create"
            + " src/test/resources/stubs/missing/mappings with WireMock stub files (and stubs/missing/__files"
            + " for bodies), or leave mappings empty");
  }

  @Test
  void theBuilderRejectsAMissingMappingsFolderAtOnce() {
    assertThatThrownBy(() -> LocalServerExtension.builder().mappings("stubs/missing").build())
        .isExactlyInstanceOf(ExtensionConfigurationException.class)
        .hasMessage(
            "LocalServerExtension.builder().mappings(\"stubs/missing\") names no folder on the classpath; create"
                + " src/test/resources/stubs/missing/mappings with WireMock stub files (and"
                + " stubs/missing/__files for bodies), or leave mappings empty");
  }

  @LocalServer(mappings = "stubs")
  static class MappingsParentFolderTestCase extends OneTest {}

  @Test
  void aMappingsFolderWithoutStubFoldersFailsTheClass() {
    Throwable failure =
        classFailure(LocalServerTestKit.run(MappingsParentFolderTestCase.class), MappingsParentFolderTestCase.class);
    assertFailure(
        failure,
        ExtensionConfigurationException.class,
        "@LocalServer(mappings = \"stubs\") has neither a mappings/ nor a __files/ folder, so it holds no stubs;"
            + " point it at the folder that contains them (stub JSON under stubs/mappings, bodies under"
            + " stubs/__files)");
  }

  @LocalServer(mappings = "stubs/broken")
  static class BrokenStubTestCase extends OneTest {}

  @Test
  void aStubFileThatIsNotJsonFailsTheClassNamingTheFile() {
    Throwable failure = classFailure(LocalServerTestKit.run(BrokenStubTestCase.class), BrokenStubTestCase.class);
    assertFailure(failure, ExtensionConfigurationException.class, BROKEN_STUB);
  }

  @LocalServer(mappings = "stubs/broken", lifecycle = Lifecycle.PER_METHOD)
  static class BrokenStubPerMethodTestCase {
    @Test
    void usesTheServer() {}
  }

  @Test
  void aStubFileThatIsNotJsonFailsEachTestOfAPerMethodServer() {
    Throwable failure = testFailure(LocalServerTestKit.run(BrokenStubPerMethodTestCase.class), "usesTheServer");
    assertFailure(failure, ExtensionConfigurationException.class, BROKEN_STUB);
  }

  // ---- configuration parameters -----------------------------------------------------------------

  @LocalServer
  static class ConfiguredTestCase extends OneTest {}

  @Test
  void aBadLifecycleParameterFailsTheClass() {
    Throwable failure =
        classFailure(
            LocalServerTestKit.run(ConfiguredTestCase.class, "localserver.lifecycle", "sometimes"),
            ConfiguredTestCase.class);
    assertFailure(
        failure,
        ExtensionConfigurationException.class,
        "Configuration parameter localserver.lifecycle = \"sometimes\" is not a lifecycle; use per_class or"
            + " per_method");
  }

  @LocalServer(lifecycle = Lifecycle.PER_METHOD, host = "::1", failOnUnmatched = false)
  static class EveryAttributeDeclaredTestCase extends OneTest {}

  @Test
  void aBadParameterFailsEvenWhereEveryDeclarationOverridesIt() {
    for (String[] parameter :
        new String[][] {
          {"localserver.lifecycle", "sometimes"},
          {"localserver.fail-on-unmatched", "yes"},
          {"localserver.host", "0.0.0.0"},
          {"localserver.report-requests", "never"}
        }) {
      Throwable failure =
          classFailure(
              LocalServerTestKit.run(EveryAttributeDeclaredTestCase.class, parameter[0], parameter[1]),
              EveryAttributeDeclaredTestCase.class);
      assertThat(failure).isExactlyInstanceOf(ExtensionConfigurationException.class);
      assertThat(failure.getMessage())
          .startsWith("Configuration parameter " + parameter[0] + " = \"" + parameter[1] + "\" is not a");
    }
  }

  @Test
  void aBadFailOnUnmatchedParameterFailsTheClass() {
    Throwable failure =
        classFailure(
            LocalServerTestKit.run(ConfiguredTestCase.class, "localserver.fail-on-unmatched", "yes"),
            ConfiguredTestCase.class);
    assertFailure(
        failure,
        ExtensionConfigurationException.class,
        "Configuration parameter localserver.fail-on-unmatched = \"yes\" is not a boolean; use true or false");
  }

  @Test
  void aNonLoopbackHostParameterFailsTheClass() {
    Throwable failure =
        classFailure(
            LocalServerTestKit.run(ConfiguredTestCase.class, "localserver.host", "0.0.0.0"),
            ConfiguredTestCase.class);
    assertFailure(
        failure,
        ExtensionConfigurationException.class,
        "Configuration parameter localserver.host = \"0.0.0.0\" is not a loopback address; " + USE_LOOPBACK);
  }

  // ---- helpers ----------------------------------------------------------------------------------


  /** Marks a constructor parameter that {@link ConfiguredResolver} fills from a configuration parameter. */
  @Target(ElementType.PARAMETER)
  @Retention(RetentionPolicy.RUNTIME)
  @interface Configured {
    String value();
  }

  /** Resolves {@code @Configured("key") int} from the run's configuration parameters. */
  static final class ConfiguredResolver implements ParameterResolver {
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
      return parameter.isAnnotated(Configured.class) && parameter.getParameter().getType() == int.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
      String key = parameter.findAnnotation(Configured.class).orElseThrow().value();
      return context
          .getConfigurationParameter(key, Integer::valueOf)
          .orElseThrow(() -> new ParameterResolutionException("no configuration parameter " + key));
    }
  }

  /**
   * Another JVM holding a port on 127.0.0.1: a single-file Java program (the JDK is the one tool
   * every build machine has) that prints its port and holds it until its stdin closes.
   */
  private record Listener(Process process, int port, Path log) {
    private static final String SOURCE =
        String.join(
            "\n",
            "import java.net.InetAddress;",
            "import java.net.ServerSocket;",
            "public class HoldPort {",
            "  public static void main(String[] args) throws Exception {",
            "    try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getByName(\"127.0.0.1\"))) {",
            "      System.out.println(socket.getLocalPort());",
            "      System.out.flush();",
            "      while (System.in.read() != -1) {}",
            "    }",
            "  }",
            "}",
            "");

    static Listener start(Path dir) throws Exception {
      Path source = Files.writeString(dir.resolve("HoldPort.java"), SOURCE, StandardCharsets.UTF_8);
      Path log = dir.resolve("stderr.txt");
      Path java = Path.of(System.getProperty("java.home"), "bin", "java");
      Process process =
          new ProcessBuilder(java.toString(), "-Xmx32m", "-XX:TieredStopAtLevel=1", source.toString())
              .redirectError(log.toFile())
              .start();
      BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String line;
      try {
        line = CompletableFuture.supplyAsync(() -> readLine(out)).get(60, TimeUnit.SECONDS);
      } catch (Exception e) {
        process.destroyForcibly();
        throw e;
      }
      if (line == null) {
        process.destroyForcibly();
        throw new AssertionError("the port holder did not start:\n" + Files.readString(log));
      }
      return new Listener(process, Integer.parseInt(line.trim()), log);
    }

    long pid() {
      return process.pid();
    }

    void stop() throws Exception {
      process.getOutputStream().close();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
    }

    private static String readLine(BufferedReader reader) {
      try {
        return reader.readLine();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}

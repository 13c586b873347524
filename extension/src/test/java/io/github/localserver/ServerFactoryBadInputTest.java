package io.github.localserver;

import static io.github.localserver.LocalServerTestKit.assertFailure;
import static io.github.localserver.LocalServerTestKit.classFailure;
import static io.github.localserver.LocalServerTestKit.failedTest;
import static io.github.localserver.LocalServerTestKit.testFailure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.github.localserver.LineServerFactory.LineServer;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.SocketException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import io.github.localserver.LocalServerTestKit.OneTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.TestClassOrder;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.commons.JUnitException;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;

/**
 * Every way a {@link LocalServerFactory} declaration or factory can be wrong, run through the
 * JUnit Platform: each fails with the documented exception type and a message that names the
 * mistake and the fix, where the user would look for it, and leaves no server behind.
 */
// Asserts that ports refuse connections once a run ends; alone, so that no other test's server
// can meanwhile be given one of those port numbers by the OS.
@Isolated
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ServerFactoryBadInputTest {

  private static final String FACTORY = "io.github.localserver.ServerFactoryBadInputTest$";
  private static final String USE_PORT_ZERO =
      "cannot listen there; free the port, choose another, or use port 0 to let the OS choose a free one";

  // ---- HTTP-only attributes ---------------------------------------------------------------------

  @LocalServer(name = "tcp", factory = LineServerFactory.class, https = true)
  static class HttpsTestCase extends OneTest {}

  @LocalServer(name = "tcp", factory = LineServerFactory.class, mappings = "stubs/orders")
  static class MappingsTestCase extends OneTest {}

  @LocalServer(name = "tcp", factory = LineServerFactory.class, failOnUnmatched = false)
  static class FailOnUnmatchedTestCase extends OneTest {}

  @Test
  void httpsWithAFactoryFailsTheClass() {
    assertFailure(
        classFailure(LocalServerTestKit.run(HttpsTestCase.class), HttpsTestCase.class),
        ExtensionConfigurationException.class,
        "@LocalServer(https = true) applies to HTTP servers only; this one is made by"
            + " LineServerFactory.class, so remove https or factory");
  }

  @Test
  void mappingsWithAFactoryFailTheClass() {
    assertFailure(
        classFailure(LocalServerTestKit.run(MappingsTestCase.class), MappingsTestCase.class),
        ExtensionConfigurationException.class,
        "@LocalServer(mappings = \"stubs/orders\") applies to HTTP servers only; this one is made by"
            + " LineServerFactory.class, so remove mappings or factory");
  }

  @Test
  void failOnUnmatchedWithAFactoryFailsTheClass() {
    assertFailure(
        classFailure(LocalServerTestKit.run(FailOnUnmatchedTestCase.class), FailOnUnmatchedTestCase.class),
        ExtensionConfigurationException.class,
        "@LocalServer(failOnUnmatched = false) applies to HTTP servers only; this one is made by"
            + " LineServerFactory.class, so remove failOnUnmatched or factory");
  }

  @Test
  void theBuilderRejectsHttpOnlyValuesWithAFactoryAtOnce() {
    assertThatThrownBy(() -> LocalServerExtension.builder().factory(LineServerFactory.class).https(true).build())
        .isExactlyInstanceOf(ExtensionConfigurationException.class)
        .hasMessage(
            "LocalServerExtension.builder().https(true) applies to HTTP servers only; this one is made by"
                + " LineServerFactory.class, so remove https or factory");
    assertThatThrownBy(
            () -> LocalServerExtension.builder().factory(LineServerFactory.class).mappings("stubs/orders").build())
        .isExactlyInstanceOf(ExtensionConfigurationException.class)
        .hasMessage(
            "LocalServerExtension.builder().mappings(\"stubs/orders\") applies to HTTP servers only; this one is"
                + " made by LineServerFactory.class, so remove mappings or factory");
    assertThatThrownBy(
            () -> LocalServerExtension.builder().factory(LineServerFactory.class).failOnUnmatched(false).build())
        .isExactlyInstanceOf(ExtensionConfigurationException.class)
        .hasMessage(
            "LocalServerExtension.builder().failOnUnmatched(false) applies to HTTP servers only; this one is"
                + " made by LineServerFactory.class, so remove failOnUnmatched or factory");
  }

  // ---- factories that cannot be made ------------------------------------------------------------

  static class NoDefaultConstructorFactory extends LineServerFactory {
    NoDefaultConstructorFactory(String unused) {}
  }

  static class ThrowingConstructorFactory extends LineServerFactory {
    ThrowingConstructorFactory() {
      throw new IllegalStateException("no licence for this server");
    }
  }

  @LocalServer(name = "tcp", factory = NoDefaultConstructorFactory.class)
  static class NoDefaultConstructorTestCase extends OneTest {}

  @LocalServer(name = "tcp", factory = ThrowingConstructorFactory.class)
  static class ThrowingConstructorTestCase extends OneTest {}

  @Test
  void aFactoryWithoutANoArgumentConstructorFailsTheClass() {
    assertFailure(
        classFailure(LocalServerTestKit.run(NoDefaultConstructorTestCase.class), NoDefaultConstructorTestCase.class),
        ExtensionConfigurationException.class,
        "@LocalServer(factory = NoDefaultConstructorFactory.class) cannot be made"
            + " (java.lang.NoSuchMethodException: "
            + FACTORY
            + "NoDefaultConstructorFactory.<init>()); give it a public no-argument constructor, and make it a"
            + " top-level or static class");
  }

  @Test
  void aFactoryWhoseConstructorThrowsFailsTheClass() {
    Throwable failure =
        classFailure(LocalServerTestKit.run(ThrowingConstructorTestCase.class), ThrowingConstructorTestCase.class);
    assertFailure(
        failure,
        ExtensionConfigurationException.class,
        "@LocalServer(factory = ThrowingConstructorFactory.class) cannot be made"
            + " (java.lang.IllegalStateException: no licence for this server); give it a public no-argument"
            + " constructor, and make it a top-level or static class");
  }

  @Test
  void theBuilderRejectsAFactoryItCannotMakeAtOnce() {
    assertThatThrownBy(() -> LocalServerExtension.builder().factory(NoDefaultConstructorFactory.class).build())
        .isExactlyInstanceOf(ExtensionConfigurationException.class)
        .hasMessage(
            "LocalServerExtension.builder().factory(NoDefaultConstructorFactory.class) cannot be made"
                + " (java.lang.NoSuchMethodException: "
                + FACTORY
                + "NoDefaultConstructorFactory.<init>()); give it a public no-argument constructor, and make it"
                + " a top-level or static class");
  }

  // ---- factories that misbehave -----------------------------------------------------------------

  /** Binds every interface, as {@code new ServerSocket(port)} does. */
  static class WildcardFactory extends LineServerFactory {
    @Override
    ServerSocket bind(InetAddress address, int port) throws IOException {
      return new ServerSocket(port);
    }
  }

  @LocalServer(name = "tcp", factory = WildcardFactory.class)
  static class WildcardTestCase extends OneTest {}

  @Test
  void aFactoryThatBindsEveryInterfaceFailsTheClass() {
    List<String> outside = nonLoopbackAddresses();
    assumeFalse(outside.isEmpty(), "this machine has no non-loopback address to reach the server through");
    Throwable failure = classFailure(LocalServerTestKit.run(WildcardTestCase.class), WildcardTestCase.class);
    assertThat(failure).isExactlyInstanceOf(ExtensionConfigurationException.class);
    String addresses = outside.stream().map(Pattern::quote).collect(Collectors.joining("|"));
    Matcher message =
        Pattern.compile(
                Pattern.quote("Server 'tcp' (" + FACTORY + "WildcardFactory) accepts connections on ")
                    + "(?:"
                    + addresses
                    + "):(\\d+)"
                    + Pattern.quote(", not only on 127.0.0.1; make the factory bind only the address it is given"))
            .matcher(failure.getMessage());
    assertThat(message.matches()).as(failure.getMessage()).isTrue();
    int port = Integer.parseInt(message.group(1));
    assertThat(LineClient.refuses("127.0.0.1", port)).as("the rejected server was stopped").isTrue();
    assertThat(LineServerFactory.liveThreadsOnPort(port)).as("threads of the rejected server").isEmpty();
  }

  static class StartFailsFactory extends LineServerFactory {
    @Override
    public LineServer start(InetAddress address, int port) throws IOException {
      throw new IOException("no space left on device");
    }
  }

  static class NullFactory extends LineServerFactory {
    @Override
    public LineServer start(InetAddress address, int port) {
      return null;
    }
  }

  @LocalServer(name = "tcp", factory = StartFailsFactory.class)
  static class StartFailsTestCase extends OneTest {}

  @LocalServer(name = "tcp", factory = NullFactory.class)
  static class NullTestCase extends OneTest {}

  @Test
  void aFactoryWhoseStartThrowsFailsTheClass() {
    Throwable failure = classFailure(LocalServerTestKit.run(StartFailsTestCase.class), StartFailsTestCase.class);
    assertFailure(
        failure,
        ExtensionConfigurationException.class,
        "Could not start server 'tcp' (" + FACTORY + "StartFailsFactory) on 127.0.0.1:"
            + " java.io.IOException: no space left on device");
    assertThat(failure.getCause()).isExactlyInstanceOf(IOException.class).hasMessage("no space left on device");
  }

  @Test
  void aFactoryWhoseStartReturnsNullFailsTheClass() {
    assertFailure(
        classFailure(LocalServerTestKit.run(NullTestCase.class), NullTestCase.class),
        ExtensionConfigurationException.class,
        FACTORY + "NullFactory.start(...) returned null; return the started server");
  }

  /** Stops its server properly, then reports a failure. */
  static class StopFailsFactory extends LineServerFactory {
    @Override
    public void stop(LineServer server) throws Exception {
      super.stop(server);
      throw new IOException("could not delete the data folder");
    }
  }

  @LocalServer(name = "tcp", factory = StopFailsFactory.class)
  static class StopFailsTestCase {
    @Test
    void usesTheServer(@Server("tcp") LineServer server, TestReporter reporter) {
      reporter.publishEntry("server", ServerFactoryTest.describe(server));
    }
  }

  @Test
  void aFailingStopFailsTheClass() {
    EngineExecutionResults results = LocalServerTestKit.run(StopFailsTestCase.class);
    String account = LocalServerTestKit.describe(results);
    assertThat(results.testEvents().succeeded().count()).as(account).isEqualTo(1);
    List<Event> failed = results.containerEvents().failed().list();
    assertThat(failed).as(account).hasSize(1);
    assertThat(failed.get(0).getTestDescriptor().getSource()).contains(ClassSource.from(StopFailsTestCase.class));
    Throwable failure = LocalServerTestKit.failure(failed.get(0));
    if (failure instanceof JUnitException && "Failed to close extension context".equals(failure.getMessage())) {
      failure = failure.getCause(); // how JUnit 6 reports a value of the store that fails to close
    }
    assertFailure(
        failure,
        IllegalStateException.class,
        "Could not stop server 'tcp' with " + FACTORY + "StopFailsFactory: java.io.IOException: could not delete"
            + " the data folder");
    ServerFactoryTest.assertStoppedAndGone(LocalServerTestKit.reportedOnce(results, "server"));
  }

  /** Fails the first reset after a line was received, once; then resets properly. */
  static class ResetFailsOnceFactory extends LineServerFactory {
    private final AtomicBoolean failed = new AtomicBoolean();

    @Override
    public void reset(LineServer server) throws Exception {
      if (server.linesSinceReset() > 0 && failed.compareAndSet(false, true)) {
        throw new IOException("could not truncate");
      }
      super.reset(server);
    }
  }

  @LocalServer(name = "tcp", factory = ResetFailsOnceFactory.class)
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class ResetFailsTestCase {
    @Test
    @Order(1)
    void leavesALine(@Server("tcp") LineServer server) throws IOException {
      LineClient.converse("127.0.0.1", server.port(), "leftover");
    }

    @Test
    @Order(2)
    void isNotReset() {}

    @Test
    @Order(3)
    void isResetAgain(@Server("tcp") LineServer server, TestReporter reporter) throws IOException {
      reporter.publishEntry("server", ServerFactoryTest.describe(server));
      assertThat(LineClient.converse("127.0.0.1", server.port(), "a")).containsExactly("1 a");
    }
  }

  @Test
  void aFailingResetFailsTheTestItWasFor() {
    EngineExecutionResults results = LocalServerTestKit.run(ResetFailsTestCase.class);
    String account = LocalServerTestKit.describe(results);
    assertThat(results.containerEvents().failed().count()).as(account).isZero();
    assertThat(results.testEvents().succeeded().count()).as(account).isEqualTo(2);
    assertFailure(
        failedTest(results, "isNotReset"),
        IllegalStateException.class,
        "Could not reset server 'tcp' with " + FACTORY + "ResetFailsOnceFactory: java.io.IOException: could not"
            + " truncate");
    ServerFactoryTest.assertStoppedAndGone(LocalServerTestKit.reportedOnce(results, "server"));
  }

  /**
   * The reset that fails is the one before a nested class's {@code @BeforeAll}: that class fails,
   * and the next nested class must still get the server.
   */
  @LocalServer(name = "tcp", factory = ResetFailsOnceFactory.class)
  @TestClassOrder(ClassOrderer.OrderAnnotation.class)
  static class ResetFailsForNestedTestCase {
    @Test
    void leavesALine(@Server("tcp") LineServer server) throws IOException {
      LineClient.converse("127.0.0.1", server.port(), "leftover");
    }

    @Nested
    @Order(1)
    class First {
      @Test
      void isNotReset() {}
    }

    @Nested
    @Order(2)
    class Second {
      @Test
      void getsTheServer(@Server("tcp") LineServer server, TestReporter reporter) throws IOException {
        reporter.publishEntry("server", ServerFactoryTest.describe(server));
        assertThat(LineClient.converse("127.0.0.1", server.port(), "a")).containsExactly("1 a");
      }
    }
  }

  @Test
  void aFailingResetBeforeANestedClassDoesNotHangTheNextOne() {
    EngineExecutionResults results =
        assertTimeoutPreemptively(
            Duration.ofSeconds(30),
            () -> LocalServerTestKit.run(ResetFailsForNestedTestCase.class),
            "the run hangs: the nested class after the failed reset waits for the server forever");
    String account = LocalServerTestKit.describe(results);
    assertThat(results.testEvents().succeeded().count()).as(account).isEqualTo(2);
    List<Event> failed = results.containerEvents().failed().list();
    assertThat(failed).as(account).hasSize(1);
    assertThat(failed.get(0).getTestDescriptor().getDisplayName()).isEqualTo("First");
    assertFailure(
        LocalServerTestKit.failure(failed.get(0)),
        IllegalStateException.class,
        "Could not reset server 'tcp' with " + FACTORY + "ResetFailsOnceFactory: java.io.IOException: could not"
            + " truncate");
    ServerFactoryTest.assertStoppedAndGone(LocalServerTestKit.reportedOnce(results, "server"));
  }

  // ---- fixed port -------------------------------------------------------------------------------

  private static final String PORT_KEY = "serverfactory.port";

  @ExtendWith(BadInputTest.ConfiguredResolver.class)
  static class FixedPortTestCase {
    @RegisterExtension final LocalServerExtension server;

    FixedPortTestCase(@BadInputTest.Configured(PORT_KEY) int port) {
      this.server = LocalServerExtension.builder().name("tcp").port(port).factory(LineServerFactory.class).build();
    }

    @Test
    void usesTheServer() {}
  }

  @Test
  void aFixedPortInUseFailsTheTestNamingThePort() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();
      Throwable failure =
          testFailure(LocalServerTestKit.run(FixedPortTestCase.class, PORT_KEY, String.valueOf(port)), "usesTheServer");
      String holder =
          Files.isReadable(Path.of("/proc/net/tcp"))
              ? " by this JVM (pid " + ProcessHandle.current().pid() + ")"
              : "";
      assertFailure(
          failure,
          ExtensionConfigurationException.class,
          "Port " + port + " on 127.0.0.1 is already in use" + holder + ", so server 'tcp' " + USE_PORT_ZERO);
    }
  }

  /** Another process took the port between LocalServer's check and the factory's bind. */
  static class LostRaceFactory extends LineServerFactory {
    @Override
    public LineServer start(InetAddress address, int port) throws IOException {
      throw new IOException("could not listen", new BindException("Address already in use"));
    }
  }

  @ExtendWith(BadInputTest.ConfiguredResolver.class)
  static class LostRaceTestCase {
    @RegisterExtension final LocalServerExtension server;

    LostRaceTestCase(@BadInputTest.Configured(PORT_KEY) int port) {
      this.server = LocalServerExtension.builder().name("tcp").port(port).factory(LostRaceFactory.class).build();
    }

    @Test
    void usesTheServer() {}
  }

  @Test
  void aBindExceptionFromTheFactoryIsReportedAsPortInUse() throws IOException {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      port = probe.getLocalPort(); // free again once closed; the factory pretends to lose it
    }
    Throwable failure =
        testFailure(LocalServerTestKit.run(LostRaceTestCase.class, PORT_KEY, String.valueOf(port)), "usesTheServer");
    assertFailure(
        failure,
        ExtensionConfigurationException.class,
        "Port " + port + " on 127.0.0.1 is already in use, so server 'tcp' " + USE_PORT_ZERO);
    assertThat(failure.getCause()).isExactlyInstanceOf(IOException.class).hasRootCauseInstanceOf(BindException.class);
  }

  // ---- HTTP-only types --------------------------------------------------------------------------

  @LocalServer(name = "tcp", factory = LineServerFactory.class)
  static class WrongTypesTestCase {
    @Test
    void asksForLocalHttpServer(LocalHttpServer server) {}

    @Test
    void asksForANamedClient(@Server("tcp") OkHttpClient client) {}

    @Test
    void asksForAnUnqualifiedClient(OkHttpClient client) {}

    @Test
    void asksForHttpUrl(@ServerUrl("tcp") HttpUrl url) {}

    @Test
    void asksForUrl(@ServerUrl("tcp") URL url) {}

    @Test
    void asksForString(@Server("tcp") String server) {}

    @Test
    void publishesThePort(@ServerPort("tcp") int port, TestReporter reporter) {
      reporter.publishEntry("port", String.valueOf(port));
    }
  }

  @Test
  void httpOnlyTypesAreRefusedForAFactoryServer() {
    EngineExecutionResults results = LocalServerTestKit.run(WrongTypesTestCase.class);
    String account = LocalServerTestKit.describe(results);
    assertThat(results.containerEvents().failed().count()).as(account).isZero();
    assertThat(results.testEvents().succeeded().count()).as(account).isEqualTo(1);
    assertThat(results.testEvents().failed().count()).as(account).isEqualTo(6);
    String port = LocalServerTestKit.reportedOnce(results, "port");
    String serverType = "io.github.localserver.LineServerFactory$LineServer";
    String askFor = "; ask for LineServer (or a supertype), @ServerUrl String or @ServerPort int";
    assertFailure(
        failedTest(results, "asksForLocalHttpServer"),
        ParameterResolutionException.class,
        "Parameter [io.github.localserver.LocalHttpServer arg0] of asksForLocalHttpServer(): Server 'tcp' is a "
            + serverType
            + " made by LineServerFactory, not io.github.localserver.LocalHttpServer"
            + askFor);
    assertFailure(
        failedTest(results, "asksForANamedClient"),
        ParameterResolutionException.class,
        "Parameter [okhttp3.OkHttpClient arg0] of asksForANamedClient(): Server 'tcp' is a "
            + serverType
            + " made by LineServerFactory, not okhttp3.OkHttpClient"
            + askFor);
    // No HTTP server is in scope, so LocalServer leaves OkHttpClient to other resolvers: JUnit's
    // own message.
    assertFailure(
        failedTest(results, "asksForAnUnqualifiedClient"),
        ParameterResolutionException.class,
        "No ParameterResolver registered for parameter [okhttp3.OkHttpClient arg0] in method [void "
            + FACTORY
            + "WrongTypesTestCase.asksForAnUnqualifiedClient(okhttp3.OkHttpClient)].");
    assertFailure(
        failedTest(results, "asksForHttpUrl"),
        ParameterResolutionException.class,
        "Parameter [okhttp3.HttpUrl arg0] of asksForHttpUrl(): @ServerUrl cannot be injected as okhttp3.HttpUrl"
            + " for server 'tcp', whose URL is line://127.0.0.1:"
            + port
            + "; use String or java.net.URI");
    assertFailure(
        failedTest(results, "asksForUrl"),
        ParameterResolutionException.class,
        "Parameter [java.net.URL arg0] of asksForUrl(): @ServerUrl cannot be injected as java.net.URL"
            + " for server 'tcp', whose URL is line://127.0.0.1:"
            + port
            + "; use String or java.net.URI");
    assertFailure(
        failedTest(results, "asksForString"),
        ParameterResolutionException.class,
        "Parameter [java.lang.String arg0] of asksForString(): Server 'tcp' is a "
            + serverType
            + " made by LineServerFactory, not java.lang.String"
            + askFor);
  }

  @LocalServer(name = "tcp", factory = LineServerFactory.class)
  static class WrongFieldTestCase {
    @Server("tcp")
    LocalHttpServer server;

    @Test
    void wouldRun() {}
  }

  @Test
  void anHttpOnlyFieldIsRefusedForAFactoryServer() {
    EngineExecutionResults results = LocalServerTestKit.run(WrongFieldTestCase.class);
    assertFailure(
        testFailure(results, "wouldRun"),
        ExtensionConfigurationException.class,
        "Field WrongFieldTestCase.server: Server 'tcp' is a io.github.localserver.LineServerFactory$LineServer made"
            + " by LineServerFactory, not io.github.localserver.LocalHttpServer; ask for LineServer (or a"
            + " supertype), @ServerUrl String or @ServerPort int");
  }

  static class ProgrammaticBaseUrlTestCase {
    @RegisterExtension
    static LocalServerExtension tcp = LocalServerExtension.builder().name("tcp").factory(LineServerFactory.class).build();

    @Test
    void asksForTheBaseUrl(@ServerPort("tcp") int port, TestReporter reporter) {
      reporter.publishEntry("port", String.valueOf(port));
      tcp.baseUrl();
    }
  }

  @Test
  void theExtensionObjectOfAFactoryServerIsNotAnHttpServer() {
    EngineExecutionResults results = LocalServerTestKit.run(ProgrammaticBaseUrlTestCase.class);
    String port = LocalServerTestKit.reportedOnce(results, "port");
    assertFailure(
        testFailure(results, "asksForTheBaseUrl"),
        IllegalStateException.class,
        "LocalServerExtension \"tcp\" stands for LocalServer[tcp line://127.0.0.1:"
            + port
            + "], which is not an HTTP server; inject it with @Server instead");
  }

  // ---- helpers ----------------------------------------------------------------------------------


  /** The addresses LocalServer tries to reach a factory's server through, as it lists them. */
  private static List<String> nonLoopbackAddresses() {
    List<String> addresses = new ArrayList<>();
    try {
      for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (!network.isUp() || network.isLoopback()) {
          continue;
        }
        for (InetAddress address : Collections.list(network.getInetAddresses())) {
          if (!address.isLoopbackAddress() && !address.isLinkLocalAddress()) {
            addresses.add(address.getHostAddress());
          }
        }
      }
    } catch (SocketException e) {
      // no interfaces: nothing to list
    }
    return addresses;
  }
}

package io.github.localserver.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.github.localserver.Lifecycle;
import io.github.localserver.LocalServer;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Plain unit tests for the settings parser: which bind addresses pass, how configuration
 * parameters merge with declared values, and the full message of each bad value.
 */
class ServerSettingsTest {

  private static final String USE_LOOPBACK = "use 127.0.0.1 (or any 127.0.0.0/8 address), ::1 or localhost";
  private static final String USE_PORT =
      "use 0 for a free port chosen by the OS, or a port from 1 to 65535";

  // ---- Loopback.parse ---------------------------------------------------------------------------

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "127.0.0.1, 127.0.0.1",
    "127.1.2.3, 127.1.2.3",
    "::1, ::1",
    "'[::1]', ::1",
    "0:0:0:0:0:0:0:1, ::1",
    "localhost, 127.0.0.1",
    "LOCALHOST, 127.0.0.1",
  })
  void acceptsLoopbackLiteralsAndLocalhost(String value, String expected) throws UnknownHostException {
    assertThat(Loopback.parse(value)).contains(literal(expected));
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(
      strings = {
        "0.0.0.0",
        "10.0.0.5",
        "192.168.1.1",
        "example.com",
        "256.0.0.1",
        "127.0.0.256",
        "::",
        "fd00::1",
        "::ffff:10.0.0.5",
        "127.0.0.1:8080",
        "localhost:8080",
        "",
        " ",
      })
  void rejectsEverythingElse(String value) {
    assertThat(Loopback.parse(value)).isEmpty();
  }

  @Test
  void rejectsNull() {
    assertThat(Loopback.parse(null)).isEmpty();
  }

  /** Forms C's inet_aton reads as 127.x: loopback, only not written as LocalServer takes it. */
  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"127.1", "127.0.1", "2130706433", "0177.0.0.1", "0x7f.0.0.1", "0x7f000001", " 127.1 "})
  void recognisesOtherFormsOfLoopbackAddresses(String value) {
    assertThat(Loopback.parse(value)).isEmpty();
    assertThat(Loopback.isOtherLoopbackForm(value)).isTrue();
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(
      strings = {"10.1", "0.0.0.0", "example.com", "127.0.0.256", "127.256.1", "1.2.3.4.5", "127..1", "", "0x"})
  void otherFormsOfNonLoopbackAddressesAreNotLoopback(String value) {
    assertThat(Loopback.isOtherLoopbackForm(value)).isFalse();
  }

  @Test
  void aShortFormSaysWhichFormsAreAcceptedAndANonLoopbackHostSaysLoopback() {
    assertThatThrownBy(() -> resolveHost("127.1"))
        .isExactlyInstanceOf(ExtensionConfigurationException.class)
        .hasMessage(
            "@LocalServer(host = \"127.1\") is not an accepted form: write loopback addresses as full dotted quads"
                + " (127.0.0.1 or any 127.x.y.z), ::1 or localhost");
    assertThatThrownBy(() -> resolveHost("10.1"))
        .isExactlyInstanceOf(ExtensionConfigurationException.class)
        .hasMessage("@LocalServer(host = \"10.1\") is not a loopback address; " + USE_LOOPBACK);
  }

  private static ServerSettings resolveHost(String host) {
    return ServerSettings.resolve(
        new ServerSettings.Declared(false, "", host, null, null, null, "", null, null), key -> Optional.empty());
  }

  /**
   * Names that this machine's resolver maps to a loopback address are still rejected: a parser that
   * looked names up would accept them. {@code localhost} is the one name allowed, and it is taken
   * to mean 127.0.0.1 without asking the resolver.
   */
  @Test
  void neverResolvesNames() {
    List<String> loopbackNames = new ArrayList<>();
    for (String name : candidateNames()) {
      if (resolvesToLoopback(name)) {
        loopbackNames.add(name);
      }
    }
    assumeFalse(loopbackNames.isEmpty(), "no name other than localhost resolves to loopback here");
    for (String name : loopbackNames) {
      assertThat(Loopback.parse(name)).as(name).isEmpty();
    }
  }

  private static List<String> candidateNames() {
    List<String> names =
        new ArrayList<>(List.of("localhost.", "ip6-localhost", "ip6-loopback", "localhost.localdomain"));
    try {
      names.add(InetAddress.getLocalHost().getHostName());
    } catch (UnknownHostException e) {
      // No host name: the other candidates remain.
    }
    return names;
  }

  private static boolean resolvesToLoopback(String name) {
    try {
      InetAddress[] all = InetAddress.getAllByName(name);
      return all.length > 0 && all[0].isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  // ---- defaults and declared values -------------------------------------------------------------

  @LocalServer
  static class PlainDeclaration {}

  @Test
  void anAnnotationWithoutAttributesGivesTheDefaults() throws UnknownHostException {
    assertThat(resolve(PlainDeclaration.class, Map.of()))
        .isEqualTo(new ServerSettings("", literal("127.0.0.1"), 0, false, Lifecycle.PER_CLASS, "", true, null));
  }

  @LocalServer(
      name = "orders",
      host = "::1",
      port = 65535,
      https = true,
      lifecycle = Lifecycle.PER_METHOD,
      mappings = "/stubs/orders/",
      failOnUnmatched = false)
  static class FullDeclaration {}

  @Test
  void everyAttributeIsTaken() throws UnknownHostException {
    assertThat(resolve(FullDeclaration.class, Map.of()))
        .isEqualTo(
            new ServerSettings(
                "orders", literal("::1"), 65535, true, Lifecycle.PER_METHOD, "stubs/orders", false, null));
  }

  // ---- ports ------------------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 8080, 65535})
  void acceptsPortsFrom0To65535(int port) {
    assertThat(ServerSettings.resolve(builderPort(port), none()).port()).isEqualTo(port);
  }

  @LocalServer(port = -1)
  static class NegativePortDeclaration {}

  @LocalServer(port = 65536)
  static class TooHighPortDeclaration {}

  @Test
  void rejectsANegativePort() {
    assertThatThrownBy(() -> resolve(NegativePortDeclaration.class, Map.of()))
        .isExactlyInstanceOf(ExtensionConfigurationException.class)
        .hasMessage("@LocalServer(port = -1) is outside 0-65535; " + USE_PORT);
  }

  @Test
  void rejectsAPortAbove65535() {
    assertThatThrownBy(() -> resolve(TooHighPortDeclaration.class, Map.of()))
        .isExactlyInstanceOf(ExtensionConfigurationException.class)
        .hasMessage("@LocalServer(port = 65536) is outside 0-65535; " + USE_PORT);
  }

  @Test
  void aBuilderPortIsNamedAsABuilderCall() {
    assertThatThrownBy(() -> ServerSettings.resolve(builderPort(Integer.MIN_VALUE), none()))
        .isExactlyInstanceOf(ExtensionConfigurationException.class)
        .hasMessage("LocalServerExtension.builder().port(-2147483648) is outside 0-65535; " + USE_PORT);
  }

  // ---- hosts ------------------------------------------------------------------------------------

  @LocalServer(host = "0.0.0.0")
  static class AnyAddressDeclaration {}

  @LocalServer(host = "example.com")
  static class NameDeclaration {}

  @Test
  void rejectsADeclaredNonLoopbackHost() {
    assertThatThrownBy(() -> resolve(AnyAddressDeclaration.class, Map.of()))
        .isExactlyInstanceOf(ExtensionConfigurationException.class)
        .hasMessage("@LocalServer(host = \"0.0.0.0\") is not a loopback address; " + USE_LOOPBACK);
  }

  @Test
  void rejectsADeclaredHostName() {
    assertThatThrownBy(() -> resolve(NameDeclaration.class, Map.of()))
        .isExactlyInstanceOf(ExtensionConfigurationException.class)
        .hasMessage("@LocalServer(host = \"example.com\") is not a loopback address; " + USE_LOOPBACK);
  }

  @Test
  void aBuilderHostIsNamedAsABuilderCall() {
    ServerSettings.Declared declared =
        new ServerSettings.Declared(true, "api", "10.0.0.5", null, null, null, "", null, null);
    assertThatThrownBy(() -> ServerSettings.resolve(declared, none()))
        .isExactlyInstanceOf(ExtensionConfigurationException.class)
        .hasMessage("LocalServerExtension.builder().host(\"10.0.0.5\") is not a loopback address; " + USE_LOOPBACK);
  }

  // ---- configuration parameters -----------------------------------------------------------------

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"::1, ::1", "127.0.0.2, 127.0.0.2", "localhost, 127.0.0.1", "'[::1]', ::1"})
  void theHostParameterSetsTheDefaultAddress(String value, String expected) throws UnknownHostException {
    assertThat(resolve(PlainDeclaration.class, Map.of("localserver.host", value)).address())
        .isEqualTo(literal(expected));
  }

  @Test
  void rejectsANonLoopbackHostParameter() {
    assertThatThrownBy(() -> resolve(PlainDeclaration.class, Map.of("localserver.host", "0.0.0.0")))
        .isExactlyInstanceOf(ExtensionConfigurationException.class)
        .hasMessage(
            "Configuration parameter localserver.host = \"0.0.0.0\" is not a loopback address; " + USE_LOOPBACK);
  }

  @ParameterizedTest(name = "\"{0}\" -> {1}")
  @CsvSource({
    "per_class, PER_CLASS",
    "PER_CLASS, PER_CLASS",
    "per_method, PER_METHOD",
    "PER_METHOD, PER_METHOD",
    "Per_Method, PER_METHOD",
    "' per_method ', PER_METHOD",
  })
  void theLifecycleParameterIsReadInAnyCase(String value, Lifecycle expected) {
    assertThat(resolve(PlainDeclaration.class, Map.of("localserver.lifecycle", value)).lifecycle())
        .isEqualTo(expected);
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"sometimes", "per-method", "method", ""})
  void rejectsAnUnknownLifecycleParameter(String value) {
    assertThatThrownBy(() -> resolve(PlainDeclaration.class, Map.of("localserver.lifecycle", value)))
        .isExactlyInstanceOf(ExtensionConfigurationException.class)
        .hasMessage(
            "Configuration parameter localserver.lifecycle = \""
                + value
                + "\" is not a lifecycle; use per_class or per_method");
  }

  @ParameterizedTest(name = "\"{0}\" -> {1}")
  @CsvSource({"false, false", "FALSE, false", "true, true", "True, true"})
  void theFailOnUnmatchedParameterIsABoolean(String value, boolean expected) {
    assertThat(resolve(PlainDeclaration.class, Map.of("localserver.fail-on-unmatched", value)).failOnUnmatched())
        .isEqualTo(expected);
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"yes", "no", "0", ""})
  void rejectsANonBooleanFailOnUnmatchedParameter(String value) {
    assertThatThrownBy(() -> resolve(PlainDeclaration.class, Map.of("localserver.fail-on-unmatched", value)))
        .isExactlyInstanceOf(ExtensionConfigurationException.class)
        .hasMessage(
            "Configuration parameter localserver.fail-on-unmatched = \""
                + value
                + "\" is not a boolean; use true or false");
  }

  // ---- declared values against configuration parameters -----------------------------------------

  @LocalServer(host = "::1", lifecycle = Lifecycle.PER_METHOD, failOnUnmatched = false)
  static class NonDefaultDeclaration {}

  @Test
  void anAttributeThatDiffersFromItsDefaultWinsOverConfiguration() throws UnknownHostException {
    ServerSettings settings =
        resolve(
            NonDefaultDeclaration.class,
            Map.of(
                "localserver.host", "127.0.0.2",
                "localserver.lifecycle", "per_class",
                "localserver.fail-on-unmatched", "true"));
    assertThat(settings.address()).isEqualTo(literal("::1"));
    assertThat(settings.lifecycle()).isEqualTo(Lifecycle.PER_METHOD);
    assertThat(settings.failOnUnmatched()).isFalse();
  }

  @LocalServer(host = "127.0.0.1", lifecycle = Lifecycle.PER_CLASS, failOnUnmatched = true)
  static class ExplicitDefaultsDeclaration {}

  /** An attribute written out at its default cannot be told from an omitted one: configuration decides. */
  @Test
  void anAttributeAtItsDefaultLeavesTheChoiceToConfiguration() throws UnknownHostException {
    ServerSettings settings =
        resolve(
            ExplicitDefaultsDeclaration.class,
            Map.of(
                "localserver.host", "127.0.0.2",
                "localserver.lifecycle", "per_method",
                "localserver.fail-on-unmatched", "false"));
    assertThat(settings.address()).isEqualTo(literal("127.0.0.2"));
    assertThat(settings.lifecycle()).isEqualTo(Lifecycle.PER_METHOD);
    assertThat(settings.failOnUnmatched()).isFalse();
  }

  @Test
  void builderValuesWinOverConfiguration() throws UnknownHostException {
    ServerSettings.Declared declared =
        new ServerSettings.Declared(true, "api", "::1", null, null, Lifecycle.PER_CLASS, "", Boolean.TRUE, null);
    ServerSettings settings =
        ServerSettings.resolve(
            declared,
            config(
                Map.of(
                    "localserver.host", "127.0.0.2",
                    "localserver.lifecycle", "per_method",
                    "localserver.fail-on-unmatched", "false")));
    assertThat(settings.address()).isEqualTo(literal("::1"));
    assertThat(settings.lifecycle()).isEqualTo(Lifecycle.PER_CLASS);
    assertThat(settings.failOnUnmatched()).isTrue();
  }

  // ---- mappings ---------------------------------------------------------------------------------

  @LocalServer(mappings = "stubs/missing")
  static class MissingMappingsDeclaration {}

  @Test
  void rejectsAMappingsFolderThatDoesNotExist() {
    assertThatThrownBy(() -> resolve(MissingMappingsDeclaration.class, Map.of()))
        .isExactlyInstanceOf(ExtensionConfigurationException.class)
        .hasMessage(
            "@LocalServer(mappings = \"stubs/missing\") names no folder on the classpath; create"
                + " src/test/resources/stubs/missing/mappings with WireMock stub files (and"
                + " stubs/missing/__files for bodies), or leave mappings empty");
  }

  // ---- helpers ----------------------------------------------------------------------------------

  private static ServerSettings resolve(Class<?> declaration, Map<String, String> parameters) {
    LocalServer annotation = declaration.getAnnotation(LocalServer.class);
    return ServerSettings.resolve(ServerSettings.Declared.of(annotation), config(parameters));
  }

  private static ServerSettings.Declared builderPort(int port) {
    return new ServerSettings.Declared(true, "", null, port, null, null, "", null, null);
  }

  private static Function<String, Optional<String>> config(Map<String, String> parameters) {
    return key -> Optional.ofNullable(parameters.get(key));
  }

  private static Function<String, Optional<String>> none() {
    return key -> Optional.empty();
  }

  /** An address from a literal: parsed by the JDK, never looked up. */
  private static InetAddress literal(String literal) throws UnknownHostException {
    return InetAddress.getByName(literal);
  }
}

package io.github.localserver.internal;

import io.github.localserver.LocalServer;
import io.github.localserver.LocalServerFactory;
import io.github.localserver.Lifecycle;
import io.github.localserver.WireMockOptions;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * One server's validated settings: the annotation (or builder) values merged with the JUnit
 * configuration parameters and the defaults. Everything is checked here, before any server starts.
 *
 * @param name the server's name, {@code ""} for the default server
 * @param address the loopback address to bind
 * @param port 0 for a free port, else the exact port
 * @param https whether to serve HTTPS only
 * @param lifecycle per class or per test
 * @param mappings a classpath folder of stub files, or {@code ""}
 * @param failOnUnmatched whether unmatched requests fail the test
 * @param factory the factory of a non-HTTP server, or {@code null} for the WireMock HTTP server
 * @param staticDsl whether WireMock's static DSL points at it while several servers are in scope
 * @param options WireMock options passed through, or {@code null}
 * @param failOnUnusedStubs whether stubs registered during a test that no request matched fail it
 * @param recording the recording the server replays or records, or {@code null}
 */
public record ServerSettings(
    String name,
    InetAddress address,
    int port,
    boolean https,
    Lifecycle lifecycle,
    String mappings,
    boolean failOnUnmatched,
    LocalServerFactory<?> factory,
    boolean staticDsl,
    PassedOptions options,
    boolean failOnUnusedStubs,
    Recording recording) {

  /** Settings with only the first version's attributes (tests of the internals use it). */
  ServerSettings(
      String name,
      InetAddress address,
      int port,
      boolean https,
      Lifecycle lifecycle,
      String mappings,
      boolean failOnUnmatched,
      LocalServerFactory<?> factory) {
    this(name, address, port, https, lifecycle, mappings, failOnUnmatched, factory, false, null, false, null);
  }

  /**
   * Whether this is the built-in HTTP server.
   *
   * @return {@code true} unless a factory makes the server
   */
  public boolean isHttp() {
    return factory == null;
  }

  /**
   * The literal address.
   *
   * @return e.g. {@code 127.0.0.1} or {@code ::1}
   */
  public String host() {
    return Loopback.literal(address);
  }

  /**
   * A short label for messages.
   *
   * @return {@code server 'orders'} or {@code the default server}
   */
  public String label() {
    return label(name);
  }

  /**
   * As {@link #label()}, to start a sentence.
   *
   * @return {@code Server 'orders'} or {@code The default server}
   */
  public String sentenceLabel() {
    return capitalized(label());
  }

  static String label(String name) {
    return name.isEmpty() ? "the default server" : "server '" + name + "'";
  }

  static String capitalized(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }

  /**
   * Values as declared, {@code null} where the declaration left the default (so configuration
   * parameters may supply it).
   *
   * @param fromBuilder whether the values come from {@code LocalServerExtension.builder()}, for
   *     messages
   * @param options a {@code WireMockConfiguration} (builder) or a {@code WireMockOptions} class
   *     (annotation), or {@code null}
   * @param failOnUnusedStubs whether unused stubs fail the test, or {@code null} for the default
   * @param recording the recording folder, or {@code null}/{@code ""} for none
   * @param target the real API's base URL, or {@code null}/{@code ""} for none
   * @param redact extra header and query parameter names to redact when recording, or {@code null}
   */
  public record Declared(
      boolean fromBuilder,
      String name,
      String host,
      Integer port,
      Boolean https,
      Lifecycle lifecycle,
      String mappings,
      Boolean failOnUnmatched,
      Class<?> factory,
      Boolean staticDsl,
      Object options,
      Boolean failOnUnusedStubs,
      String recording,
      String target,
      List<String> redact) {

    /**
     * Values of the first version's attributes only (tests of the internals and benchmarks use it).
     *
     * @param fromBuilder whether the values come from the builder
     * @param name the name
     * @param host the host
     * @param port the port
     * @param https whether HTTPS
     * @param lifecycle the lifecycle
     * @param mappings the stub folder
     * @param failOnUnmatched whether unmatched requests fail
     * @param factory the factory class
     */
    public Declared(
        boolean fromBuilder,
        String name,
        String host,
        Integer port,
        Boolean https,
        Lifecycle lifecycle,
        String mappings,
        Boolean failOnUnmatched,
        Class<?> factory) {
      this(fromBuilder, name, host, port, https, lifecycle, mappings, failOnUnmatched, factory, null, null, null, null, null, null);
    }

    /**
     * Reads an annotation; attributes equal to their defaults are left to configuration.
     *
     * @param annotation the declaration
     * @return its values
     */
    public static Declared of(LocalServer annotation) {
      return new Declared(
          false,
          annotation.name(),
          annotation.host().equals("127.0.0.1") ? null : annotation.host(),
          annotation.port(),
          annotation.https() ? Boolean.TRUE : null,
          annotation.lifecycle() == Lifecycle.PER_CLASS ? null : annotation.lifecycle(),
          annotation.mappings(),
          annotation.failOnUnmatched() ? null : Boolean.FALSE,
          annotation.factory() == LocalServerFactory.class ? null : annotation.factory(),
          annotation.staticDsl() ? Boolean.TRUE : null,
          annotation.options() == WireMockOptions.class ? null : annotation.options(),
          annotation.failOnUnusedStubs() ? Boolean.TRUE : null,
          annotation.recording(),
          annotation.target(),
          List.of(annotation.redact()));
    }

    String describe(String attribute, Object value) {
      String shown =
          value instanceof String
              ? "\"" + value + "\""
              : value instanceof List<?> list && !fromBuilder
                  ? "{" + String.join(", ", list.stream().map(v -> "\"" + v + "\"").toList()) + "}"
                  : value instanceof List<?> list
                      ? String.join(", ", list.stream().map(v -> "\"" + v + "\"").toList())
                      : String.valueOf(value);
      return fromBuilder
          ? "LocalServerExtension.builder()." + attribute + "(" + shown + ")"
          : "@LocalServer(" + attribute + " = " + shown + ")";
    }
  }

  /**
   * Merges and validates, reading the configuration parameters through {@code config}.
   *
   * @param declared the declared values
   * @param config reads a JUnit configuration parameter
   * @return the settings to start the server with
   * @throws ExtensionConfigurationException naming the bad value and what would be valid
   */
  public static ServerSettings resolve(Declared declared, Function<String, Optional<String>> config) {
    return resolve(declared, RunConfiguration.parse(config));
  }

  /**
   * Merges and validates.
   *
   * @param declared the declared values
   * @param run the run's configuration parameters
   * @return the settings to start the server with
   * @throws ExtensionConfigurationException naming the bad value and what would be valid
   */
  static ServerSettings resolve(Declared declared, RunConfiguration run) {
    return resolve(declared, run, false);
  }

  /**
   * Validates a builder's values when it builds, before any configuration parameter is known: a
   * recording is not looked for yet (a run may be about to record it).
   *
   * @param declared the declared values
   * @throws ExtensionConfigurationException naming the bad value and what would be valid
   */
  public static void validate(Declared declared) {
    resolve(declared, RunConfiguration.defaults(), true);
  }

  private static ServerSettings resolve(Declared declared, RunConfiguration run, boolean early) {
    String name = declared.name() == null ? "" : declared.name();
    InetAddress address =
        declared.host() != null
            ? Loopback.parse(declared.host())
                .orElseThrow(() -> Loopback.badHost(declared.describe("host", declared.host()), declared.host()))
            : run.host().orElseGet(() -> Loopback.parse("127.0.0.1").orElseThrow());
    int port = declared.port() == null ? 0 : declared.port();
    if (port < 0 || port > 65535) {
      throw new ExtensionConfigurationException(
          declared.describe("port", port)
              + " is outside 0-65535; use 0 for a free port chosen by the OS, or a port from 1 to 65535");
    }
    Lifecycle lifecycle = declared.lifecycle() != null ? declared.lifecycle() : run.lifecycle().orElse(Lifecycle.PER_CLASS);
    boolean failOnUnmatched =
        declared.failOnUnmatched() != null ? declared.failOnUnmatched() : run.failOnUnmatched().orElse(true);
    String mappings = MappingFiles.normalize(declared.mappings() == null ? "" : declared.mappings());
    LocalServerFactory<?> factory = factory(declared);
    if (factory != null) {
      httpOnly(declared, "https", declared.https());
      httpOnly(declared, "mappings", mappings.isEmpty() ? null : declared.mappings());
      httpOnly(declared, "failOnUnmatched", declared.failOnUnmatched());
      httpOnly(declared, "staticDsl", declared.staticDsl());
      httpOnly(declared, "failOnUnusedStubs", declared.failOnUnusedStubs());
      httpOnly(declared, "recording", declared.recording() == null || declared.recording().isBlank() ? null : declared.recording());
      httpOnly(
          declared,
          "options",
          declared.options() instanceof Class<?> type ? new ClassLiteral(type) : declared.options() == null ? null : new Shown("..."));
    }
    ClasspathCheck.requireWireMock(); // before PassedOptions loads WireMock's classes
    PassedOptions options = PassedOptions.of(declared);
    boolean failOnUnusedStubs =
        declared.failOnUnusedStubs() != null ? declared.failOnUnusedStubs() : run.failOnUnusedStubs().orElse(false);
    Recording recording = Recording.resolve(declared, name, mappings, run, early);
    if (recording != null && !recording.records()) {
      mappings = recording.folder(); // replay: the recording is served as stub files are
    }
    if (!mappings.isEmpty() && recording == null) {
      MappingFiles.requireFolder(mappings, declared.describe("mappings", declared.mappings()));
    }
    return new ServerSettings(
        name,
        address,
        port,
        Boolean.TRUE.equals(declared.https()),
        lifecycle,
        mappings,
        failOnUnmatched,
        factory,
        Boolean.TRUE.equals(declared.staticDsl()),
        options,
        failOnUnusedStubs,
        recording);
  }

  private static LocalServerFactory<?> factory(Declared declared) {
    Class<?> type = declared.factory();
    if (type == null || type == LocalServerFactory.class) {
      return null;
    }
    String described = declared.describe("factory", new ClassLiteral(type));
    if (!LocalServerFactory.class.isAssignableFrom(type)) {
      throw new ExtensionConfigurationException(
          described + " is not a LocalServerFactory; implement io.github.localserver.LocalServerFactory");
    }
    try {
      return (LocalServerFactory<?>) ReflectionSupport.newInstance(type);
    } catch (Exception e) { // newInstance rethrows NoSuchMethodException and others unwrapped
      throw new ExtensionConfigurationException(
          described
              + " cannot be made ("
              + e
              + "); give it a public no-argument constructor, and make it a top-level or static class",
          e);
    }
  }

  /** Renders as itself in messages, unquoted. */
  private record Shown(String text) {
    @Override
    public String toString() {
      return text;
    }
  }

  /** Renders as {@code Foo.class} in messages. */
  private record ClassLiteral(Class<?> type) {
    @Override
    public String toString() {
      return type.getSimpleName() + ".class";
    }
  }

  private static void httpOnly(Declared declared, String attribute, Object value) {
    if (value != null) {
      throw new ExtensionConfigurationException(
          declared.describe(attribute, value)
              + " applies to HTTP servers only; this one is made by "
              + new ClassLiteral(declared.factory())
              + ", so remove "
              + attribute
              + " or factory");
    }
  }
}

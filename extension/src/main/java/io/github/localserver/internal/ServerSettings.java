package io.github.localserver.internal;

import io.github.localserver.LocalServer;
import io.github.localserver.LocalServerFactory;
import io.github.localserver.LocalServerExtension;
import io.github.localserver.Lifecycle;
import java.net.InetAddress;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.commons.PreconditionViolationException;
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
 */
public record ServerSettings(
    String name,
    InetAddress address,
    int port,
    boolean https,
    Lifecycle lifecycle,
    String mappings,
    boolean failOnUnmatched,
    LocalServerFactory<?> factory) {

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
      Class<?> factory) {

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
          annotation.factory() == LocalServerFactory.class ? null : annotation.factory());
    }

    String describe(String attribute, Object value) {
      String shown = value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
      return fromBuilder
          ? "LocalServerExtension.builder()." + attribute + "(" + shown + ")"
          : "@LocalServer(" + attribute + " = " + shown + ")";
    }
  }

  /**
   * Merges and validates.
   *
   * @param declared the declared values
   * @param config reads a JUnit configuration parameter
   * @return the settings to start the server with
   * @throws ExtensionConfigurationException naming the bad value and what would be valid
   */
  public static ServerSettings resolve(Declared declared, Function<String, Optional<String>> config) {
    String name = declared.name() == null ? "" : declared.name();
    // Configuration values are checked even where a declaration overrides them: a typo in
    // junit-platform.properties should not wait for the one class that relies on it.
    Optional<Lifecycle> configuredLifecycle = lifecycle(config);
    Optional<Boolean> configuredFailOnUnmatched = failOnUnmatched(config);
    reportAlways(config);
    adminApiOpen(config);
    InetAddress address = address(declared, config);
    configuredHost(config);
    int port = declared.port() == null ? 0 : declared.port();
    if (port < 0 || port > 65535) {
      throw new ExtensionConfigurationException(
          declared.describe("port", port)
              + " is outside 0-65535; use 0 for a free port chosen by the OS, or a port from 1 to 65535");
    }
    Lifecycle lifecycle =
        declared.lifecycle() != null ? declared.lifecycle() : configuredLifecycle.orElse(Lifecycle.PER_CLASS);
    boolean failOnUnmatched =
        declared.failOnUnmatched() != null
            ? declared.failOnUnmatched()
            : configuredFailOnUnmatched.orElse(true);
    String mappings = MappingFiles.normalize(declared.mappings() == null ? "" : declared.mappings());
    LocalServerFactory<?> factory = factory(declared);
    if (factory != null) {
      httpOnly(declared, "https", declared.https());
      httpOnly(declared, "mappings", mappings.isEmpty() ? null : declared.mappings());
      httpOnly(declared, "failOnUnmatched", declared.failOnUnmatched());
    }
    if (!mappings.isEmpty()) {
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
        factory);
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

  private static InetAddress address(Declared declared, Function<String, Optional<String>> config) {
    if (declared.host() != null) {
      return Loopback.parse(declared.host())
          .orElseThrow(() -> badHost(declared.describe("host", declared.host()), declared.host()));
    }
    Optional<String> configured = config.apply(LocalServerExtension.HOST_KEY);
    if (configured.isPresent()) {
      return Loopback.parse(configured.get())
          .orElseThrow(() -> badHost(badParameter(LocalServerExtension.HOST_KEY, configured.get()), configured.get()));
    }
    return Loopback.parse("127.0.0.1").orElseThrow();
  }

  private static void configuredHost(Function<String, Optional<String>> config) {
    config
        .apply(LocalServerExtension.HOST_KEY)
        .filter(value -> Loopback.parse(value).isEmpty())
        .ifPresent(
            value -> {
              throw badHost(badParameter(LocalServerExtension.HOST_KEY, value), value);
            });
  }

  /** {@code 127.1} is loopback, only not written in a form LocalServer takes: say which forms it takes. */
  private static ExtensionConfigurationException badHost(String described, String value) {
    return new ExtensionConfigurationException(
        Loopback.isOtherLoopbackForm(value)
            ? described + " is not an accepted form: " + Loopback.FULL_FORMS
            : described + " is not a loopback address; " + Loopback.ALLOWED);
  }

  static Optional<Lifecycle> lifecycle(Function<String, Optional<String>> config) {
    return config
        .apply(LocalServerExtension.LIFECYCLE_KEY)
        .map(
            value -> {
              switch (value.trim().toLowerCase(Locale.ROOT)) {
                case "per_class":
                  return Lifecycle.PER_CLASS;
                case "per_method":
                  return Lifecycle.PER_METHOD;
                default:
                  throw new ExtensionConfigurationException(
                      badParameter(LocalServerExtension.LIFECYCLE_KEY, value)
                          + " is not a lifecycle; use per_class or per_method");
              }
            });
  }

  static Optional<Boolean> failOnUnmatched(Function<String, Optional<String>> config) {
    return config
        .apply(LocalServerExtension.FAIL_ON_UNMATCHED_KEY)
        .map(
            value -> {
              switch (value.trim().toLowerCase(Locale.ROOT)) {
                case "true":
                  return true;
                case "false":
                  return false;
                default:
                  throw new ExtensionConfigurationException(
                      badParameter(LocalServerExtension.FAIL_ON_UNMATCHED_KEY, value)
                          + " is not a boolean; use true or false");
              }
            });
  }

  /** Whether to report every test's requests, not only failed tests'. */
  static boolean reportAlways(Function<String, Optional<String>> config) {
    return config
        .apply(LocalServerExtension.REPORT_REQUESTS_KEY)
        .map(
            value -> {
              switch (value.trim().toLowerCase(Locale.ROOT)) {
                case "always":
                  return true;
                case "on-failure":
                  return false;
                default:
                  throw new ExtensionConfigurationException(
                      badParameter(LocalServerExtension.REPORT_REQUESTS_KEY, value)
                          + " is not a report mode; use on-failure or always");
              }
            })
        .orElse(false);
  }

  /**
   * Configuration parameter: whether WireMock's admin API is {@code protected} (the default) or
   * {@code open} to any loopback client. Validated here; its behaviour lives with the servers.
   */
  static final String ADMIN_API_KEY = "localserver.admin-api";

  /** Every configuration key LocalServer reads, in the order messages list them. */
  static final List<String> KNOWN_KEYS =
      List.of(
          LocalServerExtension.HOST_KEY,
          LocalServerExtension.LIFECYCLE_KEY,
          LocalServerExtension.FAIL_ON_UNMATCHED_KEY,
          LocalServerExtension.REPORT_REQUESTS_KEY,
          ADMIN_API_KEY);

  private static final String KEY_PREFIX = "localserver.";

  /** Whether {@value #ADMIN_API_KEY} opens the admin API to every loopback client. */
  static boolean adminApiOpen(Function<String, Optional<String>> config) {
    return config
        .apply(ADMIN_API_KEY)
        .map(
            value -> {
              switch (value.trim().toLowerCase(Locale.ROOT)) {
                case "protected":
                  return false;
                case "open":
                  return true;
                default:
                  throw new ExtensionConfigurationException(
                      badParameter(ADMIN_API_KEY, value) + " is not an admin API mode; use protected or open");
              }
            })
        .orElse(false);
  }

  /**
   * Fails on a {@code localserver.*} key that LocalServer does not read, so that a misspelt key
   * ({@code localserver.lifecyle}) is never ignored.
   *
   * @param keys the launcher's configuration parameter keys
   * @param ignored keys not to check: JVM system properties, which builds use for their own
   *     purposes ({@code localserver.version}, say)
   * @throws PreconditionViolationException naming the unknown keys and listing the known ones
   */
  static void requireKnownKeys(Collection<String> keys, Set<String> ignored) {
    List<String> unknown =
        keys.stream()
            .filter(key -> key.startsWith(KEY_PREFIX))
            .filter(key -> !KNOWN_KEYS.contains(key) && !ignored.contains(key))
            .sorted()
            .toList();
    if (!unknown.isEmpty()) {
      throw new PreconditionViolationException(
          (unknown.size() == 1
                  ? "Configuration parameter " + unknown.get(0) + " is not a LocalServer key"
                  : "Configuration parameters " + String.join(", ", unknown) + " are not LocalServer keys")
              + "; use "
              + String.join(", ", KNOWN_KEYS)
              + " (JVM system properties are not checked)");
    }
  }

  private static String badParameter(String key, String value) {
    return "Configuration parameter " + key + " = \"" + value + "\"";
  }
}

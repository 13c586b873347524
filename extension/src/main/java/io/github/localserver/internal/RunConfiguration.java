package io.github.localserver.internal;

import io.github.localserver.Lifecycle;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The run's LocalServer configuration parameters, parsed and validated once per run (kept in the
 * root context's store, as JUnit keeps its {@code TimeoutConfiguration}). Every value is checked
 * even where a declaration overrides it: a typo in {@code junit-platform.properties} should not wait
 * for the one class that relies on it.
 *
 * @param host the default bind address, if configured
 * @param lifecycle the default lifecycle, if configured
 * @param failOnUnmatched the default for unmatched requests, if configured
 * @param reportAlways whether every test's requests are reported, not only failed tests'
 * @param adminApiOpen whether WireMock's admin API is open to any client
 * @param failOnUnusedStubs the default for unused stubs, if configured
 * @param record which servers record instead of replaying
 * @param recordingsRoot where recordings are written in record mode, if configured
 */
record RunConfiguration(
    Optional<InetAddress> host,
    Optional<Lifecycle> lifecycle,
    Optional<Boolean> failOnUnmatched,
    boolean reportAlways,
    boolean adminApiOpen,
    Optional<Boolean> failOnUnusedStubs,
    RecordSelection record,
    Optional<String> recordingsRoot) {

  /** The run's configuration, parsed on first use. */
  static RunConfiguration of(ExtensionContext context) {
    return ContextStore.compute(
        context.getRoot(), RunConfiguration.class, key -> parse(context::getConfigurationParameter), RunConfiguration.class);
  }

  /**
   * Parses and validates.
   *
   * @param config reads a JUnit configuration parameter
   * @throws ExtensionConfigurationException naming the key, the bad value and the valid ones
   */
  static RunConfiguration parse(Function<String, Optional<String>> config) {
    return new RunConfiguration(
        config.apply(ConfigurationKeys.HOST).map(RunConfiguration::host),
        choice(config, ConfigurationKeys.LIFECYCLE, "a lifecycle", values("per_class", Lifecycle.PER_CLASS, "per_method", Lifecycle.PER_METHOD)),
        choice(config, ConfigurationKeys.FAIL_ON_UNMATCHED, "a boolean", values("true", true, "false", false)),
        choice(config, ConfigurationKeys.REPORT_REQUESTS, "a report mode", values("on-failure", false, "always", true)).orElse(false),
        choice(config, ConfigurationKeys.ADMIN_API, "an admin API mode", values("protected", false, "open", true)).orElse(false),
        choice(config, ConfigurationKeys.FAIL_ON_UNUSED_STUBS, "a boolean", values("true", true, "false", false)),
        RecordSelection.parse(config.apply(ConfigurationKeys.RECORD)),
        config.apply(ConfigurationKeys.RECORDINGS_ROOT).map(String::trim).filter(v -> !v.isEmpty()));
  }

  /** Nothing configured: the defaults. */
  static RunConfiguration defaults() {
    return parse(key -> Optional.empty());
  }

  private static InetAddress host(String value) {
    return Loopback.parse(value)
        .orElseThrow(() -> Loopback.badHost(described(ConfigurationKeys.HOST, value), value));
  }

  private static <T> Map<String, T> values(String first, T firstValue, String second, T secondValue) {
    Map<String, T> values = new LinkedHashMap<>();
    values.put(first, firstValue);
    values.put(second, secondValue);
    return values;
  }

  /** One policy for every key: any case, surrounding blanks ignored, anything else an error. */
  private static <T> Optional<T> choice(
      Function<String, Optional<String>> config, String key, String what, Map<String, T> values) {
    return config
        .apply(key)
        .map(
            value -> {
              T chosen = values.get(value.trim().toLowerCase(Locale.ROOT));
              if (chosen == null) {
                throw new ExtensionConfigurationException(
                    described(key, value) + " is not " + what + "; use " + String.join(" or ", values.keySet()));
              }
              return chosen;
            });
  }

  static String described(String key, String value) {
    return "Configuration parameter " + key + " = \"" + value + "\"";
  }
}

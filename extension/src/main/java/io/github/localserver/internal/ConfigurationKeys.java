package io.github.localserver.internal;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.junit.platform.commons.PreconditionViolationException;

/**
 * The JUnit configuration parameters LocalServer reads ({@code LocalServerExtension} publishes
 * them as its {@code *_KEY} constants), and the check that no other {@code localserver.*} key is
 * set by mistake.
 */
public final class ConfigurationKeys {

  /** The default bind address. */
  public static final String HOST = "localserver.host";

  /** The default lifecycle. */
  public static final String LIFECYCLE = "localserver.lifecycle";

  /** Whether unmatched requests fail the test by default. */
  public static final String FAIL_ON_UNMATCHED = "localserver.fail-on-unmatched";

  /** When to report what each server received. */
  public static final String REPORT_REQUESTS = "localserver.report-requests";

  /** Who may use WireMock's admin API over HTTP. */
  public static final String ADMIN_API = "localserver.admin-api";

  /** Whether stubs registered during a test that no request matched fail it, by default. */
  public static final String FAIL_ON_UNUSED_STUBS = "localserver.fail-on-unused-stubs";

  /** Which servers with a recording record it again, instead of replaying it. */
  public static final String RECORD = "localserver.record";

  /** The source folder recordings are written under in record mode. */
  public static final String RECORDINGS_ROOT = "localserver.recordings-root";

  /** Every key LocalServer reads, in the order messages list them. */
  static final List<String> KNOWN =
      List.of(HOST, LIFECYCLE, FAIL_ON_UNMATCHED, REPORT_REQUESTS, ADMIN_API, FAIL_ON_UNUSED_STUBS, RECORD, RECORDINGS_ROOT);

  private static final String PREFIX = "localserver.";

  private ConfigurationKeys() {}

  /**
   * Fails on a {@code localserver.*} key that LocalServer does not read, so that a misspelt key
   * ({@code localserver.lifecyle}) is never ignored.
   *
   * @param keys the launcher's configuration parameter keys
   * @param ignored keys not to check: JVM system properties, which builds use for their own
   *     purposes ({@code localserver.version}, say)
   * @throws PreconditionViolationException naming the unknown keys and listing the known ones
   */
  static void requireKnown(Collection<String> keys, Set<String> ignored) {
    List<String> unknown =
        keys.stream()
            .filter(key -> key.startsWith(PREFIX))
            .filter(key -> !KNOWN.contains(key) && !ignored.contains(key))
            .sorted()
            .toList();
    if (!unknown.isEmpty()) {
      throw new PreconditionViolationException(
          (unknown.size() == 1
                  ? "Configuration parameter " + unknown.get(0) + " is not a LocalServer key"
                  : "Configuration parameters " + String.join(", ", unknown) + " are not LocalServer keys")
              + "; use "
              + String.join(", ", KNOWN)
              + " (JVM system properties are not checked)");
    }
  }
}

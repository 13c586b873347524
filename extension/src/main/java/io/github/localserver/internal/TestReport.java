package io.github.localserver.internal;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * After a test: publishes what each server received as a JUnit report entry (key {@code
 * LocalServer} or {@code LocalServer[name]}) and logs it (logger {@code io.github.localserver},
 * level INFO), when the test failed; with {@code localserver.report-requests=always} also for a test
 * that passed, as a report entry and on the test's standard output (which Maven Surefire keeps in
 * its reports, where it drops report entries).
 */
final class TestReport {

  private static final Logger LOG = System.getLogger("io.github.localserver");

  private TestReport() {}

  /** Whether every test's requests are reported, not only failed tests'. */
  static boolean always(ExtensionContext context) {
    return RunConfiguration.of(context).reportAlways();
  }

  /**
   * @param failed whether the test failed (an aborted test did not)
   * @param failsOnUnmatched whether the test fails for this server's unmatched requests
   */
  static void publish(
      ExtensionContext context, RunningServer server, List<ServeEvent> events, boolean failed, boolean failsOnUnmatched) {
    String report = RequestLog.describe(server, events);
    context.publishReportEntry(key(server), report);
    if ((failed || failsOnUnmatched) && !events.isEmpty()) {
      LOG.log(Level.INFO, () -> context.getDisplayName() + " failed. " + report);
    } else if (!failed && !failsOnUnmatched) {
      // Asked for with report-requests=always: build tools that drop report entries (Maven
      // Surefire) still show the test's standard output, in its report and on the console.
      System.out.println("[LocalServer] " + context.getDisplayName() + ": " + report);
    }
  }

  private static String key(RunningServer server) {
    return "LocalServer" + (server.name().isEmpty() ? "" : "[" + server.name() + "]");
  }
}

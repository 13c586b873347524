package io.github.localserver.internal;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * After a test: publishes what each server received as a JUnit report entry (key {@code
 * LocalServer} or {@code LocalServer[name]}) and logs it, when the test failed (or always, with
 * {@code localserver.report-requests=always}).
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
    }
  }

  private static String key(RunningServer server) {
    return "LocalServer" + (server.name().isEmpty() ? "" : "[" + server.name() + "]");
  }
}

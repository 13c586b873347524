package io.github.localserver.internal;

import com.github.tomakehurst.wiremock.common.Notifier;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * WireMock's messages go to {@link System.Logger} instead of the console. Unmatched requests are
 * reported by LocalServer itself, with the test they belong to, so WireMock's own banner for them
 * is only debug output.
 */
final class QuietNotifier implements Notifier {

  static final QuietNotifier INSTANCE = new QuietNotifier();

  private static final Logger LOG = System.getLogger("io.github.localserver.wiremock");

  private QuietNotifier() {}

  @Override
  public void info(String message) {
    LOG.log(Level.DEBUG, message);
  }

  @Override
  public void error(String message) {
    boolean unmatched =
        message.contains("Request was not matched") || message.contains("No response could be served");
    LOG.log(unmatched ? Level.DEBUG : Level.WARNING, message);
  }

  @Override
  public void error(String message, Throwable t) {
    LOG.log(Level.WARNING, message, t);
  }
}

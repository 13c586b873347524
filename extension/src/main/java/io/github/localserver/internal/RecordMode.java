package io.github.localserver.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * Record mode's proxy: a server that records answers every request its test does not stub by
 * proxying it to the target. The proxy stub is part of the server's initial baseline (so it
 * survives every reset) at the lowest priority (so a test's own stub, a fault say, still wins).
 */
final class RecordMode {

  /** Below every stub a test registers (WireMock's default priority is 5). */
  static final int PROXY_PRIORITY = 1000;

  private static final int CONNECT_TIMEOUT_MILLIS = 3000;

  private RecordMode() {}

  /** Whether the server records rather than replays or serves stubs. */
  static boolean records(ServerSettings settings) {
    return settings.recording() != null && settings.recording().records();
  }

  /** The stubs a server starts with for its recording: the proxy, in record mode; else none. */
  static List<StubMapping> proxyStubs(ServerSettings settings) {
    if (!records(settings)) {
      return List.of();
    }
    URI target = settings.recording().target();
    return List.of(
        any(anyUrl())
            .atPriority(PROXY_PRIORITY)
            .withName("recording " + settings.recording().folder() + " from " + target)
            .willReturn(aResponse().proxiedFrom(target.toString()))
            .build());
  }

  /**
   * Fails before a recording server starts when its target does not accept connections, rather
   * than recording WireMock's proxy errors.
   *
   * @throws ExtensionConfigurationException naming the target, the reason, and what to do
   */
  static void requireReachable(ServerSettings settings) {
    if (!records(settings)) {
      return;
    }
    URI target = settings.recording().target();
    int port = target.getPort() != -1 ? target.getPort() : target.getScheme().equalsIgnoreCase("https") ? 443 : 80;
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(target.getHost(), port), CONNECT_TIMEOUT_MILLIS);
    } catch (IOException e) {
      throw new ExtensionConfigurationException(
          settings.sentenceLabel()
              + " is to record "
              + settings.recording().folder()
              + " from "
              + target
              + " ("
              + ConfigurationKeys.RECORD
              + "), but the target is not reachable ("
              + e.getMessage()
              + "); start the API or point target at one that runs, or run without "
              + ConfigurationKeys.RECORD
              + " to replay the recording",
          e);
    }
  }
}

package io.github.localserver.internal;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.common.Json;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import okhttp3.OkHttpClient;
import wiremock.org.eclipse.jetty.server.Server;
import wiremock.org.eclipse.jetty.server.ServerConnector;
import wiremock.org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Loads the classes a first server and a first stub need, without starting anything: no port, no
 * thread, no file. Run on a daemon thread while the launcher is still starting up (see {@link
 * EarlyStart}), so that in a fresh JVM this class loading overlaps with JUnit's own.
 */
final class WarmUp {

  private WarmUp() {}

  /** Loads; never fails (whatever is not loaded here is loaded where it is needed). */
  static void run() {
    try {
      WireMockConfiguration.options().notifier(QuietNotifier.INSTANCE);
      StubMapping stub =
          WireMock.get(WireMock.urlEqualTo("/warm-up")).willReturn(WireMock.okJson("{\"warm\":true}")).build();
      Json.read(Json.write(stub), StubMapping.class); // Jackson and WireMock's model, the largest share
      Server server = new Server(new QueuedThreadPool()); // objects only: threads and sockets come at start()
      server.addConnector(new ServerConnector(server, 0, 1));
      new OkHttpClient.Builder().build();
    } catch (RuntimeException | LinkageError e) {
      // nothing lost but time
    }
  }
}

package io.github.localserver.internal;

import com.github.tomakehurst.wiremock.client.WireMock;
import java.util.List;

/**
 * Points WireMock's static DSL ({@code WireMock.stubFor(...)}), which is per thread, at the server
 * in scope while there is exactly one; otherwise at WireMock's default target.
 */
final class StaticDsl {

  private StaticDsl() {}

  /** Points it for the scope's servers. */
  static void pointAt(Scope scope) {
    List<Scope.Visible> visible = scope.outerFirst();
    RunningServer only =
        visible.size() == 1
            ? Servers.find(visible.get(0))
                .filter(s -> s instanceof RunningServer && !s.isClosed())
                .map(RunningServer.class::cast)
                .orElse(null)
            : null;
    WireMock.configureFor(only != null ? only.wireMock() : Unconfigured.INSTANCE);
  }

  /** Points it at no server of LocalServer's. */
  static void reset() {
    WireMock.configureFor(Unconfigured.INSTANCE);
  }

  /** WireMock's default DSL target (localhost:8080), restored when no single server is in scope. */
  private static final class Unconfigured {
    static final WireMock INSTANCE = new WireMock();
  }
}

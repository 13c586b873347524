package io.github.localserver.internal;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.Admin;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Points WireMock's static DSL ({@code WireMock.stubFor(...)}), which is per thread, at the server
 * in scope: the only HTTP server, or the one marked {@code staticDsl}. With several and none
 * marked, at a client whose every call fails saying so; it never falls back to WireMock's default
 * {@code localhost:8080}, where another test's server may listen.
 */
final class StaticDsl {

  private StaticDsl() {}

  /** Points it for the scope's servers. */
  static void pointAt(VisibleServers scope) {
    List<VisibleServers.Visible> http =
        scope.outerFirst().stream().filter(v -> v.declaration().settings().isHttp()).toList();
    if (http.isEmpty()) {
      reset();
      return;
    }
    List<VisibleServers.Visible> marked = http.stream().filter(v -> v.declaration().settings().staticDsl()).toList();
    VisibleServers.Visible target = http.size() == 1 ? http.get(0) : marked.size() == 1 ? marked.get(0) : null;
    if (target == null) {
      WireMock.configureFor(ambiguous(http));
      return;
    }
    WireMock.configureFor(
        ServerStore.find(target)
            .filter(s -> s instanceof RunningServer && !s.isClosed())
            .map(s -> ((RunningServer) s).wireMock())
            .orElse(Unconfigured.INSTANCE));
  }

  /** Points it at no server of LocalServer's. */
  static void reset() {
    WireMock.configureFor(Unconfigured.INSTANCE);
  }

  private static WireMock ambiguous(List<VisibleServers.Visible> servers) {
    String names =
        servers.stream()
            .map(v -> v.name().isEmpty() ? "\"\" (the default server)" : "\"" + v.name() + "\"")
            .collect(Collectors.joining(", "));
    String message =
        "WireMock's static DSL does not know which server to use: several are in scope ("
            + names
            + "); mark one @LocalServer(staticDsl = true) (or builder().staticDsl(true)), or call the"
            + " server's own handle (server.stubFor(...), @Server(\"name\") WireMock)";
    Admin refusing =
        ScopedAdmin.proxy(
            "WireMock static DSL without a server",
            (method, args) -> {
              throw new IllegalStateException(message);
            });
    return new WireMock(refusing);
  }

  /** WireMock's default DSL target (localhost:8080), restored when no server is in scope. */
  private static final class Unconfigured {
    static final WireMock INSTANCE = new WireMock();
  }
}

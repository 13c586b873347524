package io.github.localserver.internal;

import com.github.tomakehurst.wiremock.client.HttpAdminClient;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.Admin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
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
            .orElseGet(() -> Unconfigured.INSTANCE));
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

  /**
   * WireMock's default DSL target (localhost:8080), restored when no server is in scope. Its HTTP
   * client (with an SSL context and the platform's trust store: tens of milliseconds in a fresh
   * JVM) is built on its first call, which most runs never make.
   */
  private static final class Unconfigured {
    static final WireMock INSTANCE = new WireMock(lazyDefaultAdmin());

    private static Admin lazyDefaultAdmin() {
      AtomicReference<Admin> admin = new AtomicReference<>();
      return ScopedAdmin.proxy(
          "WireMock's default server (localhost:8080)",
          (method, args) -> {
            Admin target = admin.updateAndGet(a -> a != null ? a : new HttpAdminClient("localhost", 8080));
            try {
              return method.invoke(target, args);
            } catch (InvocationTargetException e) {
              // WireMock's client throws its checked I/O exceptions undeclared; a proxy may not
              throw e.getCause() instanceof IOException io
                  ? new UncheckedIOException(io.getMessage(), io)
                  : e.getCause();
            }
          });
    }
  }
}

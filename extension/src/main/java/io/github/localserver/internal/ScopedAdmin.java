package io.github.localserver.internal;

import com.github.tomakehurst.wiremock.core.Admin;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

/**
 * WireMock's admin interface over one engine, for the {@code WireMock} clients a test is given
 * (injected, {@code wireMock()}, the runtime info's, the static DSL): in-process, so WireMock's HTTP
 * admin API can stay closed to everybody else; refusing every call once the scope has ended; and
 * turning {@code shutdownServer()} into an outage the next test ends, as {@code stop()} is.
 */
final class ScopedAdmin {

  private ScopedAdmin() {}

  /**
   * @param checkOpen throws once the scope has ended
   * @param label for {@code toString()}
   */
  static Admin over(HttpEngine engine, Runnable checkOpen, String label) {
    Admin target = engine.wireMock();
    return (Admin)
        Proxy.newProxyInstance(
            Admin.class.getClassLoader(),
            new Class<?>[] {Admin.class},
            (proxy, method, args) -> {
              if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                  case "equals" -> proxy == args[0];
                  case "hashCode" -> System.identityHashCode(proxy);
                  default -> "WireMock admin of " + label;
                };
              }
              checkOpen.run();
              if (method.getName().equals("shutdownServer") && method.getParameterCount() == 0) {
                // WireMock would stop 100 ms later on a thread of its own; stopping now lets the
                // next test find the server listening again, as after stop().
                engine.stop();
                return null;
              }
              try {
                return method.invoke(target, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }
}

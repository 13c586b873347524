package io.github.localserver.internal;

import com.github.tomakehurst.wiremock.core.Admin;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
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
    return proxy(
        "WireMock admin of " + label,
        (method, args) -> {
          checkOpen.run();
          if (method.getName().equals("shutdownServer") && method.getParameterCount() == 0) {
            // WireMock would stop 100 ms later on a thread of its own; stopping now lets the next
            // test find the server listening again, as after stop().
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

  /** What an admin proxy does with a call of one of {@code Admin}'s own methods. */
  interface AdminCall {
    Object invoke(Method method, Object[] args) throws Throwable;
  }

  /** An {@code Admin} that hands every call to {@code call}; {@code label} is its {@code toString()}. */
  static Admin proxy(String label, AdminCall call) {
    return (Admin)
        Proxy.newProxyInstance(
            Admin.class.getClassLoader(),
            new Class<?>[] {Admin.class},
            (proxy, method, args) -> {
              if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                  case "equals" -> proxy == args[0];
                  case "hashCode" -> System.identityHashCode(proxy);
                  default -> label;
                };
              }
              return call.invoke(method, args);
            });
  }
}

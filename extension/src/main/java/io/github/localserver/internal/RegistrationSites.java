package io.github.localserver.internal;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the stubs registered through a {@code LocalHttpServer} handle were registered, for the
 * messages of strict stubs: the first caller frame outside LocalServer, as {@code
 * OrdersTest.fetches(OrdersTest.java:42)}. Stubs registered through WireMock's own clients (the
 * injected {@code WireMock}, the static DSL) have no site.
 */
final class RegistrationSites {

  private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

  private final Map<UUID, String> sites = new ConcurrentHashMap<>();

  /** Notes the caller's site for the stub; returns the stub. */
  StubMapping record(StubMapping stub) {
    if (stub != null && stub.getId() != null) {
      caller().ifPresent(site -> sites.put(stub.getId(), site));
    }
    return stub;
  }

  Optional<String> of(StubMapping stub) {
    return Optional.ofNullable(stub.getId() == null ? null : sites.get(stub.getId()));
  }

  void clear() {
    sites.clear();
  }

  private static Optional<String> caller() {
    return WALKER.walk(
        frames ->
            frames
                .filter(frame -> !isLocalServer(frame.getDeclaringClass()))
                .findFirst()
                .map(
                    frame ->
                        frame.getDeclaringClass().getSimpleName()
                            + "."
                            + frame.getMethodName()
                            + "("
                            + frame.getFileName()
                            + ":"
                            + frame.getLineNumber()
                            + ")"));
  }

  private static boolean isLocalServer(Class<?> type) {
    return type.getPackageName().equals(RegistrationSites.class.getPackageName())
        || type.getName().equals("io.github.localserver.LocalServerExtension");
  }
}

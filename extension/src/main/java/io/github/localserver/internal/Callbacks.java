package io.github.localserver.internal;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * What {@code LocalServerExtension}'s JUnit callbacks do, in order: start servers and take turns
 * on shared ones ({@link StartedServer}), bind programmatic extensions ({@link ServerBinding}),
 * inject fields ({@link FieldInjection}), point WireMock's static DSL ({@link StaticDsl}); after a
 * test, report ({@link TestReport}) and fail on unmatched requests ({@link RequestLog}).
 */
final class Callbacks {

  private Callbacks() {}

  /** The shared servers a class took for its {@code @BeforeAll} phase. */
  private record Captured(String classId) {}

  /** The shared servers a test took. */
  private record Entered(String testId) {}

  /** Before a class's {@code @BeforeAll} methods. */
  static void beforeAll(ExtensionContext context) {
    if (VisibleServers.isClassTemplateInvocation(context)) {
      return; // its template's context took the servers, before its @BeforeAll
    }
    VisibleServers scope = VisibleServers.of(context); // validates every declaration first
    List<StartedServer<?>> captured = new ArrayList<>();
    ContextStore.of(context).put(new Captured(context.getUniqueId()), captured);
    List<String> classes = VisibleServers.classIds(context);
    List<String> enclosing = classes.subList(1, classes.size());
    for (VisibleServers.Visible visible : scope.outerFirst()) {
      if (visible.declaration().perTest()) {
        continue;
      }
      StartedServer<?> server = ServerStore.acquire(visible, ExtensionConfigurationException::new);
      server.enterClass(context.getUniqueId(), enclosing, visible.owner() == context);
      captured.add(server);
    }
    ServerBinding.enter(scope, false);
    FieldInjection.statics(context, scope);
    StaticDsl.pointAt(scope);
  }

  /** After a class's {@code @AfterAll} methods. */
  static void afterAll(ExtensionContext context) {
    if (VisibleServers.isClassTemplateInvocation(context)) {
      return;
    }
    @SuppressWarnings("unchecked")
    List<StartedServer<?>> captured =
        (List<StartedServer<?>>) ContextStore.of(context).remove(new Captured(context.getUniqueId()));
    List<String> unmatched = new ArrayList<>();
    try {
      if (captured != null) {
        for (StartedServer<?> server : captured) {
          if (server instanceof RunningServer http && !http.isClosed()) {
            unmatched.addAll(checkClassRequests(context, http));
          }
        }
      }
    } finally {
      if (captured != null) {
        for (StartedServer<?> server : captured) {
          server.leaveClass(context.getUniqueId());
        }
      }
      ServerBinding.leave(VisibleServers.of(context), false);
      StaticDsl.reset();
    }
    if (!unmatched.isEmpty()) {
      throw new AssertionFailedError(String.join("\n\n", unmatched));
    }
  }

  /** Requests of the class's {@code @BeforeAll} and {@code @AfterAll} phases that matched no stub. */
  private static List<String> checkClassRequests(ExtensionContext context, RunningServer server) {
    List<ServeEvent> events = server.classPhaseRequests(context.getUniqueId());
    server.checked(events); // an enclosing class's check must not report them again
    List<ServeEvent> missed = events.stream().filter(e -> !e.getWasMatched()).toList();
    if (!server.settings().failOnUnmatched() || missed.isEmpty()) {
      return List.of();
    }
    TestReport.publish(context, server, missed, true, true);
    return List.of(
        "In @BeforeAll or @AfterAll of " + context.getRequiredTestClass().getSimpleName() + ": "
            + RequestLog.unmatched(server, missed));
  }

  /** After a test instance is made: for {@code @TestInstance(PER_CLASS)}, inject its fields. */
  static void postProcessTestInstance(Object instance, ExtensionContext context) {
    if (!VisibleServers.isTest(context)) {
      FieldInjection.instance(context, instance, VisibleServers.of(context));
    }
  }

  /** Before a test's {@code @BeforeEach} methods. */
  static void beforeEach(ExtensionContext context) {
    VisibleServers scope = VisibleServers.of(context);
    List<StartedServer<?>> entered = new ArrayList<>();
    ContextStore.of(context).put(new Entered(context.getUniqueId()), entered);
    List<String> classes = VisibleServers.classIds(context);
    for (VisibleServers.Visible visible : scope.outerFirst()) {
      StartedServer<?> server = ServerStore.acquire(visible, ExtensionConfigurationException::new);
      if (!visible.declaration().perTest()) {
        server.enterTest(context.getUniqueId(), classes);
        entered.add(server);
      }
    }
    ServerBinding.enter(scope, true);
    for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
      FieldInjection.instance(context, instance, scope);
    }
    StaticDsl.pointAt(scope);
  }

  /** After a test's {@code @AfterEach} methods. */
  static void afterEach(ExtensionContext context) {
    @SuppressWarnings("unchecked")
    List<StartedServer<?>> entered =
        (List<StartedServer<?>>) ContextStore.of(context).remove(new Entered(context.getUniqueId()));
    List<String> unmatched = new ArrayList<>();
    try {
      VisibleServers scope = VisibleServers.of(context);
      ServerBinding.leave(scope, true);
      unmatched.addAll(checkRequests(context, scope));
    } finally {
      // Whatever happened above, the test gives its shared servers back.
      if (entered != null) {
        for (int i = entered.size() - 1; i >= 0; i--) {
          entered.get(i).leaveTest(context.getUniqueId());
        }
      }
      pointStaticDslAfterTest(context);
    }
    if (!unmatched.isEmpty()) {
      throw new AssertionFailedError(String.join("\n\n", unmatched));
    }
  }

  /**
   * Runs one dynamic test of a {@code @TestFactory}; when it fails, reports what each server
   * received while it ran (JUnit calls no before- or after-each callback around a dynamic test).
   */
  static void interceptDynamicTest(InvocationInterceptor.Invocation<Void> invocation, ExtensionContext context)
      throws Throwable {
    ExtensionContext factory = context;
    while (!VisibleServers.isTest(factory) && factory.getParent().isPresent()) {
      factory = factory.getParent().get();
    }
    List<RunningServer> servers = new ArrayList<>();
    if (VisibleServers.isTest(factory)) {
      for (VisibleServers.Visible visible : VisibleServers.of(factory).outerFirst()) {
        ServerStore.find(visible)
            .filter(RunningServer.class::isInstance)
            .map(RunningServer.class::cast)
            .filter(server -> !server.isClosed())
            .ifPresent(servers::add);
      }
    }
    List<Set<UUID>> before = new ArrayList<>();
    for (RunningServer server : servers) {
      before.add(server.serveEvents().stream().map(ServeEvent::getId).collect(Collectors.toSet()));
    }
    try {
      invocation.proceed();
    } catch (TestAbortedException e) {
      throw e;
    } catch (Throwable failure) {
      for (int i = 0; i < servers.size(); i++) {
        Set<UUID> seen = before.get(i);
        List<ServeEvent> during = servers.get(i).serveEvents().stream().filter(e -> !seen.contains(e.getId())).toList();
        TestReport.publish(context, servers.get(i), during, true, false);
      }
      throw failure;
    }
  }

  /** Reports each HTTP server's requests as its test needs; returns the unmatched-request failures. */
  private static List<String> checkRequests(ExtensionContext context, VisibleServers scope) {
    // An aborted test (a failed assumption) did not fail: nothing to report for it.
    boolean failed =
        context.getExecutionException().filter(e -> !(e instanceof TestAbortedException)).isPresent();
    boolean always = TestReport.always(context);
    List<String> unmatched = new ArrayList<>();
    for (VisibleServers.Visible visible : scope.outerFirst()) {
      RunningServer server =
          ServerStore.find(visible).filter(RunningServer.class::isInstance).map(RunningServer.class::cast).orElse(null);
      if (server == null || server.isClosed()) {
        continue; // not started, or not HTTP: nothing to report
      }
      List<ServeEvent> events = server.serveEvents();
      server.checked(events);
      List<ServeEvent> missed = events.stream().filter(e -> !e.getWasMatched()).toList();
      boolean failsOnUnmatched = server.settings().failOnUnmatched() && !missed.isEmpty();
      if (failed || failsOnUnmatched || always) {
        TestReport.publish(context, server, events, failed, failsOnUnmatched);
      }
      if (failsOnUnmatched) {
        unmatched.add(RequestLog.unmatched(server, missed));
      }
      RecordedExchanges.capture(context, server).ifPresent(unmatched::add);
      if (context.getExecutionException().isEmpty()) { // a failed or aborted test: its stubs may be unused
        UnusedStubs.check(server).ifPresent(unmatched::add);
      }
    }
    return unmatched;
  }

  /** Back to the class's servers, for {@code @AfterAll} methods that use the static DSL. */
  private static void pointStaticDslAfterTest(ExtensionContext context) {
    try {
      StaticDsl.pointAt(VisibleServers.of(VisibleServers.classContexts(context).get(0)));
    } catch (RuntimeException e) {
      StaticDsl.reset(); // the class's declarations failed: reported already
    }
  }
}

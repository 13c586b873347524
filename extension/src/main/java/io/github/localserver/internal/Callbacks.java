package io.github.localserver.internal;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * What {@code LocalServerExtension}'s JUnit callbacks do, in order: start servers and take turns
 * on shared ones ({@link SharedServer}), bind programmatic extensions ({@link ServerBinding}),
 * inject fields ({@link FieldInjection}), point WireMock's static DSL ({@link StaticDsl}); after a
 * test, report ({@link TestReport}) and fail on unmatched requests ({@link RequestLog}).
 */
public final class Callbacks {

  private Callbacks() {}

  /** The shared servers a class took for its {@code @BeforeAll} phase. */
  private record Captured(String classId) {}

  /** The shared servers a test took. */
  private record Entered(String testId) {}

  /** Before a class's {@code @BeforeAll} methods. */
  public static void beforeAll(ExtensionContext context) {
    Scope scope = Scope.of(context); // validates every declaration first
    List<SharedServer<?>> captured = new ArrayList<>();
    Stores.of(context).put(new Captured(context.getUniqueId()), captured);
    List<String> classes = Scope.classIds(context);
    List<String> enclosing = classes.subList(1, classes.size());
    for (Scope.Visible visible : scope.outerFirst()) {
      if (visible.declaration().perTest()) {
        continue;
      }
      SharedServer<?> server = Servers.acquire(visible, ExtensionConfigurationException::new);
      server.enterClass(context.getUniqueId(), enclosing, visible.owner() == context);
      captured.add(server);
    }
    ServerBinding.enter(scope, false);
    FieldInjection.statics(context, scope);
    StaticDsl.pointAt(scope);
  }

  /** After a class's {@code @AfterAll} methods. */
  public static void afterAll(ExtensionContext context) {
    @SuppressWarnings("unchecked")
    List<SharedServer<?>> captured =
        (List<SharedServer<?>>) Stores.of(context).remove(new Captured(context.getUniqueId()));
    if (captured != null) {
      for (SharedServer<?> server : captured) {
        server.leaveClass(context.getUniqueId());
      }
    }
    ServerBinding.leave(Scope.of(context), false);
    StaticDsl.reset();
  }

  /** After a test instance is made: for {@code @TestInstance(PER_CLASS)}, inject its fields. */
  public static void postProcessTestInstance(Object instance, ExtensionContext context) {
    if (!Scope.isTest(context)) {
      FieldInjection.instance(context, instance, Scope.of(context));
    }
  }

  /** Before a test's {@code @BeforeEach} methods. */
  public static void beforeEach(ExtensionContext context) {
    Scope scope = Scope.of(context);
    List<SharedServer<?>> entered = new ArrayList<>();
    Stores.of(context).put(new Entered(context.getUniqueId()), entered);
    List<String> classes = Scope.classIds(context);
    for (Scope.Visible visible : scope.outerFirst()) {
      SharedServer<?> server = Servers.acquire(visible, ExtensionConfigurationException::new);
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
  public static void afterEach(ExtensionContext context) {
    @SuppressWarnings("unchecked")
    List<SharedServer<?>> entered =
        (List<SharedServer<?>>) Stores.of(context).remove(new Entered(context.getUniqueId()));
    List<String> unmatched = new ArrayList<>();
    try {
      Scope scope = Scope.of(context);
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

  /** Reports each HTTP server's requests as its test needs; returns the unmatched-request failures. */
  private static List<String> checkRequests(ExtensionContext context, Scope scope) {
    // An aborted test (a failed assumption) did not fail: nothing to report for it.
    boolean failed =
        context.getExecutionException().filter(e -> !(e instanceof TestAbortedException)).isPresent();
    boolean always = TestReport.always(context);
    List<String> unmatched = new ArrayList<>();
    for (Scope.Visible visible : scope.outerFirst()) {
      RunningServer server =
          Servers.find(visible).filter(RunningServer.class::isInstance).map(RunningServer.class::cast).orElse(null);
      if (server == null || server.isClosed()) {
        continue; // not started, or not HTTP: nothing to report
      }
      List<ServeEvent> events = server.serveEvents();
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
      StaticDsl.pointAt(Scope.of(Scope.classContexts(context).get(0)));
    } catch (RuntimeException e) {
      StaticDsl.reset(); // the class's declarations failed: reported already
    }
  }
}

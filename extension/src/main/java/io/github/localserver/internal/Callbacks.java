package io.github.localserver.internal;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.github.localserver.Server;
import io.github.localserver.ServerPort;
import io.github.localserver.ServerUrl;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * What {@code LocalServerExtension}'s JUnit callbacks do: start servers, take turns on shared
 * ones, inject fields, point WireMock's static DSL, check for unmatched requests and report what
 * each server received when a test fails.
 */
public final class Callbacks {

  private static final Logger LOG = System.getLogger("io.github.localserver");

  private Callbacks() {}

  private record Held(String kind, String contextId) {}

  /** Before a class's {@code @BeforeAll} methods. */
  public static void beforeAll(ExtensionContext context) {
    Scope scope = Scope.of(context); // validates every declaration first
    List<SharedServer> captured = new ArrayList<>();
    Stores.of(context).put(new Held("captured", context.getUniqueId()), captured);
    for (Scope.Visible visible : scope.outerFirst()) {
      if (visible.declaration().perTest()) {
        continue;
      }
      SharedServer server = Servers.acquire(visible, ExtensionConfigurationException::new);
      List<String> enclosing = Scope.classIds(context);
      server.turns().beginCapture(context.getUniqueId(), enclosing.subList(1, enclosing.size()));
      captured.add(server);
    }
    bindThread(scope, false);
    injectFields(context, null, scope);
    pointStaticDsl(scope);
  }

  /** After a class's {@code @AfterAll} methods. */
  public static void afterAll(ExtensionContext context) {
    @SuppressWarnings("unchecked")
    List<SharedServer> captured =
        (List<SharedServer>) Stores.of(context).remove(new Held("captured", context.getUniqueId()));
    if (captured != null) {
      for (SharedServer server : captured) {
        server.turns().endCapture(context.getUniqueId());
      }
    }
    unbindThread(Scope.of(context), false);
    WireMock.configureFor(Unconfigured.INSTANCE);
  }

  /** After a test instance is made: for {@code @TestInstance(PER_CLASS)}, inject its fields. */
  public static void postProcessTestInstance(Object instance, ExtensionContext context) {
    if (!Scope.isTest(context)) {
      injectFields(context, instance, Scope.of(context));
    }
  }

  /** Before a test's {@code @BeforeEach} methods. */
  public static void beforeEach(ExtensionContext context) {
    Scope scope = Scope.of(context);
    List<SharedServer> entered = new ArrayList<>();
    Stores.of(context).put(new Held("entered", context.getUniqueId()), entered);
    List<String> classes = Scope.classIds(context);
    for (Scope.Visible visible : scope.outerFirst()) {
      SharedServer server = Servers.acquire(visible, ExtensionConfigurationException::new);
      if (!visible.declaration().perTest()) {
        server.turns().enter(classes);
        entered.add(server);
      }
    }
    bindThread(scope, true);
    for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
      injectFields(context, instance, scope);
    }
    pointStaticDsl(scope);
  }

  /** After a test's {@code @AfterEach} methods. */
  public static void afterEach(ExtensionContext context) {
    @SuppressWarnings("unchecked")
    List<SharedServer> entered =
        (List<SharedServer>) Stores.of(context).remove(new Held("entered", context.getUniqueId()));
    List<String> unmatched = new ArrayList<>();
    try {
      // An aborted test (a failed assumption) did not fail: nothing to report for it.
      boolean failed =
          context.getExecutionException().filter(e -> !(e instanceof TestAbortedException)).isPresent();
      boolean always = reportAlways(context);
      Scope scope = Scope.of(context);
      unbindThread(scope, true);
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
          String report = RequestLog.describe(server, events);
          context.publishReportEntry(reportKey(server), report);
          if ((failed || failsOnUnmatched) && !events.isEmpty()) {
            LOG.log(Level.INFO, () -> context.getDisplayName() + " failed. " + report);
          }
        }
        if (failsOnUnmatched) {
          unmatched.add(RequestLog.unmatched(server, missed));
        }
      }
    } finally {
      // Whatever happened above, the test gives its shared servers back.
      if (entered != null) {
        for (int i = entered.size() - 1; i >= 0; i--) {
          entered.get(i).turns().leave();
        }
      }
      pointStaticDslAfterTest(context);
    }
    if (!unmatched.isEmpty()) {
      throw new AssertionFailedError(String.join("\n\n", unmatched));
    }
  }

  /** Back to the class's servers, for {@code @AfterAll} methods that use the static DSL. */
  private static void pointStaticDslAfterTest(ExtensionContext context) {
    try {
      pointStaticDsl(Scope.of(Scope.classContexts(context).get(0)));
    } catch (RuntimeException e) {
      WireMock.configureFor(Unconfigured.INSTANCE); // the class's declarations failed: reported already
    }
  }

  private record ReportMode() {}

  /** The report mode, read once per run. */
  private static boolean reportAlways(ExtensionContext context) {
    return Stores.compute(
        context.getRoot(),
        new ReportMode(),
        key -> ServerSettings.reportAlways(context::getConfigurationParameter),
        Boolean.class);
  }

  /**
   * Points programmatic extensions at their servers on this thread: in a test, every visible one;
   * before a class's {@code @BeforeAll}, the class-scoped ones.
   */
  private static void bindThread(Scope scope, boolean test) {
    for (Scope.Visible visible : scope.outerFirst()) {
      ServerBinding binding = visible.declaration().binding();
      if (binding != null && (test || !visible.declaration().perTest())) {
        Servers.find(visible).ifPresent(binding::enterThread);
      }
    }
  }

  private static void unbindThread(Scope scope, boolean test) {
    for (Scope.Visible visible : scope.outerFirst()) {
      ServerBinding binding = visible.declaration().binding();
      if (binding != null && (test || !visible.declaration().perTest())) {
        Servers.find(visible).ifPresent(binding::leaveThread);
      }
    }
  }

  private static String reportKey(RunningServer server) {
    return "LocalServer" + (server.name().isEmpty() ? "" : "[" + server.name() + "]");
  }

  /** WireMock's static DSL is per thread; it points at the server when exactly one is in scope. */
  private static void pointStaticDsl(Scope scope) {
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

  /**
   * Injects the annotated fields of a test class: its static fields when {@code instance} is null,
   * else the instance's.
   */
  private static void injectFields(ExtensionContext context, Object instance, Scope scope) {
    boolean statics = instance == null;
    Class<?> type = statics ? context.getRequiredTestClass() : instance.getClass();
    List<Field> fields =
        ReflectionSupport.findFields(
            type,
            f ->
                Modifier.isStatic(f.getModifiers()) == statics
                    && (AnnotationSupport.isAnnotated(f, Server.class)
                        || AnnotationSupport.isAnnotated(f, ServerUrl.class)
                        || AnnotationSupport.isAnnotated(f, ServerPort.class)),
            HierarchyTraversalMode.TOP_DOWN);
    for (Field field : fields) {
      String where = field.getDeclaringClass().getSimpleName() + "." + field.getName();
      Function<String, RuntimeException> error =
          message -> new ExtensionConfigurationException("Field " + where + ": " + message);
      if (Modifier.isFinal(field.getModifiers())) {
        throw error.apply("it is final, so it cannot be injected; remove final");
      }
      Scope.Visible target = Injection.target(field, field.getType(), scope, context, error);
      if (!statics && target.owner() == null) {
        continue; // a per-test server, asked for before any test: injected before each test
      }
      Object value = Injection.value(field, field.getType(), Servers.acquire(target, error), error);
      try {
        field.setAccessible(true);
        field.set(instance, value);
      } catch (IllegalAccessException | RuntimeException e) {
        throw new ExtensionConfigurationException("Field " + where + " could not be set: " + e.getMessage(), e);
      }
    }
  }

  /** WireMock's default DSL target (localhost:8080), restored when no single server is in scope. */
  private static final class Unconfigured {
    static final WireMock INSTANCE = new WireMock();
  }
}

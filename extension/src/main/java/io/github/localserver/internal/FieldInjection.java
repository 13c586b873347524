package io.github.localserver.internal;

import io.github.localserver.Server;
import io.github.localserver.ServerPort;
import io.github.localserver.ServerUrl;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

/** Sets the fields of a test class annotated {@code @Server}, {@code @ServerUrl} or {@code @ServerPort}. */
final class FieldInjection {

  private FieldInjection() {}

  /** Injects the static fields of the context's class. */
  static void statics(ExtensionContext context, VisibleServers scope) {
    inject(context, null, context.getRequiredTestClass(), scope);
  }

  /** Injects an instance's fields. */
  static void instance(ExtensionContext context, Object instance, VisibleServers scope) {
    inject(context, instance, instance.getClass(), scope);
  }

  /** Whether several tests share this instance and may run at once. */
  private static boolean sharedByConcurrentTests(ExtensionContext context) {
    return context.getTestMethod().isPresent()
        && context.getTestInstanceLifecycle().orElse(TestInstance.Lifecycle.PER_METHOD) == TestInstance.Lifecycle.PER_CLASS
        && context.getExecutionMode() == ExecutionMode.CONCURRENT
        && context.getConfigurationParameter("junit.jupiter.execution.parallel.enabled").map(Boolean::parseBoolean).orElse(false);
  }

  private static void inject(ExtensionContext context, Object instance, Class<?> type, VisibleServers scope) {
    boolean statics = instance == null;
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
      VisibleServers.Visible target = Injection.target(field, field.getType(), scope, context, error);
      if (!statics && target.owner() == null) {
        continue; // a per-test server, asked for before any test: injected before each test
      }
      if (!statics && target.declaration().perTest() && sharedByConcurrentTests(context)) {
        throw error.apply(
            "a per-test server ("
                + target.declaration().settings().label()
                + ") cannot be injected into a field of a @TestInstance(PER_CLASS) class whose tests run"
                + " concurrently: the tests share the instance, so each would see whichever server was set"
                + " last; inject it as a parameter of the test method instead, or run the class's tests in"
                + " one thread (@Execution(ExecutionMode.SAME_THREAD))");
      }
      Object value = Injection.value(field, field.getType(), ServerStore.acquire(target, error), error);
      try {
        field.setAccessible(true);
        field.set(instance, value);
      } catch (IllegalAccessException | RuntimeException e) {
        throw new ExtensionConfigurationException("Field " + where + " could not be set: " + e.getMessage(), e);
      }
    }
  }
}

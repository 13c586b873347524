package io.github.localserver.internal;

import io.github.localserver.LocalServer;
import io.github.localserver.LocalServers;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * Finds the servers a class or a test declares: {@code @LocalServer} annotations (direct, on
 * superclasses, or on custom annotations) and {@code @RegisterExtension} fields holding a {@code
 * LocalServerExtension}. Validates all of them, and the uniqueness of names, before any starts.
 */
final class Declarations {

  private Declarations() {}

  /** The class-level declarations of a class context, computed once per context. */
  @SuppressWarnings("unchecked")
  static List<Declaration> forClass(ExtensionContext classContext) {
    return ContextStore.compute(
        classContext,
        new Key("class-declarations", classContext.getUniqueId()),
        key -> scanClass(classContext),
        List.class);
  }

  /**
   * The declarations that belong to one test: {@code @LocalServer} on the test method and
   * programmatic extensions in instance fields (once the test instance exists).
   */
  static List<Declaration> forTest(ExtensionContext testContext) {
    List<Declaration> onMethod = onMethod(testContext);
    if (testContext.getTestInstances().isEmpty()) {
      return onMethod; // constructor injection: instance fields do not exist yet
    }
    List<Declaration> inFields = inInstanceFields(testContext);
    if (inFields.isEmpty()) {
      return onMethod;
    }
    Map<String, Declaration> byName = new LinkedHashMap<>();
    for (Declaration declaration : onMethod) {
      byName.put(declaration.name(), declaration);
    }
    for (Declaration declaration : inFields) {
      put(byName, declaration, testContext.getDisplayName());
    }
    return List.copyOf(byName.values());
  }

  @SuppressWarnings("unchecked")
  private static List<Declaration> onMethod(ExtensionContext context) {
    return ContextStore.compute(
        context,
        new Key("method-declarations", context.getUniqueId()),
        key -> {
          Map<String, Declaration> byName = new LinkedHashMap<>();
          Method method = context.getRequiredTestMethod();
          String where = method.getDeclaringClass().getSimpleName() + "." + method.getName() + "()";
          for (LocalServer annotation : declaredOn(method)) {
            add(byName, annotation, RunConfiguration.of(context), true, "@LocalServer on " + where, where);
          }
          return List.copyOf(byName.values());
        },
        List.class);
  }

  @SuppressWarnings("unchecked")
  private static List<Declaration> inInstanceFields(ExtensionContext context) {
    return ContextStore.compute(
        context,
        new Key("field-declarations", context.getUniqueId()),
        key -> {
          Map<String, Declaration> byName = new LinkedHashMap<>();
          for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
            for (Class<?> level = instance.getClass(); level != null && level != Object.class; level = level.getSuperclass()) {
              for (Field field : registeredFields(level, false)) {
                Object value = ReflectionSupport.tryToReadFieldValue(field, instance).toOptional().orElse(null);
                addProgrammatic(byName, value, field, RunConfiguration.of(context), true);
              }
            }
          }
          return List.copyOf(byName.values());
        },
        List.class);
  }

  private record Key(String kind, String contextId) {}

  private static List<Declaration> scanClass(ExtensionContext context) {
    Class<?> testClass = context.getRequiredTestClass();
    RunConfiguration config = RunConfiguration.of(context);
    Map<String, Declaration> byName = new LinkedHashMap<>();
    for (Class<?> level = testClass; level != null && level != Object.class; level = level.getSuperclass()) {
      refuseOnLifecycleMethods(level);
      Map<String, Declaration> own = new LinkedHashMap<>();
      for (LocalServer annotation : declaredOn(level)) {
        add(own, annotation, config, false, "@LocalServer on " + level.getSimpleName(), level.getName());
      }
      for (Field field : registeredFields(level, true)) {
        addProgrammatic(own, readStatic(field), field, config, false);
      }
      // A subclass's declaration replaces its superclass's one of the same name.
      own.forEach(byName::putIfAbsent);
    }
    return List.copyOf(byName.values());
  }

  private static void add(
      Map<String, Declaration> byName,
      LocalServer annotation,
      RunConfiguration config,
      boolean perTest,
      String origin,
      String where) {
    ServerSettings settings = ServerSettings.resolve(ServerSettings.Declared.of(annotation), config);
    put(byName, new Declaration(settings, perTest, origin, null), where);
  }

  private static void addProgrammatic(
      Map<String, Declaration> byName,
      Object value,
      Field field,
      RunConfiguration config,
      boolean perTest) {
    ServerBinding binding = ServerBinding.of(value);
    if (binding == null) {
      return; // declarative extension object, or not ours
    }
    ServerSettings settings = ServerSettings.resolve(binding.declared(), config);
    String origin = "LocalServerExtension in " + field.getDeclaringClass().getSimpleName() + "." + field.getName();
    put(byName, new Declaration(settings, perTest, origin, binding), field.getDeclaringClass().getName());
  }

  private static void put(Map<String, Declaration> byName, Declaration declaration, String where) {
    Declaration previous = byName.putIfAbsent(declaration.name(), declaration);
    if (previous != null) {
      throw new ExtensionConfigurationException(
          "Two servers are named \""
              + declaration.name()
              + "\" in "
              + where
              + " ("
              + previous.origin()
              + " and "
              + declaration.origin()
              + "); give each server of a class its own name (@LocalServer(name = \"orders\"),"
              + " LocalServerExtension.builder().name(\"orders\")) and qualify what you inject with it");
    }
  }

  /**
   * The declarations an element makes itself: {@code @LocalServer} written on it, in a {@code
   * @LocalServers} container, or on a custom annotation it carries (at any depth), in declaration
   * order and with duplicates kept. Inherited ones are left to the superclass's own turn. JUnit's
   * {@code findRepeatableAnnotations} cannot be used: it drops annotations equal to one already
   * found, so two identical declarations would silently make one server.
   */
  static List<LocalServer> declaredOn(AnnotatedElement element) {
    List<LocalServer> found = new ArrayList<>();
    collect(element.getDeclaredAnnotations(), found, new HashSet<>());
    return found;
  }

  private static void collect(Annotation[] annotations, List<LocalServer> found, Set<Class<?>> path) {
    for (Annotation annotation : annotations) {
      if (annotation instanceof LocalServer server) {
        found.add(server);
      } else if (annotation instanceof LocalServers servers) {
        found.addAll(List.of(servers.value()));
      } else {
        Class<? extends Annotation> type = annotation.annotationType();
        // path guards against annotation cycles; siblings may share a meta-annotation, and each counts.
        if (!type.getName().startsWith("java.lang.annotation.") && path.add(type)) {
          collect(type.getDeclaredAnnotations(), found, path);
          path.remove(type);
        }
      }
    }
  }

  private static final List<Class<? extends Annotation>> LIFECYCLE =
      List.of(BeforeAll.class, BeforeEach.class, AfterEach.class, AfterAll.class);

  /**
   * JUnit reads no extension from a lifecycle method, so {@code @LocalServer} there would be
   * ignored and the method's parameters would fail with JUnit's generic "No ParameterResolver
   * registered". Fail instead, saying where the annotation belongs.
   */
  private static void refuseOnLifecycleMethods(Class<?> level) {
    refuseOnLifecycleMethods(level, ExtensionConfigurationException::new);
  }

  /** As {@link #refuseOnLifecycleMethods(Class)}, with the exception type of the caller. */
  static void refuseOnLifecycleMethods(Class<?> level, Function<String, RuntimeException> failure) {
    Method[] methods = level.getDeclaredMethods();
    Arrays.sort(methods, Comparator.comparing(Method::getName));
    for (Method method : methods) {
      if (declaredOn(method).isEmpty()) {
        continue;
      }
      for (Class<? extends Annotation> lifecycle : LIFECYCLE) {
        if (AnnotationSupport.isAnnotated(method, lifecycle)) {
          throw failure.apply(
              "@LocalServer on @"
                  + lifecycle.getSimpleName()
                  + " method "
                  + level.getSimpleName()
                  + "."
                  + method.getName()
                  + "() declares no server: lifecycle methods are not read; put @LocalServer on the test"
                  + " class (a server for all its tests) or on a @Test method (a server for that test alone)");
        }
      }
    }
  }

  private static List<Field> registeredFields(Class<?> type, boolean statics) {
    return ReflectionSupport.findFields(
        type,
        f ->
            f.getDeclaringClass() == type
                && Modifier.isStatic(f.getModifiers()) == statics
                && AnnotationSupport.isAnnotated(f, RegisterExtension.class),
        HierarchyTraversalMode.TOP_DOWN);
  }

  private static Object readStatic(Field field) {
    return ReflectionSupport.tryToReadFieldValue(field, null).toOptional().orElse(null);
  }
}

package io.github.localserver.internal;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The servers visible from one extension context: those of the test (when the context is a test),
 * of its class and of the enclosing classes, an inner declaration hiding an outer one of the same
 * name.
 */
final class VisibleServers {

  /** A visible declaration and the context whose store holds its server. */
  record Visible(Declaration declaration, ExtensionContext owner) {
    String name() {
      return declaration.name();
    }
  }

  private final List<Visible> outerFirst;

  private VisibleServers(List<Visible> outerFirst) {
    this.outerFirst = outerFirst;
  }

  private record Key(String contextId) {}

  /**
   * The scope of a context, computed once per context (callbacks and parameter resolution ask
   * for it several times per test); not cached before a test's instance exists, since instance
   * fields may add declarations.
   */
  static VisibleServers of(ExtensionContext context) {
    if (isTest(context) && context.getTestInstances().isEmpty()) {
      return compute(context);
    }
    if (isClassTemplateInvocation(context)) {
      return of(context.getParent().orElseThrow()); // the template's servers
    }
    return ContextStore.compute(context, new Key(context.getUniqueId()), key -> compute(context), VisibleServers.class);
  }

  private static VisibleServers compute(ExtensionContext context) {
    Optional<ExtensionContext> test = isTest(context) ? Optional.of(context) : Optional.empty();
    Map<String, Visible> byName = new LinkedHashMap<>();
    List<List<Visible>> groups = new ArrayList<>();
    if (test.isPresent()) {
      List<Visible> group = new ArrayList<>();
      for (Declaration declaration : Declarations.forTest(context)) {
        Visible visible = new Visible(declaration, context);
        if (byName.putIfAbsent(declaration.name(), visible) == null) {
          group.add(visible);
        }
      }
      groups.add(group);
    }
    for (ExtensionContext level : classContexts(context)) {
      List<Visible> group = new ArrayList<>();
      for (Declaration declaration : Declarations.forClass(level)) {
        Visible visible = new Visible(declaration, declaration.perTest() ? test.orElse(null) : level);
        if (byName.putIfAbsent(declaration.name(), visible) == null) {
          group.add(visible);
        }
      }
      groups.add(group);
    }
    Collections.reverse(groups);
    List<Visible> outerFirst = new ArrayList<>();
    groups.forEach(outerFirst::addAll);
    requireOneStaticDslAtMost(outerFirst);
    return new VisibleServers(List.copyOf(outerFirst));
  }

  private static void requireOneStaticDslAtMost(List<Visible> visible) {
    List<Visible> marked = visible.stream().filter(v -> v.declaration().settings().staticDsl()).toList();
    if (marked.size() > 1) {
      throw new org.junit.jupiter.api.extension.ExtensionConfigurationException(
          "Several servers in scope are marked staticDsl ("
              + marked.stream().map(v -> v.declaration().origin()).collect(Collectors.joining(", "))
              + "); WireMock's static DSL can point at one only: mark one of them");
    }
  }

  /** A context for one test execution (not a class, not a test-template container). */
  static boolean isTest(ExtensionContext context) {
    return context.getElement().filter(Method.class::isInstance).isPresent()
        && context.getTestMethod().isPresent();
  }

  /**
   * The class contexts from this context outwards, innermost first. An invocation of a class
   * template ({@code @ParameterizedClass}) is not a level of its own: its class is the template's,
   * whose context holds the servers and ran {@code @BeforeAll}.
   */
  static List<ExtensionContext> classContexts(ExtensionContext context) {
    List<ExtensionContext> result = new ArrayList<>();
    for (Optional<ExtensionContext> c = Optional.of(context); c.isPresent(); c = c.get().getParent()) {
      ExtensionContext level = c.get();
      if (isClassLevel(level) && !isClassTemplateInvocation(level)) {
        result.add(level);
      }
    }
    return result;
  }

  private static boolean isClassLevel(ExtensionContext context) {
    return context.getElement().filter(Class.class::isInstance).isPresent() && context.getTestClass().isPresent();
  }

  /** An invocation of a class template: a class context whose parent is a context of the same class. */
  static boolean isClassTemplateInvocation(ExtensionContext context) {
    return isClassLevel(context)
        && context.getParent().filter(VisibleServers::isClassLevel).flatMap(ExtensionContext::getTestClass).equals(context.getTestClass());
  }

  /** Unique ids of {@link #classContexts}, innermost first. */
  static List<String> classIds(ExtensionContext context) {
    return classContexts(context).stream().map(ExtensionContext::getUniqueId).toList();
  }

  List<Visible> outerFirst() {
    return outerFirst;
  }

  boolean isEmpty() {
    return outerFirst.isEmpty();
  }

  Optional<Visible> named(String name) {
    return outerFirst.stream().filter(v -> v.name().equals(name)).findFirst();
  }

  /** The names for messages: {@code "orders", "payments", "" (the default server)}. */
  String names() {
    return outerFirst.stream()
        .map(v -> v.name().isEmpty() ? "\"\" (the default server)" : "\"" + v.name() + "\"")
        .collect(Collectors.joining(", "));
  }
}

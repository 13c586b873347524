package io.github.localserver.internal;

import io.github.localserver.Lifecycle;
import io.github.localserver.LocalHttpServer;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;

/**
 * The one door from {@code LocalServerExtension} into the implementation: every JUnit callback,
 * parameter resolution and programmatic declaration goes through here, so the API package depends
 * on this class alone and nothing here depends on {@code LocalServerExtension}.
 *
 * <p>Several {@code LocalServerExtension} objects can be registered for one test (the one {@code
 * @LocalServer} registers, any built with {@code builder()}), and JUnit may register one object
 * twice; each callback still does its work once per context ({@link OncePerContext}), finding every
 * declaration itself.
 */
public final class ExtensionSupport {

  private ExtensionSupport() {}

  /** Before a class's {@code @BeforeAll} methods. */
  public static void beforeAll(ExtensionContext context) {
    if (OncePerContext.first(context, OncePerContext.Callback.BEFORE_ALL)) {
      Callbacks.beforeAll(context);
    }
  }

  /** After a class's {@code @AfterAll} methods. */
  public static void afterAll(ExtensionContext context) {
    if (OncePerContext.first(context, OncePerContext.Callback.AFTER_ALL)) {
      Callbacks.afterAll(context);
    }
  }

  /** Before a test's {@code @BeforeEach} methods. */
  public static void beforeEach(ExtensionContext context) {
    if (OncePerContext.first(context, OncePerContext.Callback.BEFORE_EACH)) {
      Callbacks.beforeEach(context);
    }
  }

  /** After a test's {@code @AfterEach} methods. */
  public static void afterEach(ExtensionContext context) {
    if (OncePerContext.first(context, OncePerContext.Callback.AFTER_EACH)) {
      Callbacks.afterEach(context);
    }
  }

  /** After a test instance is made. */
  public static void postProcessTestInstance(Object instance, ExtensionContext context) {
    if (OncePerContext.firstFor(context, instance)) {
      Callbacks.postProcessTestInstance(instance, context);
    }
  }

  /** Around a dynamic test. */
  public static void interceptDynamicTest(InvocationInterceptor.Invocation<Void> invocation, ExtensionContext context)
      throws Throwable {
    if (OncePerContext.first(context, OncePerContext.Callback.DYNAMIC_TEST)) {
      Callbacks.interceptDynamicTest(invocation, context);
    } else {
      invocation.proceed();
    }
  }

  /** Whether LocalServer resolves the parameter (and this registration claims it). */
  public static boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return ParameterInjection.supports(parameter, context) && OncePerContext.claim(context, parameter);
  }

  /** Resolves a parameter claimed by {@link #supportsParameter}. */
  public static Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    try {
      return ParameterInjection.resolve(parameter, context);
    } finally {
      OncePerContext.release(context, parameter);
    }
  }

  /**
   * Declares a programmatic server, validating the values at once (not at the first test);
   * {@code null} values are left to configuration and defaults.
   *
   * @param extension the {@code LocalServerExtension} object that stands for it
   * @return its binding, through which the object reaches its running server
   */
  public static ServerBinding declare(
      Object extension,
      String name,
      String host,
      Integer port,
      Boolean https,
      Lifecycle lifecycle,
      String mappings,
      Boolean failOnUnmatched,
      Class<?> factory,
      Boolean staticDsl,
      Object options,
      Boolean failOnUnusedStubs,
      String recording,
      String target,
      List<String> redact) {
    ServerSettings.Declared declared =
        new ServerSettings.Declared(
            true,
            name,
            host,
            port,
            https,
            lifecycle,
            mappings,
            failOnUnmatched,
            factory,
            staticDsl,
            options,
            failOnUnusedStubs,
            recording,
            target,
            redact);
    ServerSettings.validate(declared);
    String description =
        name == null || name.isEmpty()
            ? "LocalServerExtension (default server)"
            : "LocalServerExtension \"" + name + "\"";
    return ServerBinding.register(extension, declared, description);
  }

  /** The server a programmatic extension stands for on this thread. */
  public static LocalHttpServer current(ServerBinding binding) {
    return binding.current();
  }

  /** A programmatic extension, for {@code toString()}: {@code LocalServerExtension "api"}. */
  public static String describe(ServerBinding binding) {
    return binding.description();
  }

  /** For {@code Faults.refusedUrl()}: a loopback URL where nothing listens. */
  public static String refusedUrl() {
    return RefusedPort.url();
  }
}

package io.github.localserver.internal;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;

/** Parameter resolution for {@code LocalServerExtension}. */
final class ParameterInjection {

  private ParameterInjection() {}

  /** Whether LocalServer resolves this parameter. */
  static boolean supports(ParameterContext parameter, ExtensionContext context) {
    return Injection.supports(parameter.getParameter(), parameter.getParameter().getType(), context);
  }

  /** The value, or a {@link ParameterResolutionException} that names the mistake and the fix. */
  static Object resolve(ParameterContext parameter, ExtensionContext context) {
    // JUnit names the parameter only for exceptions it wraps itself, so the message does.
    java.lang.reflect.Executable executable = parameter.getDeclaringExecutable();
    String where =
        executable instanceof java.lang.reflect.Constructor
            ? "the constructor of " + executable.getDeclaringClass().getSimpleName()
            : executable.getName() + "()";
    String prefix = "Parameter [" + parameter.getParameter() + "] of " + where + ": ";
    try {
      return Injection.resolve(
          parameter.getParameter(),
          parameter.getParameter().getType(),
          context,
          message -> new ParameterResolutionException(prefix + message));
    } catch (ParameterResolutionException e) {
      throw e;
    } catch (RuntimeException e) {
      // A server that failed to start: keep its message, which names the cause and the fix.
      throw new ParameterResolutionException(prefix + e.getMessage(), e);
    }
  }
}

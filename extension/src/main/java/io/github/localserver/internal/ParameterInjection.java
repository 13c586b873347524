package io.github.localserver.internal;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;

/** Parameter resolution for {@code LocalServerExtension}. */
public final class ParameterInjection {

  private ParameterInjection() {}

  /** Whether LocalServer resolves this parameter. */
  public static boolean supports(ParameterContext parameter, ExtensionContext context) {
    return Injection.supports(parameter.getParameter(), parameter.getParameter().getType(), context);
  }

  /** The value, or a {@link ParameterResolutionException} that names the mistake and the fix. */
  public static Object resolve(ParameterContext parameter, ExtensionContext context) {
    try {
      return Injection.resolve(
          parameter.getParameter(),
          parameter.getParameter().getType(),
          context,
          ParameterResolutionException::new);
    } catch (ParameterResolutionException e) {
      throw e;
    } catch (RuntimeException e) {
      // A server that failed to start: keep its message, which names the cause and the fix.
      throw new ParameterResolutionException(e.getMessage(), e);
    }
  }
}

package io.github.localserver;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Injects the port a server is bound to.
 *
 * <h2>Parameters</h2>
 * The annotated parameter or field must be an {@code int} or {@code Integer}.
 *
 * <h2>Errors</h2>
 * Any other type fails with a message naming the type; an unknown server name fails with a
 * message listing the known names.
 *
 * <h2>Since</h2>
 * 0.1.0
 */
@Target({ElementType.PARAMETER, ElementType.FIELD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ServerPort {

  /**
   * The server's name; {@code ""} means the default server.
   *
   * @return the server's name; {@code ""} by default
   */
  String value() default "";
}

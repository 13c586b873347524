package io.github.localserver;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the server a handle is injected for: {@code @Server("payments") LocalHttpServer payments}.
 *
 * <p>Applies to every handle type: {@link LocalHttpServer}, {@code okhttp3.OkHttpClient}, {@code
 * java.net.http.HttpClient}, WireMock's {@code WireMock} and {@code WireMockRuntimeInfo}. Without
 * it, the default server (declared with {@code name = ""}) is meant, or the only server in scope.
 *
 * <h2>Parameters</h2>
 * Test-method, lifecycle-method and constructor parameters, and non-final fields of the test class
 * (static fields for {@link Lifecycle#PER_CLASS} servers only).
 *
 * <h2>Errors</h2>
 * A name that no server in scope has fails the injection with a message listing the known names.
 *
 * <h2>Since</h2>
 * 0.1.0
 */
@Target({ElementType.PARAMETER, ElementType.FIELD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Server {

  /**
   * The server's name; {@code ""} means the default server.
   *
   * @return the server's name; {@code ""} by default
   */
  String value() default "";
}

package io.github.localserver;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Injects a server's base URL, without trailing slash: {@code http://127.0.0.1:62893}.
 *
 * <h2>Parameters</h2>
 * The annotated parameter or field may be a {@code String}, {@code java.net.URI}, {@code
 * java.net.URL} or {@code okhttp3.HttpUrl}. The host is always the bound literal address (IPv6 in
 * brackets), never a name to resolve.
 *
 * <p>{@code String}, {@code URI} and {@code URL} carry no trailing slash. An {@code HttpUrl} always
 * has a path, so it is the canonical form with the slash: {@code http://127.0.0.1:62893/}; build on
 * it with {@code url.resolve("orders/7")} or {@code url.newBuilder().addPathSegment(...)}.
 *
 * <h2>Errors</h2>
 * Any other type fails with a message naming the type and the supported ones; an unknown server
 * name fails with a message listing the known names.
 *
 * <h2>Since</h2>
 * 0.1.0
 */
@Target({ElementType.PARAMETER, ElementType.FIELD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ServerUrl {

  /**
   * The server's name; {@code ""} means the default server.
   *
   * @return the server's name; {@code ""} by default
   */
  String value() default "";
}

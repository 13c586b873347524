package io.github.localserver;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Container for repeated {@link LocalServer} annotations; written by the compiler, not by hand.
 *
 * <h2>Since</h2>
 * 0.1.0
 */
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Documented
@ExtendWith(LocalServerExtension.class)
public @interface LocalServers {

  /**
   * The repeated declarations.
   *
   * @return the declarations, in order
   */
  LocalServer[] value();
}

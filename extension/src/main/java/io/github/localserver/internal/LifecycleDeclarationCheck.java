package io.github.localserver.internal;

import java.util.ArrayList;
import java.util.List;
import org.junit.platform.commons.PreconditionViolationException;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.PostDiscoveryFilter;

/**
 * Fails a run that has {@code @LocalServer} on a lifecycle method of a class that declares no
 * server otherwise.
 *
 * <p>How it works: JUnit registers no extension from a lifecycle method, so where {@code
 * @LocalServer} appears only there, LocalServer's extension never runs to say so, and the user gets
 * JUnit's generic "No ParameterResolver registered". The launcher shows every discovered class to
 * the {@code PostDiscoveryFilter}s registered through {@code META-INF/services}, as this one is;
 * it includes everything and only looks. Where the extension does run, {@code Declarations} makes
 * the same check and fails the class. Only a launcher loads that service.
 */
public final class LifecycleDeclarationCheck implements PostDiscoveryFilter {

  /** Made by {@code ServiceLoader}. */
  public LifecycleDeclarationCheck() {}

  @Override
  public FilterResult apply(TestDescriptor descriptor) {
    if (descriptor.getSource().orElse(null) instanceof ClassSource source) {
      List<Class<?>> levels = new ArrayList<>();
      try {
        for (Class<?> level = source.getJavaClass(); level != null && level != Object.class; level = level.getSuperclass()) {
          level.getDeclaredMethods(); // may not link: then leave the class to its engine
          levels.add(level);
        }
      } catch (RuntimeException | LinkageError e) {
        return FilterResult.included("not loadable here; its engine reports it");
      }
      for (Class<?> level : levels) {
        Declarations.refuseOnLifecycleMethods(level, PreconditionViolationException::new);
      }
    }
    return FilterResult.included("LocalServer only looks");
  }
}

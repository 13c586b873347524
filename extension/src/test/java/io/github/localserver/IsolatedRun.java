package io.github.localserver;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.ArrayList;
import java.util.List;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventType;

/**
 * Runs fixture classes through the Jupiter engine inside a class loader of their own (see {@link
 * ClasspathCheckTest}), and tells what happened as plain strings, the only type both loaders share.
 * Called by reflection; loaded by that class loader, so it links against the JUnit, WireMock and
 * OkHttp found there.
 */
public final class IsolatedRun {

  private IsolatedRun() {}

  /**
   * One line per finished test or container that did not just succeed as a container: {@code
   * Fixture.method: passed}, or {@code Fixture[.method]: ExceptionType: message}.
   */
  public static List<String> run(String... fixtures) throws ClassNotFoundException {
    EngineTestKit.Builder builder = EngineTestKit.engine("junit-jupiter").enableImplicitConfigurationParameters(false);
    for (String fixture : fixtures) {
      builder.selectors(selectClass(Class.forName(fixture, false, IsolatedRun.class.getClassLoader())));
    }
    EngineExecutionResults results = builder.execute();
    List<String> lines = new ArrayList<>();
    for (Event event : results.allEvents().list()) {
      if (event.getType() != EventType.FINISHED) {
        continue;
      }
      TestExecutionResult result = event.getRequiredPayload(TestExecutionResult.class);
      String where = where(event);
      if (where == null) {
        continue; // the engine
      }
      if (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
        if (event.getTestDescriptor().isTest()) {
          lines.add(where + ": passed");
        }
        continue;
      }
      Throwable failure = result.getThrowable().orElse(null);
      lines.add(where + ": " + (failure == null ? result.getStatus() : failure.getClass().getName() + ": " + failure.getMessage()));
    }
    return lines;
  }

  private static String where(Event event) {
    Object source = event.getTestDescriptor().getSource().orElse(null);
    if (source instanceof MethodSource method) {
      return simpleName(method.getClassName()) + "." + method.getMethodName();
    }
    if (source instanceof ClassSource type) {
      return simpleName(type.getClassName());
    }
    return null;
  }

  private static String simpleName(String className) {
    return className.substring(Math.max(className.lastIndexOf('.'), className.lastIndexOf('$')) + 1);
  }
}

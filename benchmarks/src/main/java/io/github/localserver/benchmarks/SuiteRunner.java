package io.github.localserver.benchmarks;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/** Runs generated test classes through the JUnit Platform launcher, as a build tool would. */
final class SuiteRunner {

  /** JUnit parallel execution: classes concurrently on 4 threads, a class's tests in turn. */
  static final Map<String, String> PARALLEL =
      Map.of(
          "junit.jupiter.execution.parallel.enabled", "true",
          "junit.jupiter.execution.parallel.mode.default", "same_thread",
          "junit.jupiter.execution.parallel.mode.classes.default", "concurrent",
          "junit.jupiter.execution.parallel.config.strategy", "fixed",
          "junit.jupiter.execution.parallel.config.fixed.parallelism", "4",
          // JUnit 6.1's default, named so that it does not log a hint about the other executor
          "junit.jupiter.execution.parallel.config.executor-service", "FORK_JOIN_POOL");

  static final Map<String, String> SEQUENTIAL = Map.of("junit.jupiter.execution.parallel.enabled", "false");

  private SuiteRunner() {}

  /**
   * Runs the classes; returns the wall time in seconds, discovery included.
   *
   * @throws IllegalStateException unless every test ran and passed
   */
  static double run(ClassLoader loader, List<String> classNames, boolean parallel, int expectedTests) {
    List<ClassSelector> selectors = new ArrayList<>();
    for (String name : classNames) {
      try {
        selectors.add(selectClass(Class.forName(name, false, loader)));
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException("Generated class " + name + " is missing", e);
      }
    }
    LauncherDiscoveryRequest request =
        LauncherDiscoveryRequestBuilder.request()
            .selectors(selectors)
            .configurationParameters(parallel ? PARALLEL : SEQUENTIAL)
            .build();
    Launcher launcher = LauncherFactory.create();
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    ClassLoader previous = Thread.currentThread().getContextClassLoader();
    Thread.currentThread().setContextClassLoader(loader);
    long start = System.nanoTime();
    try {
      launcher.execute(request, listener);
    } finally {
      Thread.currentThread().setContextClassLoader(previous);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    check(listener.getSummary(), expectedTests);
    return seconds;
  }

  private static void check(TestExecutionSummary summary, int expectedTests) {
    if (summary.getTestsSucceededCount() != expectedTests || summary.getTotalFailureCount() != 0) {
      IllegalStateException failure =
          new IllegalStateException(
              "The generated suite did not pass: "
                  + summary.getTestsSucceededCount()
                  + " of "
                  + expectedTests
                  + " tests succeeded, "
                  + summary.getTotalFailureCount()
                  + " failures");
      summary.getFailures().stream().limit(3).forEach(f -> failure.addSuppressed(f.getException()));
      throw failure;
    }
  }
}

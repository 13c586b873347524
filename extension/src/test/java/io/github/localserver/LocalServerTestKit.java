package io.github.localserver;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventType;

/**
 * Runs fixture classes through the Jupiter engine, as a user's build would, and reads what they
 * reported. Fixtures publish values with {@code TestReporter} instead of writing static fields, so
 * tests never share state.
 */
final class LocalServerTestKit {

  private LocalServerTestKit() {}

  /** Runs fixture classes sequentially with the given configuration parameters ("key", "value"...). */
  static EngineExecutionResults run(Class<?> fixture, String... configuration) {
    return builder(configuration).selectors(selectClass(fixture)).execute();
  }

  /**
   * Runs fixture classes one after another in one launcher, in their {@code @Order} (JUnit's
   * {@code ClassOrderer.OrderAnnotation}), with the given configuration parameters.
   */
  static EngineExecutionResults runInOrder(List<Class<?>> fixtures, String... configuration) {
    EngineTestKit.Builder builder =
        builder(configuration)
            .configurationParameter(
                "junit.jupiter.testclass.order.default", "org.junit.jupiter.api.ClassOrderer$OrderAnnotation");
    for (Class<?> fixture : fixtures) {
      builder.selectors(selectClass(fixture));
    }
    return builder.execute();
  }

  /** Runs one method of a fixture class. */
  static EngineExecutionResults runMethod(Class<?> fixture, String method, String... configuration) {
    return builder(configuration).selectors(selectMethod(fixture, method)).execute();
  }

  /** Runs fixture classes concurrently: classes and methods, on {@code threads} threads. */
  static EngineExecutionResults runParallel(int threads, Class<?>... fixtures) {
    EngineTestKit.Builder builder =
        builder(
            "junit.jupiter.execution.parallel.enabled", "true",
            "junit.jupiter.execution.parallel.mode.default", "concurrent",
            "junit.jupiter.execution.parallel.mode.classes.default", "concurrent",
            "junit.jupiter.execution.parallel.config.strategy", "fixed",
            "junit.jupiter.execution.parallel.config.fixed.parallelism", String.valueOf(threads),
            "junit.jupiter.execution.parallel.config.fixed.max-pool-size", String.valueOf(threads * 8));
    for (Class<?> fixture : fixtures) {
      builder.selectors(selectClass(fixture));
    }
    return builder.execute();
  }

  private static EngineTestKit.Builder builder(String... configuration) {
    Map<String, String> parameters = new HashMap<>();
    for (int i = 0; i < configuration.length; i += 2) {
      parameters.put(configuration[i], configuration[i + 1]);
    }
    return EngineTestKit.engine("junit-jupiter")
        .enableImplicitConfigurationParameters(false)
        .configurationParameters(parameters);
  }

  /** Every value published under {@code key}, in publishing order. */
  static List<String> reported(EngineExecutionResults results, String key) {
    return results.allEvents().stream()
        .filter(e -> e.getType() == EventType.REPORTING_ENTRY_PUBLISHED)
        .map(e -> e.getPayload(ReportEntry.class))
        .flatMap(Optional::stream)
        .map(entry -> entry.getKeyValuePairs().get(key))
        .filter(v -> v != null)
        .collect(Collectors.toList());
  }

  /** The one value published under {@code key}. */
  static String reportedOnce(EngineExecutionResults results, String key) {
    List<String> values = reported(results, key);
    if (values.size() != 1) {
      throw new AssertionError("expected one report entry '" + key + "', got " + values + "\n" + describe(results));
    }
    return values.get(0);
  }

  /** The throwable a failed event carries. */
  static Throwable failure(Event event) {
    return event
        .getPayload(org.junit.platform.engine.TestExecutionResult.class)
        .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable)
        .orElseThrow(() -> new AssertionError("no throwable in " + event));
  }

  /** The single failure of a run, from a test or a container. */
  static Throwable onlyFailure(EngineExecutionResults results) {
    List<Throwable> failures =
        results.allEvents().failed().stream().map(LocalServerTestKit::failure).collect(Collectors.toList());
    if (failures.size() != 1) {
      throw new AssertionError("expected one failure, got " + failures.size() + "\n" + describe(results));
    }
    return failures.get(0);
  }

  /** A fixture's one test, which must not run when the class's servers cannot start. */
  abstract static class OneTest {
    @Test
    void wouldRun() {}
  }

  /** The failure of the fixture class itself; no test of it may have started. */
  static Throwable classFailure(EngineExecutionResults results, Class<?> fixture) {
    String account = describe(results);
    assertThat(results.testEvents().started().count()).as("tests started\n%s", account).isZero();
    List<Event> failed = results.containerEvents().failed().list();
    assertThat(failed).as("failed containers\n%s", account).hasSize(1);
    assertThat(failed.get(0).getTestDescriptor().getSource()).as(account).contains(ClassSource.from(fixture));
    return failure(failed.get(0));
  }

  /** The failure of the fixture's one test; its class must have run fine. */
  static Throwable testFailure(EngineExecutionResults results, String method) {
    String account = describe(results);
    assertThat(results.containerEvents().failed().count()).as("failed containers\n%s", account).isZero();
    assertThat(results.testEvents().started().count()).as("tests started\n%s", account).isEqualTo(1);
    return failedTest(results, method);
  }

  /** The failure of one test of the fixture, by method name. */
  static Throwable failedTest(EngineExecutionResults results, String method) {
    String account = describe(results);
    List<Event> failed =
        results.testEvents().failed().stream()
            .filter(
                e ->
                    e.getTestDescriptor().getSource().filter(MethodSource.class::isInstance)
                        .map(MethodSource.class::cast)
                        .map(MethodSource::getMethodName)
                        .filter(method::equals)
                        .isPresent())
            .collect(Collectors.toList());
    assertThat(failed).as("failed test %s\n%s", method, account).hasSize(1);
    return failure(failed.get(0));
  }

  /** The exact type and the full message. */
  static void assertFailure(Throwable failure, Class<? extends Throwable> type, String message) {
    assertThat(failure).as("%s", failure).isExactlyInstanceOf(type);
    assertThat(failure.getMessage()).isEqualTo(message);
  }

  /** A readable account of a run, for assertion messages. */
  static String describe(EngineExecutionResults results) {
    StringBuilder text = new StringBuilder();
    results.allEvents().stream()
        .filter(e -> e.getType() == EventType.FINISHED || e.getType() == EventType.SKIPPED)
        .forEach(
            e -> {
              text.append(e.getTestDescriptor().getDisplayName()).append(": ").append(e.getType());
              e.getPayload(org.junit.platform.engine.TestExecutionResult.class)
                  .ifPresent(
                      r -> {
                        text.append(' ').append(r.getStatus());
                        r.getThrowable()
                            .ifPresent(
                                t -> {
                                  text.append(" ").append(t);
                                  for (Throwable c = t.getCause(); c != null; c = c.getCause()) {
                                    text.append("\n    caused by ").append(c);
                                  }
                                  for (Throwable s : t.getSuppressed()) {
                                    text.append("\n    suppressed ").append(s);
                                  }
                                });
                      });
              text.append('\n');
            });
    return text.toString();
  }
}

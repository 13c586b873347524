package io.github.localserver.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs examples with exactly the parallel-execution settings the README recommends: the file
 * {@code parallel/junit-platform.properties}, which the README shows verbatim (checked by {@link
 * ReadmeSnippetsTest}), so the recipe and this test cannot disagree.
 */
class ParallelRecipeTest {

  static final String RECIPE = "parallel/junit-platform.properties";

  @Test
  void theExamplesPassWithTheReadmesParallelSettings() throws IOException {
    Map<String, String> recipe = recipe();
    assertThat(recipe)
        .containsEntry("junit.jupiter.execution.parallel.enabled", "true")
        .containsEntry("junit.jupiter.execution.parallel.config.strategy", "fixed");
    LauncherDiscoveryRequest request =
        LauncherDiscoveryRequestBuilder.request()
            .selectors(
                Stream.of(
                        "quickstart.GreetingClientTest",
                        "quickstart.GreetingClientErrorTest",
                        "orders.OrdersClientTest",
                        "orders.OrdersClientAuthTest",
                        "orders.OrdersClientHttpsTest",
                        "retry.RetryOnTransientFailuresTest",
                        "retry.IdempotentPostTest")
                    .map(name -> selectClass("io.github.localserver.examples." + name))
                    .toList())
            .configurationParameters(recipe)
            .build();
    SummaryGeneratingListener summary = new SummaryGeneratingListener();
    ThreadsSeen threads = new ThreadsSeen();

    LauncherFactory.create().execute(request, summary, threads);

    TestExecutionSummary result = summary.getSummary();
    assertThat(result.getFailures())
        .as("failures")
        .extracting(failure -> failure.getTestIdentifier().getDisplayName() + ": " + failure.getException())
        .isEmpty();
    assertThat(result.getTestsFoundCount()).as("tests found").isGreaterThanOrEqualTo(26);
    assertThat(result.getTestsSucceededCount()).as("tests passed").isEqualTo(result.getTestsFoundCount());
    assertThat(threads.names())
        .as("threads the classes ran on: JUnit's pool, not the launching thread")
        .isNotEmpty()
        .doesNotContain(Thread.currentThread().getName());
  }

  private static Map<String, String> recipe() throws IOException {
    Properties properties = new Properties();
    try (InputStream in = ParallelRecipeTest.class.getClassLoader().getResourceAsStream(RECIPE)) {
      assertThat(in).as(RECIPE + " on the test class path").isNotNull();
      properties.load(in);
    }
    return properties.stringPropertyNames().stream()
        .collect(Collectors.toMap(key -> key, properties::getProperty));
  }

  /** Records the threads that test classes start on: JUnit's pool when parallel is on. */
  private static final class ThreadsSeen implements TestExecutionListener {
    private final Set<String> names = ConcurrentHashMap.newKeySet();

    @Override
    public void executionStarted(TestIdentifier id) {
      if (id.getSource().filter(ClassSource.class::isInstance).isPresent()) {
        names.add(Thread.currentThread().getName());
      }
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {}

    Set<String> names() {
      return names;
    }
  }
}

package io.github.localserver.examples;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.ClassNameFilter;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The examples' main job: runs every example test through the JUnit Platform, as a build would,
 * and prints a tree of what happened: each test, the servers it used, the requests they served and
 * the faults they simulated, then a summary. Exits non-zero when a test fails.
 *
 * <p>Run it with {@code mvn -q -pl examples -am test-compile exec:java}.
 */
public final class RunExamples {

  private RunExamples() {}

  public static void main(String[] args) {
    LauncherDiscoveryRequest request =
        LauncherDiscoveryRequestBuilder.request()
            .selectors(selectPackage("io.github.localserver.examples"))
            // The examples live in subpackages; the root package holds the README's own checks.
            .filters(ClassNameFilter.excludeClassNamePatterns("io\\.github\\.localserver\\.examples\\.[^.]+"))
            // Sequential, so the tree reads in order; every test's traffic is reported.
            .configurationParameter("junit.jupiter.execution.parallel.enabled", "false")
            .configurationParameter("localserver.report-requests", "always")
            .build();
    TreePrinter printer = new TreePrinter(System.out);
    Launcher launcher = LauncherFactory.create();
    launcher.execute(request, printer);
    System.exit(printer.failed.get() == 0 ? 0 : 1);
  }

  /** Prints containers as they start and tests as they finish, with their report entries. */
  private static final class TreePrinter implements TestExecutionListener {
    private final PrintStream out;
    private final Map<String, Instant> started = new ConcurrentHashMap<>();
    private final Map<String, StringBuilder> entries = new ConcurrentHashMap<>();
    private final AtomicInteger passed = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger skipped = new AtomicInteger();
    private TestPlan plan;
    private Instant begin;

    TreePrinter(PrintStream out) {
      this.out = out;
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
      plan = testPlan;
      begin = Instant.now();
      out.println("LocalServer examples");
    }

    @Override
    public void executionStarted(TestIdentifier id) {
      started.put(id.getUniqueId(), Instant.now());
      if (id.isContainer() && depth(id) >= 0) {
        out.println(indent(id) + name(id));
      }
    }

    @Override
    public void reportingEntryPublished(TestIdentifier id, ReportEntry entry) {
      StringBuilder text = entries.computeIfAbsent(id.getUniqueId(), k -> new StringBuilder());
      entry.getKeyValuePairs()
          .forEach(
              (key, value) -> {
                for (String line : value.split("\n")) {
                  text.append(indent(id)).append("      ").append(line).append('\n');
                }
              });
    }

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
      skipped.incrementAndGet();
      out.println(indent(id) + "-  " + id.getDisplayName() + "  (skipped: " + reason + ")");
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
      if (id.isContainer()) {
        if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
          failed.incrementAndGet();
          out.println(indent(id) + "FAILED " + id.getDisplayName() + ": " + result.getThrowable().map(Throwable::toString).orElse(""));
        }
        return;
      }
      long millis = Duration.between(started.get(id.getUniqueId()), Instant.now()).toMillis();
      String mark;
      switch (result.getStatus()) {
        case SUCCESSFUL:
          passed.incrementAndGet();
          mark = "ok ";
          break;
        case ABORTED:
          skipped.incrementAndGet();
          mark = "-  ";
          break;
        default:
          failed.incrementAndGet();
          mark = "FAIL";
      }
      out.println(indent(id) + mark + " " + name(id) + "  (" + millis + " ms)");
      StringBuilder text = entries.remove(id.getUniqueId());
      if (text != null) {
        out.print(text);
      }
      result.getThrowable()
          .filter(t -> result.getStatus() == TestExecutionResult.Status.FAILED)
          .ifPresent(t -> out.println(indent(id) + "      " + t));
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
      long millis = Duration.between(begin, Instant.now()).toMillis();
      out.printf(
          "%n%d passed, %d failed, %d skipped in %.1f s%n",
          passed.get(), failed.get(), skipped.get(), millis / 1000.0);
    }

    private int depth(TestIdentifier id) {
      int depth = 0;
      for (var parent = plan.getParent(id); parent.isPresent(); parent = plan.getParent(parent.get())) {
        depth++;
      }
      return depth - 1; // below the engine
    }

    /** A method's display name without its parameter types: {@code greetsByName()}. */
    private static String name(TestIdentifier id) {
      return id.getDisplayName().replaceFirst("^(\\w+)\\(.*\\)$", "$1()");
    }

    private String indent(TestIdentifier id) {
      return "  ".repeat(Math.max(0, depth(id)));
    }
  }
}

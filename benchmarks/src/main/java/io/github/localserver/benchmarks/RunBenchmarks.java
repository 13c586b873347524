package io.github.localserver.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs every benchmark and writes the results: {@code latest.md} (the ratio table, the details and
 * the machine) and {@code ratios.svg} into the results folder, and the same page into the README
 * between its {@code results} markers. See README.md for the command.
 *
 * <p>Arguments: the results folder, and the README to update. System properties: {@code
 * bench.quick} (a smoke run of a minute or two, written to {@code target/quick-results} instead),
 * {@code bench.parts} (any of {@code jmh,fresh,suite,forks,probe,tuning}; forks only when asked for), {@code bench.include} (a
 * regular expression over the JMH benchmark classes).
 */
public final class RunBenchmarks {

  static final String COMMAND = "mvn -B -pl benchmarks -am -Pbenchmarks -DskipTests verify";
  private static final String BEGIN = "<!-- results:begin -->";
  private static final String END = "<!-- results:end -->";

  private RunBenchmarks() {}

  public static void main(String[] args) throws Exception {
    boolean quick = Boolean.getBoolean("bench.quick");
    Set<String> parts =
        Arrays.stream(System.getProperty("bench.parts", "jmh,fresh,suite,probe,tuning").split(","))
            .map(String::trim)
            .collect(Collectors.toSet());
    String include = System.getProperty("bench.include", ".*");
    Path results = Path.of(args.length > 0 ? args[0] : "results");
    Path readme = args.length > 1 && !quick ? Path.of(args[1]) : null;
    if (quick) {
      results = results.resolveSibling("target").resolve("quick-results");
    }

    long start = System.nanoTime();
    Machine machine = Machine.describe();
    Measurements m = new Measurements();
    int rounds = quick ? 1 : 5;
    int slowRounds = quick ? 1 : 2;
    int forkRounds = quick ? 1 : 3;
    int freshRounds = quick ? 1 : 5;
    m.sustainedRequests = quick ? 12_000 : 40_000;
    String settings =
        String.format(
            Locale.ROOT,
            "JMH: 1 fork per benchmark, %s warm-up, %s measurement, blackholes and defaults otherwise. "
                + "Whole suite: %d round(s) after %d warm-up rounds in one JVM (plain MockWebServer: %d rounds "
                + "after 1 warm-up, it is slow), "
                + "then %s. Fresh JVMs: %d round(s), after one untimed run of each one-class suite "
                + "(plain MockWebServer's whole suite: the first round only). Probes: %d servers, %,d requests of sustained load.%s",
            quick ? "1 × 0.5 s" : "2 × 1 s",
            quick ? "2 × 0.5 s" : "3 × 1 s",
            rounds, SuiteBenchmark.WARM_UP_ROUNDS, slowRounds,
            parts.contains("forks") ? forkRounds + " round(s) of forks" : "no forks (not asked for)", freshRounds, ResourceProbe.SERVERS, m.sustainedRequests,
            quick ? " QUICK RUN: the numbers mean little." : "");

    if (parts.contains("jmh")) {
      m.jmh = JmhRuns.run(quick, include);
    }
    if (parts.contains("suite") || parts.contains("forks") || parts.contains("fresh")) {
      Path work = Files.createTempDirectory("localserver-suite-");
      try {
        SuiteBenchmark suite = SuiteBenchmark.prepare(work);
        if (parts.contains("fresh")) {
          m.fresh = new FreshJvmBenchmark(suite.classes(), work).run(freshRounds, RunBenchmarks::progress);
        }
        m.suite =
            parts.contains("suite")
                ? suite.runInJvm(rounds, slowRounds, RunBenchmarks::progress)
                : SuiteBenchmark.Results.empty();
        if (parts.contains("forks")) {
          m.suite = suite.runForks(m.suite, forkRounds, List.of(Variant.LOCALSERVER, Variant.WIREMOCK), RunBenchmarks::progress);
        }
      } finally {
        deleteRecursively(work);
      }
    }
    if (parts.contains("probe")) {
      for (String kind : List.of(Served.WIREMOCK, Served.MOCKWEBSERVER_NODELAY, Served.LOCALSERVER)) {
        Map<String, String> values =
            Jvm.keyValues(Jvm.run(ResourceProbe.class, kind, String.valueOf(m.sustainedRequests)));
        m.probes.put(kind, values);
        progress("probe " + kind + ": " + values);
      }
    }
    if (parts.contains("tuning")) {
      for (String line : Jvm.run(TuningProbe.class, quick ? "2000" : "10000", quick ? "2000" : "5000")) {
        if (line.startsWith("tuning|")) {
          m.tuning.add(line.substring("tuning|".length()).split("\\|"));
          progress(line);
        }
      }
    }

    double minutes = (System.nanoTime() - start) / 60e9;
    Report report = new Report(machine, m, settings, Machine.loadAverage(), minutes);
    String page = report.markdown(COMMAND);
    Files.createDirectories(results);
    Files.writeString(results.resolve("latest.md"), "# LocalServer benchmarks: latest results\n\n" + page);
    Files.writeString(results.resolve("ratios.svg"), report.svg());
    if (readme != null && Files.exists(readme)) {
      updateReadme(readme, page);
    }
    System.out.println();
    System.out.println(page);
    System.out.println("Written to " + results.toAbsolutePath());
  }

  private static void progress(String line) {
    System.out.println("[bench] " + line);
  }

  private static void updateReadme(Path readme, String page) throws IOException {
    String text = Files.readString(readme);
    int begin = text.indexOf(BEGIN);
    int end = text.indexOf(END);
    if (begin < 0 || end < begin) {
      return;
    }
    String updated = text.substring(0, begin + BEGIN.length()) + "\n" + page.replace("](ratios.svg)", "](results/ratios.svg)")
        + text.substring(end);
    Files.writeString(readme, updated);
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}

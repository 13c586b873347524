package io.github.localserver.benchmarks;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.Statistics;

/**
 * Runs the JMH benchmarks (one fork each, the JVM the harness starts) and keeps their scores by
 * name: {@code Class.method} or {@code Class.method[param]}, with {@code @p50} / {@code @p99} for
 * the sampled latencies. Throughput runs twice, the servers in opposite orders. A score's spread is the min and max over its measurement iterations;
 * latency percentiles come from all samples of the run.
 */
final class JmhRuns {

  private JmhRuns() {}

  static Map<String, Stats> run(boolean quick, String include) throws RunnerException {
    Map<String, Stats> scores = new LinkedHashMap<>();
    Pattern filter = Pattern.compile(include);
    for (String benchmark :
        new String[] {"AcquisitionBenchmark", "PerTestBenchmark", "ThroughputBenchmark", "HttpsStartBenchmark"}) {
      if (!filter.matcher(benchmark).find()) {
        continue;
      }
      if (!benchmark.equals("ThroughputBenchmark")) {
        collect(new Runner(options(quick, benchmark).build()).run(), scores, false);
      } else {
        // Two passes in opposite orders, so that a machine getting busier or quieter during the
        // run does not favour the server measured first; each score combines both passes.
        collect(
            new Runner(
                    options(quick, benchmark)
                        .param("server", Served.WIREMOCK, Served.MOCKWEBSERVER, Served.MOCKWEBSERVER_NODELAY, Served.LOCALSERVER)
                        .build())
                .run(),
            scores,
            false);
        collect(
            new Runner(
                    options(quick, benchmark)
                        .param("server", Served.LOCALSERVER, Served.MOCKWEBSERVER_NODELAY, Served.WIREMOCK)
                        .build())
                .run(),
            scores,
            false);
        // Plain MockWebServer is left out: its latency is the 40 ms delayed ACK, as its throughput shows.
        ChainedOptionsBuilder sampled =
            options(quick, benchmark)
                .mode(Mode.SampleTime)
                .timeUnit(TimeUnit.MICROSECONDS)
                .param("server", Served.WIREMOCK, Served.MOCKWEBSERVER_NODELAY, Served.LOCALSERVER);
        collect(new Runner(sampled.build()).run(), scores, true);
      }
    }
    return scores;
  }

  private static ChainedOptionsBuilder options(boolean quick, String benchmark) {
    return new OptionsBuilder()
        .include(JmhRuns.class.getPackageName() + "." + benchmark + "\\.")
        .forks(1)
        .warmupIterations(quick ? 1 : 2)
        .warmupTime(TimeValue.milliseconds(quick ? 500 : 1000))
        .measurementIterations(quick ? 2 : 3)
        .measurementTime(TimeValue.milliseconds(quick ? 500 : 1000))
        .shouldFailOnError(true);
  }

  /** Two passes of equal length: the mean of their means, the extremes of both. */
  private static Stats combine(Stats a, Stats b) {
    return new Stats(
        (a.centre() + b.centre()) / 2, Math.min(a.min(), b.min()), Math.max(a.max(), b.max()), a.n() + b.n());
  }

  private static void collect(Collection<RunResult> results, Map<String, Stats> scores, boolean sampled) {
    for (RunResult run : results) {
      String name = run.getParams().getBenchmark();
      name = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
      String param = run.getParams().getParam("server");
      String key = param == null ? name : name + "[" + param + "]";
      Result<?> primary = run.getPrimaryResult();
      Statistics statistics = primary.getStatistics();
      if (sampled) {
        int n = (int) statistics.getN();
        double p50 = statistics.getPercentile(50);
        double p99 = statistics.getPercentile(99);
        scores.put(key + "@p50", new Stats(p50, p50, p50, n));
        scores.put(key + "@p99", new Stats(p99, p99, p99, n));
      } else {
        Stats score = new Stats(primary.getScore(), statistics.getMin(), statistics.getMax(), (int) statistics.getN());
        scores.merge(key, score, JmhRuns::combine);
      }
    }
  }
}

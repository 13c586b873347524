package io.github.localserver.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Everything one run measured; parts that did not run stay empty. */
final class Measurements {

  /** JMH scores by {@code Class.method[param]} (see {@link JmhRuns}). */
  Map<String, Stats> jmh = new LinkedHashMap<>();

  /** The whole-suite benchmark, or null. */
  SuiteBenchmark.Results suite;

  /** The fresh-JVM runs, or null. */
  FreshJvmBenchmark.Results fresh;

  /** {@link ResourceProbe} output per server kind. */
  final Map<String, Map<String, String>> probes = new LinkedHashMap<>();

  /** {@link TuningProbe} rows: label, start ms, threads per server, requests per second. */
  final List<String[]> tuning = new ArrayList<>();

  /** Requests of the probes' sustained load. */
  int sustainedRequests;

  Stats jmh(String key) {
    return jmh.get(key);
  }
}

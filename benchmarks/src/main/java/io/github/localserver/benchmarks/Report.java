package io.github.localserver.benchmarks;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Turns a run's {@link Measurements} into the results page (Markdown) and the ratio chart (SVG). */
final class Report {

  /** One bar of the chart: LocalServer ÷ a reference. */
  record Bar(String label, Stats ratio, Double target, boolean atMost, String verdict) {}

  private final Machine machine;
  private final Measurements m;
  private final String settings;
  private final String loadAfter;
  private final double minutes;
  private final List<String> targetRows = new ArrayList<>();
  private final List<Bar> bars = new ArrayList<>();

  Report(Machine machine, Measurements measurements, String settings, String loadAfter, double minutes) {
    this.machine = machine;
    this.m = measurements;
    this.settings = settings;
    this.loadAfter = loadAfter;
    this.minutes = minutes;
    buildTargets();
  }

  List<Bar> bars() {
    return bars;
  }

  // ---- the targets table ---------------------------------------------------------------------

  private void buildTargets() {
    freshJvmTargets();
    SuiteBenchmark.Results suite = m.suite;
    if (suite != null && suite.sequential().has(Variant.LOCALSERVER)) {
      List<Double> ls = suite.sequential().of(Variant.LOCALSERVER);
      List<Double> wm = suite.sequential().of(Variant.WIREMOCK);
      List<Double> mws = suite.sequential().of(Variant.MOCKWEBSERVER);
      List<Double> nd = suite.sequential().of(Variant.MOCKWEBSERVER_NODELAY);
      Stats toWm = Stats.pairedRatios(ls, wm);
      row(
          "Whole suite, 100 classes × 5 tests, sequential",
          seconds(ls), seconds(wm), seconds(mws),
          ratio(toWm) + " of @WireMockTest",
          "≤ 0.5× @WireMockTest",
          verdict(toWm, 0.5, true));
      bars.add(new Bar("Whole suite ÷ @WireMockTest", toWm, 0.5, true, verdict(toWm, 0.5, true)));
      if (!mws.isEmpty()) {
        Stats toMws = Stats.pairedRatios(ls, mws);
        row("… against MockWebServer", "", "", "", ratio(toMws) + " of MockWebServer", "≤ 1.0× MockWebServer",
            verdict(toMws, 1.0, true));
        bars.add(new Bar("Whole suite ÷ MockWebServer", toMws, 1.0, true, verdict(toMws, 1.0, true)));
      }
      if (!nd.isEmpty()) {
        Stats toNd = Stats.pairedRatios(ls, nd);
        row("… against MockWebServer with TCP_NODELAY (not its default)", "", "", seconds(nd),
            ratio(toNd) + " of it", "(no target)", "—");
        bars.add(new Bar("Whole suite ÷ MockWebServer+TCP_NODELAY", toNd, null, true, "—"));
      }
    }
    if (suite != null && suite.parallel().has(Variant.LOCALSERVER)) {
      List<Double> seq = suite.sequential().of(Variant.LOCALSERVER);
      List<Double> par = suite.parallel().of(Variant.LOCALSERVER);
      Stats speedUp = Stats.pairedRatios(seq, par);
      Stats toWm = Stats.pairedRatios(par, suite.parallel().of(Variant.WIREMOCK));
      row(
          "Whole suite, JUnit parallel (classes concurrent, 4 threads)",
          seconds(par), seconds(suite.parallel().of(Variant.WIREMOCK)), seconds(suite.parallel().of(Variant.MOCKWEBSERVER)),
          ratio(toWm) + " of @WireMockTest; " + ratio(speedUp) + " faster than sequential",
          "works, and faster than sequential",
          verdict(speedUp, 1.0, false));
      bars.add(new Bar("Parallel suite ÷ @WireMockTest parallel", toWm, null, true, "—"));
    }
    if (suite != null && suite.oneFork().has(Variant.LOCALSERVER)) {
      List<Double> one = suite.oneFork().of(Variant.LOCALSERVER);
      List<Double> two = suite.twoForks().of(Variant.LOCALSERVER);
      Stats speedUp = Stats.pairedRatios(one, two);
      String wm = suite.twoForks().has(Variant.WIREMOCK) ? seconds(suite.twoForks().of(Variant.WIREMOCK)) : "";
      row(
          "Whole suite, 2 forked JVMs (Surefire forkCount=2), JVM start included",
          seconds(two) + " (1 fork: " + seconds(one) + ")", wm, "",
          ratio(speedUp) + " faster than 1 fork",
          "works, and faster than 1 fork",
          verdict(speedUp, 1.0, false));
    }
    if (suite != null && suite.oneFork().has(Variant.LOCALSERVER) && suite.oneFork().has(Variant.WIREMOCK)) {
      List<Double> ls = suite.oneFork().of(Variant.LOCALSERVER);
      List<Double> wm = suite.oneFork().of(Variant.WIREMOCK);
      Stats ratio = Stats.pairedRatios(ls, wm);
      row(
          "Whole suite in a fresh JVM, sequential (what one `mvn test` sees: JVM start, class loading, cold JIT)",
          seconds(ls), seconds(wm), "",
          ratio(ratio) + " of @WireMockTest",
          "(the ≤ 0.5× target is for the suite itself)",
          "—");
      bars.add(new Bar("Whole suite, fresh JVM ÷ @WireMockTest", ratio, null, true, "—"));
    }
    Stats take = m.jmh("AcquisitionBenchmark.localServerTakeSpare");
    Stats close = m.jmh("AcquisitionBenchmark.localServerCloseAfterTests");
    Stats backToBack = m.jmh("AcquisitionBenchmark.localServerSpare");
    Stats wmStart = m.jmh("AcquisitionBenchmark.wireMock");
    Stats mwsStart = m.jmh("AcquisitionBenchmark.mockWebServer");
    if (take != null && close != null && wmStart != null) {
      Stats path = take.plus(close);
      row(
          "Per-class cost on the critical path after the first class (LocalServer: take the spare started ahead + close the class's server, the class's tests in between; others: start + stop)",
          micros(path), micros(wmStart), micros(mwsStart) + " (per test)",
          ratio(path.over(wmStart)) + " of WireMock's",
          "≤ 1 ms",
          verdict(path, 1000, true));
      row("… of which taking the spare (the rest is the close)", micros(take), "", "",
          ratio(take.over(path)) + " of LocalServer's take + close", "(no target)", "—");
    }
    if (backToBack != null && wmStart != null) {
      row("… a class with no tests: take + close back to back, the close competing with the next spare's start",
          micros(backToBack), micros(wmStart), "",
          ratio(backToBack.over(wmStart)) + " of WireMock's", "(no target)", "—");
    }
    if (suite != null && suite.classCost().has(Variant.LOCALSERVER)) {
      List<Double> ls = suite.classCost().of(Variant.LOCALSERVER);
      List<Double> wm = suite.classCost().of(Variant.WIREMOCK);
      Stats lsStats = Stats.of(ls);
      Stats ratio = Stats.pairedRatios(ls, wm);
      row(
          "Per-class cost after the first class, end to end through JUnit: (100 classes × 1 test − 1 class × 100 tests) ÷ 99",
          millis(lsStats), millis(Stats.of(wm)), "",
          ratio(ratio) + " of @WireMockTest's",
          "≤ 1 ms",
          verdict(lsStats, 1.0, true));
      bars.add(new Bar("Per-class cost, end to end ÷ @WireMockTest's", ratio, null, true, verdict(lsStats, 1.0, true)));
    }
    Stats fresh = m.jmh("AcquisitionBenchmark.localServerFresh");
    if (fresh != null && wmStart != null) {
      row("First class (an unpooled start + stop)", micros(fresh), micros(wmStart), micros(mwsStart),
          ratio(fresh.over(wmStart)) + " of WireMock's", "(no target)", "—");
    }
    perTest("Per-test overhead, server untouched", "Clean");
    perTest("Per-test overhead, after one stub", "AfterStub");
    throughput("Throughput, 1 client thread", "oneThread");
    throughput("Throughput, 8 client threads", "eightThreads");
    Map<String, String> ls = m.probes.get(Served.LOCALSERVER);
    Map<String, String> wm = m.probes.get(Served.WIREMOCK);
    Map<String, String> mws = m.probes.get(Served.MOCKWEBSERVER_NODELAY);
    if (ls != null) {
      double threads = number(ls, "threadsPerIdleServer");
      Stats threadStats = new Stats(threads, threads, threads, 1);
      row(
          "Live threads per idle server (" + ResourceProbe.SERVERS + " servers, 3 s after each answered a request;"
              + " right after it in brackets)",
          plain(threads) + " (" + plain(number(ls, "threadsPerServer")) + ")",
          wm == null ? "" : plain(number(wm, "threadsPerIdleServer")) + " (" + plain(number(wm, "threadsPerServer")) + ")",
          mws == null ? "" : plain(number(mws, "threadsPerIdleServer")) + " (" + plain(number(mws, "threadsPerServer")) + ")",
          wm == null ? "" : ratio(threadStats.over(single(number(wm, "threadsPerIdleServer")))) + " of WireMock's",
          "≤ 5",
          verdict(threadStats, 5, true));
      if (wm != null) {
        bars.add(new Bar("Idle threads per server ÷ WireMock's", threadStats.over(single(number(wm, "threadsPerIdleServer"))),
            null, true, "—"));
      }
      row(
          "Heap growth under sustained load: " + count(m.sustainedRequests / 4) + " → " + count(m.sustainedRequests) + " requests",
          growth(ls), wm == null ? "" : growth(wm), mws == null ? "" : growth(mws),
          "",
          "bounded (< 5 MB)",
          growthMb(ls) < 5 ? "met" : "**missed**");
      row(
          "HTTPS certificate made once per JVM",
          "same certificate on two servers: " + ls.get("sameCertificate") + "; 1st HTTPS start + request "
              + plain(number(ls, "httpsFirstMs")) + " ms, 2nd " + plain(number(ls, "httpsSecondMs")) + " ms",
          "a key store in its jar, read at each start", "a certificate per test unless shared",
          "", "once per JVM",
          "true".equals(ls.get("sameCertificate")) ? "met" : "**missed**");
      if (wm != null) {
        Stats rate = single(number(ls, "loadRequestsPerSecond")).over(single(number(wm, "loadRequestsPerSecond")));
        bars.add(new Bar("Sustained load req/s ÷ WireMock's", rate, null, false, "—"));
      }
    }
    Stats httpsPooled = m.jmh("HttpsStartBenchmark.startServeClose[localserver-pooled]");
    Stats httpsWm = m.jmh("HttpsStartBenchmark.startServeClose[wiremock]");
    if (httpsPooled != null && httpsWm != null) {
      bars.add(new Bar("HTTPS class start (pooled) ÷ WireMock's", httpsPooled.over(httpsWm), null, true, "—"));
    }
  }

  private void perTest(String label, String suffix) {
    Stats ls = m.jmh("PerTestBenchmark.localServerTurn" + suffix);
    Stats wm = m.jmh("PerTestBenchmark.wireMockResetAll" + suffix);
    if (ls == null || wm == null) {
      return;
    }
    Stats ratio = ls.over(wm);
    row(label + " (LocalServer: enter + leave a test's turn; WireMock: resetAll)", micros(ls), micros(wm),
        "n/a: a new server per test", ratio(ratio) + " of resetAll", "≤ 2× resetAll", verdict(ratio, 2, true));
    bars.add(new Bar(label.replace("Per-test overhead, ", "Per-test, ") + " ÷ resetAll", ratio, 2.0, true, verdict(ratio, 2, true)));
  }

  private void throughput(String label, String method) {
    Stats ls = m.jmh("ThroughputBenchmark." + method + "[localserver]");
    Stats wm = m.jmh("ThroughputBenchmark." + method + "[wiremock]");
    Stats mws = m.jmh("ThroughputBenchmark." + method + "[mockwebserver]");
    if (ls == null || wm == null) {
      return;
    }
    Stats ratio = ls.over(wm);
    row(label + ", GET, requests/s", rate(ls), rate(wm), mws == null ? "" : rate(mws),
        ratio(ratio) + " of WireMock's", "≥ 1.0× WireMock", verdict(ratio, 1.0, false));
    bars.add(new Bar(label + " ÷ WireMock", ratio, 1.0, false, verdict(ratio, 1.0, false)));
  }

  /** The fresh-JVM rows lead: that is what users wait for. */
  private void freshJvmTargets() {
    FreshJvmBenchmark.Results fresh = m.fresh;
    if (fresh == null) {
      return;
    }
    String floor1 = FreshJvmBenchmark.key(Variant.FLOOR, Shape.SINGLE_CLASS);
    String ls1 = FreshJvmBenchmark.key(Variant.LOCALSERVER, Shape.SINGLE_CLASS);
    String wm1 = FreshJvmBenchmark.key(Variant.WIREMOCK, Shape.SINGLE_CLASS);
    String mws1 = FreshJvmBenchmark.key(Variant.MOCKWEBSERVER, Shape.SINGLE_CLASS);
    String nd1 = FreshJvmBenchmark.key(Variant.MOCKWEBSERVER_NODELAY, Shape.SINGLE_CLASS);
    if (fresh.has(ls1) && fresh.has(wm1) && fresh.has(floor1)) {
      Stats overFloor = costRatios(fresh.of(ls1), fresh.of(wm1), fresh.of(floor1));
      row(
          "Fresh JVM, 1 class × 5 tests (an IDE run of one class), process start to exit; floor (no server) "
              + seconds(fresh.of(floor1)) + ", MockWebServer with TCP_NODELAY " + seconds(fresh.of(nd1)),
          seconds(fresh.of(ls1)), seconds(fresh.of(wm1)), seconds(fresh.of(mws1)),
          ratio(overFloor) + " of @WireMockTest's cost over the floor (" + ratio(Stats.pairedRatios(fresh.of(ls1), fresh.of(wm1)))
              + " of its time)",
          "cost over the floor ≤ 0.5× @WireMockTest's",
          verdict(overFloor, 0.5, true));
      bars.add(new Bar("Fresh JVM, 1 class: cost over floor ÷ @WireMockTest's", overFloor, 0.5, true, verdict(overFloor, 0.5, true)));
    }
    String floor = FreshJvmBenchmark.key(Variant.FLOOR, Shape.SUITE);
    String ls = FreshJvmBenchmark.key(Variant.LOCALSERVER, Shape.SUITE);
    String wm = FreshJvmBenchmark.key(Variant.WIREMOCK, Shape.SUITE);
    String mws = FreshJvmBenchmark.key(Variant.MOCKWEBSERVER, Shape.SUITE);
    String nd = FreshJvmBenchmark.key(Variant.MOCKWEBSERVER_NODELAY, Shape.SUITE);
    if (fresh.has(ls) && fresh.has(wm) && fresh.has(floor)) {
      Stats toWm = Stats.pairedRatios(fresh.of(ls), fresh.of(wm));
      Stats overFloor = costRatios(fresh.of(ls), fresh.of(wm), fresh.of(floor));
      row(
          "Fresh JVM, whole suite 100 classes × 5 tests, sequential (one `mvn test`), process start to exit; floor "
              + seconds(fresh.of(floor)),
          seconds(fresh.of(ls)), seconds(fresh.of(wm)), seconds(fresh.of(mws)),
          ratio(toWm) + " of @WireMockTest (cost over the floor: " + ratio(overFloor) + ")",
          "≤ 0.5× @WireMockTest",
          verdict(toWm, 0.5, true));
      bars.add(new Bar("Fresh JVM, whole suite ÷ @WireMockTest", toWm, 0.5, true, verdict(toWm, 0.5, true)));
      if (fresh.has(nd)) {
        Stats toNd = Stats.pairedRatios(fresh.of(ls), fresh.of(nd));
        row("… against MockWebServer with TCP_NODELAY, fresh JVM", "", "", seconds(fresh.of(nd)),
            ratio(toNd) + " of MockWebServer with TCP_NODELAY", "≤ 0.9× MockWebServer with TCP_NODELAY",
            verdict(toNd, 0.9, true));
        bars.add(new Bar("Fresh JVM, whole suite ÷ MockWebServer+TCP_NODELAY", toNd, 0.9, true, verdict(toNd, 0.9, true)));
      }
      for (String recipe : List.of(FreshJvmBenchmark.LOCALSERVER_C1, FreshJvmBenchmark.LOCALSERVER_CDS)) {
        if (fresh.has(recipe)) {
          row("… @LocalServer with the JVM recipe: " + recipeLabel(recipe), seconds(fresh.of(recipe)), "", "",
              ratio(Stats.pairedRatios(fresh.of(recipe), fresh.of(ls))) + " of @LocalServer with the default JVM; "
                  + ratio(Stats.pairedRatios(fresh.of(recipe), fresh.of(wm))) + " of @WireMockTest",
              "(a user's option)", "—");
        }
      }
    }
  }

  static String recipeLabel(String key) {
    if (key.equals(FreshJvmBenchmark.LOCALSERVER_CDS)) {
      return "`" + FreshJvmBenchmark.C1 + "` and an AppCDS archive (`-XX:SharedArchiveFile`, written by a first run"
          + " with `-XX:ArchiveClassesAtExit`)";
    }
    return "`" + FreshJvmBenchmark.C1 + "`";
  }

  /** Per round: (a − floor) ÷ (b − floor). */
  static Stats costRatios(List<Double> a, List<Double> b, List<Double> floor) {
    List<Double> ratios = new ArrayList<>();
    for (int i = 0; i < Math.min(a.size(), Math.min(b.size(), floor.size())); i++) {
      ratios.add((a.get(i) - floor.get(i)) / (b.get(i) - floor.get(i)));
    }
    return Stats.of(ratios);
  }

  private void row(String measure, String ls, String wm, String mws, String ratio, String target, String verdict) {
    targetRows.add("| " + String.join(" | ", measure, ls, wm, mws, ratio, target, verdict) + " |");
  }

  static String verdict(Stats value, double target, boolean atMost) {
    boolean centre = atMost ? value.centre() <= target : value.centre() >= target;
    boolean all = atMost ? value.max() <= target : value.min() >= target;
    boolean none = atMost ? value.min() > target : value.max() < target;
    if (centre && all) {
      return "met";
    }
    if (centre) {
      return "met (spread crosses)";
    }
    return none ? "**missed**" : "**missed** (spread crosses)";
  }

  // ---- the page ----------------------------------------------------------------------------

  String markdown(String command) {
    StringBuilder out = new StringBuilder();
    out.append("Measured ").append(machine.date()).append(" on ").append(machine.cores()).append(" cores (")
        .append(machine.cpu()).append("), ").append(machine.memory()).append(", ").append(machine.jdk()).append(", ")
        .append(machine.os()).append("; commit ").append(machine.commit()).append(". Load average (1/5/15 min) ")
        .append(machine.loadBefore()).append(" before, ").append(loadAfter)
        .append(" after: the machine is shared, so small differences are noise. The run took ")
        .append(plain(minutes)).append(" min: `").append(command).append("`.\n\n");
    out.append("Settings: ").append(settings).append("\n\n");
    out.append("Ratios are LocalServer ÷ the other server: below 1 means LocalServer takes less time ")
        .append("(or fewer threads); for throughput, above 1 means LocalServer serves more. Spread: for the ")
        .append("whole suite, the min and max of per-round ratios (the variants run back to back in each ")
        .append("round); for JMH scores, the ratio of the extremes of the measurement iterations.\n\n");
    out.append("| measure | LocalServer | raw WireMock | MockWebServer | ratio (spread) | target | verdict |\n");
    out.append("|---|---|---|---|---|---|---|\n");
    targetRows.forEach(r -> out.append(r).append('\n'));
    out.append("\n![LocalServer ÷ the other servers](ratios.svg)\n");
    details(out);
    return out.toString();
  }

  private void details(StringBuilder out) {
    FreshJvmBenchmark.Results fresh = m.fresh;
    if (fresh != null) {
      out.append("\n#### Fresh JVMs: seconds from process start to exit, median (min–max) of rounds\n\n");
      out.append("| variant | 1 class × 5 tests | classes loaded | 100 classes × 5 tests | classes loaded |\n");
      out.append("|---|---|---|---|---|\n");
      for (Variant variant : Variant.values()) {
        String one = FreshJvmBenchmark.key(variant, Shape.SINGLE_CLASS);
        String all = FreshJvmBenchmark.key(variant, Shape.SUITE);
        out.append("| ").append(variant.label).append(" | ").append(seconds(fresh.of(one))).append(" | ")
            .append(classes(fresh.loadedClasses().get(one))).append(" | ").append(seconds(fresh.of(all)))
            .append(" | ").append(classes(fresh.loadedClasses().get(all))).append(" |\n");
      }
      for (String recipe : List.of(FreshJvmBenchmark.LOCALSERVER_C1, FreshJvmBenchmark.LOCALSERVER_CDS)) {
        if (fresh.has(recipe)) {
          out.append("| @LocalServer, ").append(recipeLabel(recipe)).append(" | | | ").append(seconds(fresh.of(recipe)))
              .append(" | ").append(classes(fresh.loadedClasses().get(recipe))).append(" |\n");
        }
      }
    }
    SuiteBenchmark.Results suite = m.suite;
    if (suite != null && (suite.sequential().has(Variant.LOCALSERVER) || suite.oneFork().has(Variant.LOCALSERVER))) {
      out.append("\n#### Whole suite: seconds, median (min–max) of rounds\n\n");
      out.append("| variant | sequential | JUnit parallel, 4 threads | 1 fork, cold JVM | 2 forks, cold JVMs |\n");
      out.append("|---|---|---|---|---|\n");
      for (Variant variant : Variant.SERVERS) {
        out.append("| ").append(variant.label).append(" | ")
            .append(seconds(suite.sequential().of(variant))).append(" | ")
            .append(seconds(suite.parallel().of(variant))).append(" | ")
            .append(seconds(suite.oneFork().of(variant))).append(" | ")
            .append(seconds(suite.twoForks().of(variant))).append(" |\n");
      }
      if (suite.classCost().has(Variant.LOCALSERVER)) {
        out.append("\nWhat a class costs end to end, (100 classes × 1 test − 1 class × 100 tests) ÷ 99, per round: ")
            .append("@LocalServer ").append(millis(Stats.of(suite.classCost().of(Variant.LOCALSERVER))))
            .append(", @WireMockTest ").append(millis(Stats.of(suite.classCost().of(Variant.WIREMOCK))))
            .append(". JUnit's own cost of a class is in both.\n");
      }
    }
    if (!m.jmh.isEmpty()) {
      out.append("\n#### JMH scores: mean (min–max of iterations)\n\n");
      out.append("| benchmark | score |\n|---|---|\n");
      for (Map.Entry<String, Stats> e : m.jmh.entrySet()) {
        String key = e.getKey();
        String value;
        if (key.startsWith("ThroughputBenchmark") && !key.contains("@")) {
          value = rate(e.getValue()) + " requests/s";
        } else if (key.contains("@")) {
          value = micros(e.getValue()) + " (of " + count(e.getValue().n()) + " samples)";
        } else {
          value = micros(e.getValue()) + " per operation";
        }
        out.append("| ").append(key).append(" | ").append(value).append(" |\n");
      }
    }
    if (!m.probes.isEmpty()) {
      out.append("\n#### Resources, one JVM per server kind\n\n");
      out.append("| server | threads per server (3 s idle) | retained heap per server | threads left after close (names) | used heap after GC during ")
          .append(count(m.sustainedRequests)).append(" requests | requests/s, 4 threads, journal as configured |\n");
      out.append("|---|---|---|---|---|---|\n");
      for (Map.Entry<String, Map<String, String>> e : m.probes.entrySet()) {
        Map<String, String> p = e.getValue();
        StringBuilder heap = new StringBuilder();
        for (Map.Entry<String, String> kv : p.entrySet()) {
          if (kv.getKey().startsWith("heapMb@")) {
            heap.append(heap.length() == 0 ? "" : ", ").append(count(Integer.parseInt(kv.getKey().substring(7))))
                .append(": ").append(plain(Double.parseDouble(kv.getValue()))).append(" MB");
          }
        }
        out.append("| ").append(e.getKey()).append(" | ").append(plain(number(p, "threadsPerServer"))).append(" (")
            .append(plain(number(p, "threadsPerIdleServer"))).append(") | ")
            .append(plain(number(p, "heapPerServerKb"))).append(" KB | ").append(plain(number(p, "threadsLeft"))).append(leftNames(p))
            .append(" | ").append(heap).append(" | ").append(count((int) number(p, "loadRequestsPerSecond")))
            .append(" |\n");
      }
      out.append("\nMockWebServer's row is measured with TCP_NODELAY on its connections: without it, its 4 client ")
          .append("threads would wait out 40 ms delayed ACKs (about 90 requests/s) and the load would take minutes; ")
          .append("threads and heap per server do not depend on it.\n");
    }
    if (!m.tuning.isEmpty()) {
      out.append("\n#### Tuning experiment: raw WireMock options\n\n");
      out.append("One JVM, option sets in this order, 4 client threads; requests/s measured once the journal already ")
          .append("holds the prefill requests. The first and last rows are the same defaults: their gap is the noise ")
          .append("(JIT warm-up, the shared machine).\n\n");
      out.append("| options | start + stop | live threads per server | requests/s |\n|---|---|---|---|\n");
      for (String[] row : m.tuning) {
        out.append("| ").append(row[0]).append(" | ").append(row[1]).append(" ms | ").append(row[2]).append(" | ")
            .append(count((int) Double.parseDouble(row[3]))).append(" |\n");
      }
    }
  }

  // ---- the chart ---------------------------------------------------------------------------

  String svg() {
    int labelWidth = 330;
    int plotWidth = 480;
    int rowHeight = 30;
    int top = 50;
    int width = labelWidth + plotWidth + 230;
    int height = top + bars.size() * rowHeight + 50;
    double lo = 0.01;
    double hi = 10;
    for (Bar bar : bars) {
      lo = Math.min(lo, bar.ratio().min() / 1.5);
      hi = Math.max(hi, bar.ratio().max() * 1.5);
    }
    double loLog = Math.floor(Math.log10(lo));
    double hiLog = Math.ceil(Math.log10(hi));
    StringBuilder svg = new StringBuilder();
    svg.append(String.format(Locale.ROOT,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n",
        width, height));
    svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
    svg.append(String.format(Locale.ROOT,
        "<text x=\"10\" y=\"20\" font-size=\"14\" font-weight=\"bold\">LocalServer ÷ the other server (log scale; bars from 1×)</text>%n"));
    svg.append(String.format(Locale.ROOT,
        "<text x=\"10\" y=\"38\" fill=\"#555\">green: target met; red: missed; grey: no target. Whiskers: spread. Dashed red: the target. %s</text>%n",
        machine.date()));
    for (double d = loLog; d <= hiLog; d++) {
      double x = labelWidth + (d - loLog) / (hiLog - loLog) * plotWidth;
      svg.append(String.format(Locale.ROOT,
          "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\"/>%n",
          x, top - 5, x, top + bars.size() * rowHeight, d == 0 ? "#000" : "#ddd"));
      svg.append(String.format(Locale.ROOT,
          "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#555\">%s×</text>%n",
          x, top + bars.size() * rowHeight + 16, BigDecimal.valueOf(Math.pow(10, d)).stripTrailingZeros().toPlainString()));
    }
    double one = labelWidth + (0 - loLog) / (hiLog - loLog) * plotWidth;
    for (int i = 0; i < bars.size(); i++) {
      Bar bar = bars.get(i);
      double y = top + i * rowHeight;
      double x = labelWidth + (Math.log10(bar.ratio().centre()) - loLog) / (hiLog - loLog) * plotWidth;
      double xMin = labelWidth + (Math.log10(bar.ratio().min()) - loLog) / (hiLog - loLog) * plotWidth;
      double xMax = labelWidth + (Math.log10(bar.ratio().max()) - loLog) / (hiLog - loLog) * plotWidth;
      String colour =
          bar.verdict().startsWith("met") ? "#3a9d5d" : bar.verdict().contains("missed") ? "#d0453a" : "#9a9a9a";
      svg.append(String.format(Locale.ROOT,
          "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", labelWidth - 8, y + 19, escape(bar.label())));
      svg.append(String.format(Locale.ROOT,
          "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"18\" fill=\"%s\"/>%n",
          Math.min(x, one), y + 6, Math.max(1, Math.abs(x - one)), colour));
      svg.append(String.format(Locale.ROOT,
          "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#222\"/>%n", xMin, y + 15, xMax, y + 15));
      double labelX = Math.max(one, xMax) + 6;
      if (bar.target() != null) {
        double xt = labelWidth + (Math.log10(bar.target()) - loLog) / (hiLog - loLog) * plotWidth;
        svg.append(String.format(Locale.ROOT,
            "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#d0453a\" stroke-width=\"2\" stroke-dasharray=\"3,2\"/>%n",
            xt, y + 2, xt, y + 28));
        labelX = Math.max(labelX, xt + 6);
      }
      String text = plainRatio(bar.ratio().centre()) + "×" + (bar.target() == null ? ""
          : " (target " + (bar.atMost() ? "≤ " : "≥ ") + plain(bar.target()) + "×)");
      svg.append(String.format(Locale.ROOT,
          "<text x=\"%.1f\" y=\"%.1f\" fill=\"#222\">%s</text>%n", labelX, y + 19, escape(text)));
    }
    svg.append("</svg>\n");
    return svg.toString();
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  // ---- formatting ----------------------------------------------------------------------------

  private static String leftNames(Map<String, String> probe) {
    String names = probe.getOrDefault("threadsLeftNames", "");
    return names.isEmpty() ? "" : " (" + names + ")";
  }

  private static Stats single(double value) {
    return new Stats(value, value, value, 1);
  }

  private static double number(Map<String, String> values, String key) {
    String value = values.get(key);
    return value == null ? Double.NaN : Double.parseDouble(value);
  }

  private double growthMb(Map<String, String> probe) {
    return number(probe, "heapMb@" + m.sustainedRequests) - number(probe, "heapMb@" + m.sustainedRequests / 4);
  }

  private String growth(Map<String, String> probe) {
    return String.format(Locale.ROOT, "%+.1f MB", growthMb(probe));
  }

  static String seconds(List<Double> values) {
    if (values.isEmpty()) {
      return "—";
    }
    Stats s = Stats.of(values);
    return values.size() == 1
        ? plain(s.centre()) + " s"
        : plain(s.centre()) + " s (" + plain(s.min()) + "–" + plain(s.max()) + ")";
  }

  private static String classes(List<Double> counts) {
    return counts == null || counts.isEmpty() ? "—" : count((int) Math.round(Stats.of(counts).centre()));
  }

  static String micros(Stats s) {
    if (s == null) {
      return "—";
    }
    boolean ms = s.centre() >= 1000;
    double f = ms ? 1e-3 : 1;
    String unit = ms ? " ms" : " µs";
    return s.min() == s.max()
        ? plain(s.centre() * f) + unit
        : plain(s.centre() * f) + unit + " (" + plain(s.min() * f) + "–" + plain(s.max() * f) + ")";
  }

  static String millis(Stats s) {
    return s.min() == s.max()
        ? plain(s.centre()) + " ms"
        : plain(s.centre()) + " ms (" + plain(s.min()) + "–" + plain(s.max()) + ")";
  }

  static String rate(Stats s) {
    if (s == null) {
      return "—";
    }
    return count((int) Math.round(s.centre())) + " (" + count((int) Math.round(s.min())) + "–"
        + count((int) Math.round(s.max())) + ")";
  }

  static String ratio(Stats s) {
    return s.min() == s.max()
        ? plainRatio(s.centre()) + "×"
        : plainRatio(s.centre()) + "× (" + plainRatio(s.min()) + "–" + plainRatio(s.max()) + ")";
  }

  static String count(int n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** Three significant digits (no fewer decimals than needed), no exponent. */
  static String plain(double value) {
    if (Double.isNaN(value)) {
      return "?";
    }
    if (Math.abs(value) >= 100) {
      return String.format(Locale.ROOT, "%,.0f", value);
    }
    if (value == 0) {
      return "0";
    }
    return new BigDecimal(value).round(new MathContext(3)).toPlainString();
  }

  private static String plainRatio(double value) {
    return plain(value);
  }
}

package io.github.localserver.benchmarks;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.Options;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import wiremock.org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A quick experiment behind the tuning suggestions: raw WireMock under a few options, each
 * measured for start + stop time, live threads per started server, and requests per second from 4
 * client threads once the journal already holds {@code prefill} requests. Runs in a JVM of its own;
 * prints one {@code tuning|label|startMs|threads|requestsPerSecond} line per option set. The
 * defaults run first and again last, to show how much the order (JIT warm-up) moves the numbers.
 *
 * <p>Arguments: prefill requests, measured requests.
 */
public final class TuningProbe {

  private static final int CLIENT_THREADS = 4;

  private TuningProbe() {}

  static Map<String, UnaryOperator<WireMockConfiguration>> optionSets() {
    Map<String, UnaryOperator<WireMockConfiguration>> sets = new LinkedHashMap<>();
    sets.put("defaults", o -> o);
    sets.put("jettyAcceptors(1)", o -> o.jettyAcceptors(1));
    sets.put(
        "jettyAcceptors(1) + maxRequestJournalEntries(10000): LocalServer before its own capped journal",
        o -> o.jettyAcceptors(1).maxRequestJournalEntries(10_000));
    sets.put("lean pool: min 1 thread, no reserved threads", o -> o.threadPoolFactory(TuningProbe::leanPool));
    sets.put("jettyAcceptors(1) + lean pool", o -> o.jettyAcceptors(1).threadPoolFactory(TuningProbe::leanPool));
    sets.put(
        "jettyAcceptors(0) + lean pool (the selector accepts)",
        o -> o.jettyAcceptors(0).threadPoolFactory(TuningProbe::leanPool));
    sets.put("maxRequestJournalEntries(10000)", o -> o.maxRequestJournalEntries(10_000));
    sets.put("maxRequestJournalEntries(1000)", o -> o.maxRequestJournalEntries(1_000));
    sets.put("maxRequestJournalEntries(100)", o -> o.maxRequestJournalEntries(100));
    sets.put("disableRequestJournal()", WireMockConfiguration::disableRequestJournal);
    sets.put("templatingEnabled(false)", o -> o.templatingEnabled(false));
    sets.put("gzipDisabled(true)", o -> o.gzipDisabled(true));
    sets.put("stubRequestLoggingDisabled(true)", o -> o.stubRequestLoggingDisabled(true));
    sets.put(
        "suggested: jettyAcceptors(0) + lean pool + stubRequestLoggingDisabled(true), journal unbounded",
        o -> o.jettyAcceptors(0).threadPoolFactory(TuningProbe::leanPool).stubRequestLoggingDisabled(true));
    sets.put("defaults, again", o -> o);
    return sets;
  }

  /**
   * Jetty's pool as WireMock sizes it (25 threads at most), but keeping 1 thread rather than 8
   * when idle, and no reserved threads (idle threads parked for the next task).
   */
  static QueuedThreadPool leanPool(Options options) {
    QueuedThreadPool pool = new QueuedThreadPool(options.containerThreads(), 1);
    pool.setReservedThreads(0);
    return pool;
  }

  public static void main(String[] args) throws Exception {
    int prefill = Integer.parseInt(args[0]);
    int measured = Integer.parseInt(args[1]);
    OkHttpClient client = Fixtures.client();
    for (int i = 0; i < 2; i++) {
      requestsPerSecond(o -> o, client, prefill, measured); // JIT warm-up, not reported
    }
    for (Map.Entry<String, UnaryOperator<WireMockConfiguration>> set : optionSets().entrySet()) {
      UnaryOperator<WireMockConfiguration> options = set.getValue();
      double startMs = startStopMs(options);
      double threads = threadsPerServer(options, client);
      double rate = requestsPerSecond(options, client, prefill, measured);
      System.out.println(
          String.format(Locale.ROOT, "tuning|%s|%.2f|%.1f|%.0f", set.getKey(), startMs, threads, rate));
    }
    System.exit(0);
  }

  private static WireMockServer server(UnaryOperator<WireMockConfiguration> options) {
    return new WireMockServer(options.apply(options().bindAddress(Fixtures.HOST).dynamicPort()));
  }

  private static double startStopMs(UnaryOperator<WireMockConfiguration> options) {
    int warm = 3;
    int measured = 10;
    long total = 0;
    for (int i = 0; i < warm + measured; i++) {
      long start = System.nanoTime();
      WireMockServer server = server(options);
      server.start();
      server.stop();
      if (i >= warm) {
        total += System.nanoTime() - start;
      }
    }
    return total / 1e6 / measured;
  }

  private static double threadsPerServer(UnaryOperator<WireMockConfiguration> options, OkHttpClient client)
      throws InterruptedException {
    int count = 3;
    int before = settledThreadCount();
    List<WireMockServer> servers = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      WireMockServer server = server(options);
      server.start();
      server.stubFor(get(Served.PATH).willReturn(ok(Served.BODY)));
      servers.add(server);
      int status = Fixtures.get(client, HttpUrl.get(server.baseUrl() + Served.PATH));
      if (status != 200) {
        servers.forEach(WireMockServer::stop);
        throw new IllegalStateException(server.baseUrl() + " answered " + status);
      }
    }
    client.connectionPool().evictAll();
    double perServer = (settledThreadCount() - before) / (double) count;
    servers.forEach(WireMockServer::stop);
    return perServer;
  }

  private static double requestsPerSecond(
      UnaryOperator<WireMockConfiguration> options, OkHttpClient client, int prefill, int measured) throws Exception {
    WireMockServer server = server(options);
    server.start();
    ExecutorService threads = Executors.newFixedThreadPool(CLIENT_THREADS);
    try {
      server.stubFor(get(Served.PATH).willReturn(ok(Served.BODY)));
      HttpUrl url = HttpUrl.get(server.baseUrl() + Served.PATH);
      load(threads, client, url, prefill);
      long start = System.nanoTime();
      load(threads, client, url, measured);
      return measured / ((System.nanoTime() - start) / 1e9);
    } finally {
      threads.shutdownNow();
      client.connectionPool().evictAll();
      server.stop();
    }
  }

  private static void load(ExecutorService threads, OkHttpClient client, HttpUrl url, int requests) throws Exception {
    AtomicInteger sent = new AtomicInteger();
    List<Future<?>> work = new ArrayList<>();
    for (int t = 0; t < CLIENT_THREADS; t++) {
      work.add(
          threads.submit(
              () -> {
                while (sent.getAndIncrement() < requests) {
                  int status = Fixtures.get(client, url);
                  if (status != 200) {
                    throw new IllegalStateException(url + " answered " + status);
                  }
                }
                return null;
              }));
    }
    for (Future<?> future : work) {
      future.get();
    }
  }

  private static int settledThreadCount() throws InterruptedException {
    int count = ManagementFactory.getThreadMXBean().getThreadCount();
    long stableSince = System.nanoTime();
    long deadline = stableSince + 5_000_000_000L;
    while (System.nanoTime() < deadline && System.nanoTime() - stableSince < 500_000_000L) {
      Thread.sleep(50);
      int now = ManagementFactory.getThreadMXBean().getThreadCount();
      if (now != count) {
        count = now;
        stableSince = System.nanoTime();
      }
    }
    return count;
  }
}

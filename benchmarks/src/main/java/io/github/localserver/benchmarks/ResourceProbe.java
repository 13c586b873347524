package io.github.localserver.benchmarks;

import io.github.localserver.LocalHttpServer;
import io.github.localserver.internal.BenchmarkAccess;
import java.lang.management.ManagementFactory;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Resources one server kind holds, measured in a JVM of its own (one per kind, so that nothing
 * else's threads or heap are counted). Prints {@code key=value} lines for {@link RunBenchmarks}.
 *
 * <ul>
 *   <li>{@code threadsPerServer}, {@code heapPerServerKb}: live threads and used heap (after GC)
 *       before and after starting {@value #SERVERS} servers that each answered one request, divided
 *       by {@value #SERVERS}. For LocalServer, servers taken from one pool at once. {@code
 *       threadsPerIdleServer}: the threads again, 3 s later.
 *   <li>{@code threadsLeft}, {@code threadsLeftNames}: live threads after closing them all (and the
 *       pool), less the threads before: what would leak.
 *   <li>{@code heapMb@N}: used heap after GC once one server has answered N requests (4 client
 *       threads); raw WireMock and MockWebServer keep every request, LocalServer the last
 *       10,000.
 *   <li>{@code httpsFirstMs}, {@code httpsSecondMs}, {@code sameCertificate} (LocalServer only):
 *       the first and second HTTPS start and first request in this JVM, and whether both servers
 *       presented the same certificate (it is made once per JVM).
 * </ul>
 *
 * <p>Arguments: the kind, and the number of requests of the sustained load.
 */
public final class ResourceProbe {

  static final int SERVERS = 10;
  private static final int CLIENT_THREADS = 4;
  private static final int SAMPLES = 4;

  /** Longer than LocalServer's Jetty idle timeout (2 s); WireMock's (60 s) is not waited for. */
  private static final long IDLE_MILLIS = 3_000;

  private ResourceProbe() {}

  public static void main(String[] args) throws Exception {
    String kind = args[0];
    int requests = Integer.parseInt(args[1]);
    OkHttpClient client = Fixtures.client();
    BenchmarkAccess.Starter pool = BenchmarkAccess.starter();
    try (Served warm = Served.start(kind, pool)) {
      Fixtures.get(client, warm.url()); // load the classes, start the client's shared threads
    }
    if (kind.equals(Served.LOCALSERVER)) {
      pool.close(); // the warm-up engine waits in the pool; count from an empty one
      pool = BenchmarkAccess.starter();
    }
    client.connectionPool().evictAll();
    int threadsBefore = settledThreadCount();
    Map<String, Integer> namesBefore = threadNames();
    long heapBefore = usedHeapAfterGc();
    List<Served> servers = new ArrayList<>();
    for (int i = 0; i < SERVERS; i++) {
      Served served = Served.start(kind, pool);
      Fixtures.get(client, served.url());
      servers.add(served);
    }
    client.connectionPool().evictAll();
    int threadsWith = settledThreadCount();
    long heapWith = usedHeapAfterGc();
    print("threadsPerServer", (threadsWith - threadsBefore) / (double) SERVERS);
    print("heapPerServerKb", (heapWith - heapBefore) / 1024.0 / SERVERS);
    Thread.sleep(IDLE_MILLIS); // threads a request started end after their pool's idle timeout
    print("threadsPerIdleServer", (settledThreadCount() - threadsBefore) / (double) SERVERS);
    for (Served served : servers) {
      served.close();
    }
    pool.close();
    print("threadsLeft", settledThreadCount() - threadsBefore);
    List<String> left = new ArrayList<>();
    threadNames().forEach((name, count) -> {
      if (count > namesBefore.getOrDefault(name, 0)) {
        left.add(name + " x" + (count - namesBefore.getOrDefault(name, 0)));
      }
    });
    System.out.println("threadsLeftNames=" + String.join("; ", left));

    pool = BenchmarkAccess.starter();
    try (Served served = Served.start(kind, pool)) {
      sustainedLoad(served, client, requests);
    }
    pool.close();

    if (kind.equals(Served.LOCALSERVER)) {
      https();
    }
    System.exit(0);
  }

  private static void sustainedLoad(Served served, OkHttpClient client, int requests) throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(CLIENT_THREADS);
    try {
      print("heapMb@0", usedHeapAfterGc() / 1048576.0);
      AtomicInteger sent = new AtomicInteger();
      long start = System.nanoTime();
      for (int sample = 1; sample <= SAMPLES; sample++) {
        int target = requests * sample / SAMPLES;
        List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < CLIENT_THREADS; t++) {
          work.add(
              threads.submit(
                  () -> {
                    while (sent.getAndIncrement() < target) {
                      Fixtures.get(client, served.url());
                    }
                    return null;
                  }));
        }
        for (Future<?> future : work) {
          future.get();
        }
        sent.set(target);
        print("heapMb@" + target, usedHeapAfterGc() / 1048576.0);
      }
      print("loadRequestsPerSecond", requests / ((System.nanoTime() - start) / 1e9));
    } finally {
      threads.shutdownNow();
    }
  }

  private static void https() {
    long start = System.nanoTime();
    LocalHttpServer first = BenchmarkAccess.startFresh(true);
    Certificate firstCertificate = presented(first);
    long between = System.nanoTime();
    LocalHttpServer second = BenchmarkAccess.startFresh(true);
    Certificate secondCertificate = presented(second);
    long end = System.nanoTime();
    BenchmarkAccess.close(first);
    BenchmarkAccess.close(second);
    print("httpsFirstMs", (between - start) / 1e6);
    print("httpsSecondMs", (end - between) / 1e6);
    System.out.println("sameCertificate=" + firstCertificate.equals(secondCertificate));
  }

  /** The certificate a server presents, through the client it injects (which trusts it). */
  private static Certificate presented(LocalHttpServer server) {
    try (Response response = server.client().newCall(new Request.Builder().url(server.url("/")).build()).execute()) {
      return response.handshake().peerCertificates().get(0);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static int settledThreadCount() throws InterruptedException {
    // Threads end (or start) a little after the call that asked for it: wait until the count has
    // held still for half a second, up to 5 seconds.
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

  /** Live threads by name, with how many have it. */
  private static Map<String, Integer> threadNames() {
    Map<String, Integer> names = new TreeMap<>();
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      names.merge(thread.getName(), 1, Integer::sum);
    }
    return names;
  }

  private static long usedHeapAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(50);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static void print(String key, double value) {
    System.out.println(key + "=" + String.format(Locale.ROOT, "%.2f", value));
  }
}

package io.github.localserver.benchmarks;

import io.github.localserver.internal.BenchmarkAccess;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Requests a server answers: {@code GET /hello}, {@code 200 hello}, from 1 and from 8 client
 * threads sharing one OkHttp client (HTTP/1.1, pooled keep-alive connections). Measured as
 * throughput (requests per second) and as sampled latency (percentiles), in separate runs.
 *
 * <p>Each server's request journal is emptied before every iteration, as a reset between tests
 * would: an unbounded journal (raw WireMock's and MockWebServer's) growing for minutes is measured
 * by the heap probe, not here. Client and server share the machine's cores.
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.SECONDS)
@BenchmarkMode(Mode.Throughput)
public class ThroughputBenchmark {

  @Param({Served.WIREMOCK, Served.MOCKWEBSERVER, Served.MOCKWEBSERVER_NODELAY, Served.LOCALSERVER})
  public String server;

  private BenchmarkAccess.Starter pool;
  private Served served;
  private OkHttpClient client;
  private HttpUrl url;

  @Setup(Level.Trial)
  public void setUp() {
    pool = BenchmarkAccess.starter();
    served = Served.start(server, pool);
    client = Fixtures.client();
    url = served.url();
    int status = Fixtures.get(client, url);
    if (status != 200) {
      throw new IllegalStateException(server + " answered " + url + " with " + status);
    }
  }

  @Setup(Level.Iteration)
  public void clearJournal() {
    served.clearJournal();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    client.connectionPool().evictAll();
    try {
      served.close();
    } finally {
      pool.close();
    }
  }

  @Benchmark
  @Threads(1)
  public int oneThread() {
    return Fixtures.get(client, url);
  }

  @Benchmark
  @Threads(8)
  public int eightThreads() {
    return Fixtures.get(client, url);
  }
}

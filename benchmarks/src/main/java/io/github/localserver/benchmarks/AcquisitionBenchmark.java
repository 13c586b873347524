package io.github.localserver.benchmarks;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.localserver.LocalHttpServer;
import io.github.localserver.internal.BenchmarkAccess;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What a test class pays to get its server and give it back, with no request in between.
 *
 * <ul>
 *   <li>{@code wireMock}: {@code new WireMockServer(...)}, {@code start()}, {@code stop()}, what
 *       {@code @WireMockTest} does for every class;
 *   <li>{@code mockWebServer}: {@code start()} and {@code close()}, what {@code @StartStop} does
 *       for every test (MockWebServer is idiomatically a server per test);
 *   <li>{@code localServerSpare}: {@code ServerStarter.acquire} and {@code RunningServer.close}
 *       with the spare ready, what {@code @LocalServer} puts on a later class's critical path: the
 *       acquire takes the server started ahead (and sets the next spare starting in the
 *       background), the close stops the class's server. Before each call, untimed, the benchmark
 *       waits {@value #SPARE_START_MS} ms for the background start, as a class's tests would give
 *       it; a call that finds the spare not ready yet waits for it, and shows in the spread;
 *   <li>{@code localServerFresh}: an unpooled start and stop, what the first class pays.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AcquisitionBenchmark {

  private BenchmarkAccess.Starter pool;

  @Setup
  public void setUp() {
    pool = BenchmarkAccess.starter();
    BenchmarkAccess.close(pool.acquire(false)); // the first class: a spare is now starting in the background
  }

  @TearDown
  public void tearDown() {
    pool.close();
  }

  @Benchmark
  public int wireMock() {
    WireMockServer server = Fixtures.wireMock();
    server.start();
    try {
      return server.port();
    } finally {
      server.stop();
    }
  }

  @Benchmark
  public int mockWebServer() {
    MockWebServer server = Fixtures.mockWebServer();
    try {
      return server.getPort();
    } finally {
      server.close();
    }
  }

  /** How long, untimed, the spare gets to start before each {@code localServerSpare} call. */
  static final int SPARE_START_MS = 50;

  /** Gives the spare its time to start, before each call and outside the measurement. */
  @State(Scope.Thread)
  public static class SpareReady {
    LocalHttpServer taken;

    @Setup(Level.Invocation)
    public void letTheSpareStart() throws InterruptedException {
      Thread.sleep(SPARE_START_MS);
    }

    /** For {@code localServerTakeSpare}: the close, untimed. */
    @TearDown(Level.Invocation)
    public void closeTaken() {
      if (taken != null) {
        BenchmarkAccess.close(taken);
        taken = null;
      }
    }
  }

  /** The acquire alone: taking the spare (the close is {@code localServerSpare} minus this). */
  @Benchmark
  public int localServerTakeSpare(SpareReady ready) {
    ready.taken = pool.acquire(false);
    return ready.taken.port();
  }

  @Benchmark
  public int localServerSpare(SpareReady ready) {
    LocalHttpServer server = pool.acquire(false);
    try {
      return server.port();
    } finally {
      BenchmarkAccess.close(server);
    }
  }

  @Benchmark
  public int localServerFresh() {
    LocalHttpServer server = BenchmarkAccess.startFresh(false);
    try {
      return server.port();
    } finally {
      BenchmarkAccess.close(server);
    }
  }
}

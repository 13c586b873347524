package io.github.localserver.benchmarks;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.localserver.LocalHttpServer;
import io.github.localserver.internal.BenchmarkAccess;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import okhttp3.Request;
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
 * What a test class pays to get its server and give it back.
 *
 * <ul>
 *   <li>{@code wireMock}: {@code new WireMockServer(...)}, {@code start()}, {@code stop()}, what
 *       {@code @WireMockTest} does for every class;
 *   <li>{@code mockWebServer}: {@code start()} and {@code close()}, what {@code @StartStop} does
 *       for every test (MockWebServer is idiomatically a server per test);
 *   <li>{@code localServerTakeSpare} and {@code localServerCloseAfterTests}: what {@code
 *       @LocalServer} puts on a later class's critical path, each measured alone, as in a suite:
 *       taking the server started ahead (which sets the next spare starting in the background),
 *       right after a previous class (take, {@value #TESTS_MS} ms of requests, close) ran; and
 *       closing the class's server after {@value #TESTS_MS} ms of its requests, during which the
 *       next spare started. A take that finds the spare not ready waits for it, and shows;
 *   <li>{@code localServerSpare}: take and close back to back after {@value #TESTS_MS} ms idle, a
 *       class with no tests: its close then competes with the next spare's start for the cores;
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

  /**
   * How long, untimed, a class's tests run before the measured take or close: longer than a spare
   * takes to start in the background meanwhile.
   */
  static final int TESTS_MS = 30;

  /**
   * What a class's tests do between its take and its close, untimed: requests to its server for
   * {@value #TESTS_MS} ms, keeping the cores as busy as tests would while the next spare starts.
   */
  static void runTests(LocalHttpServer server) throws IOException {
    server.stubFor(get("/tests").willReturn(ok()));
    Request request = new Request.Builder().url(server.url("/tests")).build();
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TESTS_MS);
    while (System.nanoTime() < end) {
      server.client().newCall(request).execute().close();
    }
  }

  /** Before each take, untimed: a whole class (take, tests, close), as the one before it in a suite. */
  @State(Scope.Thread)
  public static class PreviousClassRan {
    LocalHttpServer taken;

    @Setup(Level.Invocation)
    public void runThePreviousClass(AcquisitionBenchmark benchmark) throws IOException {
      LocalHttpServer previous = benchmark.pool.acquire(false);
      runTests(previous);
      BenchmarkAccess.close(previous);
    }

    /** The taken server's close, untimed. */
    @TearDown(Level.Invocation)
    public void closeTaken() {
      if (taken != null) {
        BenchmarkAccess.close(taken);
        taken = null;
      }
    }
  }

  /** The take alone: a class after the first gets the spare (the close is the next benchmark). */
  @Benchmark
  public int localServerTakeSpare(PreviousClassRan previous) {
    previous.taken = pool.acquire(false);
    return previous.taken.port();
  }

  /** Before each close, untimed: the class's server taken, and its tests run. */
  @State(Scope.Thread)
  public static class TestsRan {
    LocalHttpServer server;

    @Setup(Level.Invocation)
    public void takeAndRunTheTests(AcquisitionBenchmark benchmark) throws IOException {
      server = benchmark.pool.acquire(false);
      runTests(server);
    }
  }

  /** The close alone, at the end of a class whose tests ran while the next spare started. */
  @Benchmark
  public void localServerCloseAfterTests(TestsRan ran) {
    BenchmarkAccess.close(ran.server);
  }

  /** Before each back-to-back take and close, untimed: time for the spare to start. */
  @State(Scope.Thread)
  public static class SpareReady {
    @Setup(Level.Invocation)
    public void letTheSpareStart() throws InterruptedException {
      Thread.sleep(TESTS_MS);
    }
  }

  /**
   * Take and close back to back: a class with no tests, whose close competes with the next spare's
   * start (begun by the take) for the machine's cores.
   */
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

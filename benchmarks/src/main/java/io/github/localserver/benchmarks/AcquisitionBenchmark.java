package io.github.localserver.benchmarks;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.localserver.internal.RunningServer;
import io.github.localserver.internal.ServerStarter;
import io.github.localserver.internal.ServerSettings;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
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
 *   <li>{@code localServerPooled}: {@code ServerStarter.acquire} and {@code RunningServer.close}
 *       after the first class, what {@code @LocalServer} does for every later class: the close
 *       cleans the engine completely (stubs, journal, scenarios, global settings, client
 *       connections) and hands it back, the acquire takes it;
 *   <li>{@code localServerFresh}: an unpooled start and stop, what the first class pays.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AcquisitionBenchmark {

  private ServerStarter pool;
  private ServerSettings settings;

  @Setup
  public void setUp() {
    pool = ServerStarter.create(false);
    settings = Fixtures.settings(false);
    pool.acquire(settings).close(); // the first class: the pool now holds one idle engine
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

  @Benchmark
  public int localServerPooled() {
    RunningServer server = pool.acquire(settings);
    try {
      return server.port();
    } finally {
      server.close();
    }
  }

  @Benchmark
  public int localServerFresh() {
    RunningServer server = RunningServer.start(settings);
    try {
      return server.port();
    } finally {
      server.close();
    }
  }
}

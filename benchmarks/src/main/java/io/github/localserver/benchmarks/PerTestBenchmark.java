package io.github.localserver.benchmarks;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.github.localserver.LocalHttpServer;
import io.github.localserver.internal.BenchmarkAccess;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What isolating one test from the next costs on a server shared by a class.
 *
 * <ul>
 *   <li>raw WireMock: {@code resetAll()}, which is {@code resetToDefaultMappings()}: drop every
 *       stub, empty the request journal, load the mapping source's stubs again (the default file
 *       source: {@code src/test/resources/mappings}, absent here). {@code @WireMockTest} calls
 *       the same before each test. Scenarios and global settings are left as they were.
 *   <li>LocalServer: {@code enterTest} and {@code leaveTest}, what happens around every test of a
 *       {@code PER_CLASS} server: take the server's one permit (tests of a class take turns, even
 *       in parallel runs), make sure it listens, restore the class baseline (drop every stub, add
 *       the baseline's stubs again, empty the journal, restart scenarios and sequences, restore
 *       global settings), then give the permit back.
 * </ul>
 *
 * <p>The {@code *Clean} pair resets a server that no test touched; the {@code *AfterStub} pair
 * registers one stub first (the same call on both, since LocalServer's {@code stubFor} is
 * WireMock's), so that there is something to undo.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PerTestBenchmark {

  /** A test's class contexts, innermost first, as JUnit's unique ids. */
  private static final String TEST_ID = "[engine:junit-jupiter]/[class:Bench]/[method:test()]";
  private static final List<String> CLASS_IDS = List.of("[engine:junit-jupiter]/[class:example.OrdersTest]");

  private WireMockServer wireMock;
  private BenchmarkAccess.Starter pool;
  private LocalHttpServer server;

  @Setup
  public void setUp() {
    wireMock = Fixtures.wireMock();
    wireMock.start();
    pool = BenchmarkAccess.starter();
    server = pool.acquire(false);
  }

  @TearDown
  public void tearDown() {
    try {
      BenchmarkAccess.close(server);
      pool.close();
    } finally {
      wireMock.stop();
    }
  }

  private static MappingBuilder stub() {
    return get(urlEqualTo("/orders/1")).willReturn(okJson("{\"id\":1}"));
  }

  @Benchmark
  public void wireMockResetAllClean() {
    wireMock.resetAll();
  }

  @Benchmark
  public void localServerTurnClean() {
    BenchmarkAccess.enterTest(server, TEST_ID, CLASS_IDS);
    BenchmarkAccess.leaveTest(server, TEST_ID);
  }

  @Benchmark
  public StubMapping wireMockResetAllAfterStub() {
    StubMapping stub = wireMock.stubFor(stub());
    wireMock.resetAll();
    return stub;
  }

  @Benchmark
  public StubMapping localServerTurnAfterStub() {
    BenchmarkAccess.enterTest(server, TEST_ID, CLASS_IDS);
    StubMapping stub = server.stubFor(stub());
    BenchmarkAccess.leaveTest(server, TEST_ID);
    return stub;
  }
}

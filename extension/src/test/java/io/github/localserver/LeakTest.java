package io.github.localserver;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Callback;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * "No server, thread or port outlives its scope, whatever the test did": fixtures pass, fail,
 * abort, throw in every lifecycle method and in the constructor, and leave connections open, on
 * HTTP and HTTPS servers of every lifecycle. Once the run is over, every port they reported
 * refuses connections and no thread they started is left.
 *
 * <p>Isolated: it compares the JVM's threads before and after, so nothing else may run meanwhile.
 */
@Isolated
class LeakTest {

  /** Long enough that a server waiting for the response before stopping shows as a hang. */
  private static final int RESPONSE_DELAY_MILLIS = 60_000;

  private static final Duration THREADS_DEADLINE = Duration.ofSeconds(30);

  /** Threads that belong to the JVM, to the build or to OkHttp's process-wide watchdog. */
  private static final Pattern SHARED_THREAD =
      Pattern.compile(
          "Okio Watchdog|Common-Cleaner|process reaper|Attach Listener"
              + "|Signal Dispatcher|Finalizer|Reference Handler|surefire-.*");

  private static final List<Class<?>> FIXTURES =
      List.of(
          PerClassOutcomesTestCase.class,
          PerMethodOutcomesTestCase.class,
          MethodLevelOutcomesTestCase.class,
          PerClassConstructorThrowsTestCase.class,
          PerMethodConstructorThrowsTestCase.class,
          MethodLevelConstructorThrowsTestCase.class,
          PerClassBeforeAllThrowsTestCase.class,
          PerMethodBeforeAllThrowsTestCase.class);

  @Test
  void nothingOutlivesFixturesRunOneAfterAnother() {
    Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
    List<String> ports = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    long started = System.nanoTime();
    for (Class<?> fixture : FIXTURES) {
      EngineExecutionResults results = LocalServerTestKit.run(fixture);
      ports.addAll(LocalServerTestKit.reported(results, "port"));
      failures.addAll(failureMessages(results));
      assertOutcome(fixture, results);
    }
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(failures).containsExactlyInAnyOrderElementsOf(expectedFailures(FIXTURES));
    assertRefused(ports);
    assertNoThreadOrSocketLeft(before, ports);
    assertThat(took).as("servers stop without waiting for pending responses").isLessThan(Duration.ofMillis(RESPONSE_DELAY_MILLIS));
  }

  @Test
  void nothingOutlivesFixturesRunInParallel() {
    Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
    long started = System.nanoTime();
    EngineExecutionResults results = LocalServerTestKit.runParallel(4, FIXTURES.toArray(new Class<?>[0]));
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(results.testEvents().started().count()).as(LocalServerTestKit.describe(results)).isEqualTo(3 * 6 + 3 * 1);
    assertThat(results.testEvents().succeeded().count()).as(LocalServerTestKit.describe(results)).isEqualTo(3 * 2);
    assertThat(results.testEvents().aborted().count()).as(LocalServerTestKit.describe(results)).isEqualTo(3);
    assertThat(failureMessages(results)).containsExactlyInAnyOrderElementsOf(expectedFailures(FIXTURES));
    List<String> ports = LocalServerTestKit.reported(results, "port");
    assertRefused(ports);
    assertNoThreadOrSocketLeft(before, ports);
    assertThat(took).as("servers stop without waiting for pending responses").isLessThan(Duration.ofMillis(RESPONSE_DELAY_MILLIS));
  }

  /**
   * A server's OkHttpClient holds nothing once the server is closed: a call still in flight when
   * its test ends must not leave its connection pooled, and its dispatcher is shut down. (While
   * the client spoke HTTP/2, such a connection went back to the pool after close had evicted it,
   * and stayed a minute, keeping one of OkHttp's shared task-runner threads waiting on it.)
   */
  @Test
  void aClosedServersClientKeepsNoConnection() {
    EngineExecutionResults results = LocalServerTestKit.run(ClientsAfterCloseTestCase.class);

    assertThat(results.testEvents().succeeded().count()).as(LocalServerTestKit.describe(results)).isEqualTo(4);
    assertThat(results.allEvents().failed().count()).as(LocalServerTestKit.describe(results)).isZero();
    assertThat(LocalServerTestKit.reported(results, "connections after close"))
        .as("pooled connections of each closed server's OkHttpClient")
        .containsExactly("plain 0", "secure 0", "plain 0", "secure 0", "plain 0", "secure 0", "plain 0", "secure 0");
  }

  // ---- expectations --------------------------------------------------------------------------

  private static void assertOutcome(Class<?> fixture, EngineExecutionResults results) {
    String account = fixture.getSimpleName() + "\n" + LocalServerTestKit.describe(results);
    if (Outcomes.class.isAssignableFrom(fixture) || fixture == MethodLevelOutcomesTestCase.class) {
      assertThat(results.testEvents().started().count()).as(account).isEqualTo(6);
      assertThat(results.testEvents().succeeded().count()).as(account).isEqualTo(2);
      assertThat(results.testEvents().failed().count()).as(account).isEqualTo(3);
      assertThat(results.testEvents().aborted().count()).as(account).isEqualTo(1);
      assertThat(results.containerEvents().failed().count()).as(account).isEqualTo(1);
    } else if (fixture.getSimpleName().contains("ConstructorThrows")) {
      assertThat(results.testEvents().failed().count()).as(account).isEqualTo(1);
      assertThat(results.containerEvents().failed().count()).as(account).isZero();
    } else {
      assertThat(results.testEvents().started().count()).as(account).isZero();
      assertThat(results.containerEvents().failed().count()).as(account).isEqualTo(1);
    }
  }

  private static List<String> expectedFailures(List<Class<?>> fixtures) {
    List<String> expected = new ArrayList<>();
    for (Class<?> fixture : fixtures) {
      if (Outcomes.class.isAssignableFrom(fixture) || fixture == MethodLevelOutcomesTestCase.class) {
        expected.addAll(
            List.of(
                "IllegalStateException: failed on purpose",
                "IllegalStateException: thrown in @BeforeEach",
                "IllegalStateException: thrown in @AfterEach",
                "IllegalStateException: thrown in @AfterAll"));
      } else if (fixture.getSimpleName().contains("ConstructorThrows")) {
        expected.add("IllegalStateException: thrown in the constructor");
      } else {
        expected.add("IllegalStateException: thrown in @BeforeAll");
      }
    }
    return expected;
  }

  /** Failures of tests and containers, each with its suppressed exceptions (a failed close shows). */
  private static List<String> failureMessages(EngineExecutionResults results) {
    return results.allEvents().failed().stream()
        .map(LocalServerTestKit::failure)
        .map(LeakTest::describe)
        .collect(Collectors.toList());
  }

  private static String describe(Throwable failure) {
    String text = failure.getClass().getSimpleName() + ": " + failure.getMessage();
    for (Throwable suppressed : failure.getSuppressed()) {
      text += " [suppressed " + suppressed + "]";
    }
    return text;
  }

  // ---- checks --------------------------------------------------------------------------------

  /**
   * Each fixture has two servers and reports both ports: once per test in the three Outcomes
   * fixtures (six tests; the PER_CLASS one reports the same two ports six times), once in each
   * constructor fixture and in the PER_CLASS {@code @BeforeAll} fixture, never in its PER_METHOD
   * twin (nothing starts there).
   */
  private static final int REPORTED_PORTS = 2 * (3 * 6 + 3 * 1 + 1);

  private static void assertRefused(List<String> reportedPorts) {
    assertThat(reportedPorts).as("ports the fixtures reported").hasSize(REPORTED_PORTS);
    Set<Integer> ports = reportedPorts.stream().map(Integer::valueOf).collect(Collectors.toCollection(TreeSet::new));
    for (int port : ports) {
      assertThatThrownBy(() -> connect(port))
          .as("connecting to 127.0.0.1:%d after the run", port)
          .isInstanceOf(ConnectException.class);
    }
  }

  private static void connect(int port) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), port), 2_000);
    }
  }

  /**
   * Waits until every thread started since {@code before} has ended, but for shared ones, and
   * until this JVM holds no socket (listening or connected, at either end) on a reported port.
   *
   * <p>System.gc() while waiting: on Java 17 a JDK HttpClient cannot be shut down (shutdownNow()
   * came in 21); its selector thread and its connections end once the client is unreachable.
   * Collecting garbage lets that happen when the extension dropped every reference to its client;
   * a client it kept would keep its thread, and this check fails. It also closes the raw socket a
   * fixture left open on purpose.
   */
  private static void assertNoThreadOrSocketLeft(Set<Thread> before, List<String> reportedPorts) {
    Set<Integer> ports = reportedPorts.stream().map(Integer::valueOf).collect(Collectors.toSet());
    long deadline = System.nanoTime() + THREADS_DEADLINE.toNanos();
    List<Thread> threads = leftOver(before);
    List<String> sockets = OwnSockets.on(ports);
    while ((!threads.isEmpty() || !sockets.isEmpty()) && System.nanoTime() < deadline) {
      System.gc();
      pause();
      threads = leftOver(before);
      sockets = OwnSockets.on(ports);
    }
    assertThat(sockets)
        .as("this JVM's sockets on the servers' ports %ds after the run", THREADS_DEADLINE.toSeconds())
        .isEmpty();
    if (!threads.isEmpty()) {
      fail(
          "Threads still alive " + THREADS_DEADLINE.toSeconds() + "s after the run:\n"
              + threads.stream().map(LeakTest::describe).collect(Collectors.joining("\n")));
    }
  }

  private static List<Thread> leftOver(Set<Thread> before) {
    String ownPool = ownPoolPrefix();
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> !before.contains(t))
        .filter(Thread::isAlive)
        .filter(t -> !SHARED_THREAD.matcher(t.getName()).matches())
        .filter(t -> !isIdleTaskRunner(t))
        .filter(t -> ownPool.isEmpty() || !t.getName().startsWith(ownPool))
        .collect(Collectors.toList());
  }

  /**
   * OkHttp's process-wide task runner (shared by every OkHttp client in the JVM; its threads idle
   * out after a minute) while it waits for work: idle in its pool (then named "OkHttp TaskRunner")
   * or coordinating, that is waiting for the next scheduled task of any client (then still named
   * after the last task it ran). A runner thread doing work, such as reading an HTTP/2 connection,
   * is not excused. Whether a server's client left work scheduled is checked by {@link
   * #aClosedServersClientKeepsNoConnection()}.
   */
  private static boolean isIdleTaskRunner(Thread thread) {
    StackTraceElement[] stack = thread.getStackTrace();
    boolean runner = Arrays.stream(stack).anyMatch(f -> f.getClassName().startsWith("okhttp3.internal.concurrent.TaskRunner"));
    boolean coordinating = Arrays.stream(stack).anyMatch(f -> f.getMethodName().equals("coordinatorWait"));
    return (thread.getName().equals("OkHttp TaskRunner") && !runner) || (runner && coordinating);
  }

  /** This suite's own fork-join pool (it may add workers meanwhile), e.g. "ForkJoinPool-1-". */
  private static String ownPoolPrefix() {
    String name = Thread.currentThread().getName();
    int worker = name.indexOf("worker-");
    return name.startsWith("ForkJoinPool-") && worker > 0 ? name.substring(0, worker) : "";
  }

  private static String describe(Thread thread) {
    return "  " + thread.getName() + Arrays.stream(thread.getStackTrace()).limit(8).map(f -> "\n      at " + f).collect(Collectors.joining());
  }

  private static void pause() {
    try {
      TimeUnit.MILLISECONDS.sleep(50); // one poll interval
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** Waits a while for the condition; the caller then asserts the outcome. */
  private static void awaitQuietly(BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      pause();
    }
  }

  private static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("timed out waiting until " + what);
      }
      pause();
    }
  }

  /**
   * This JVM's TCP sockets, read from Linux's /proc: those in /proc/net/tcp{,6} whose inode is one
   * of /proc/self/fd. Elsewhere the list is empty and only the port and thread checks apply.
   */
  private static final class OwnSockets {
    private static final Path FDS = Path.of("/proc/self/fd");
    private static final String TIME_WAIT = "06"; // owned by the kernel, not by any process

    static List<String> on(Set<Integer> ports) {
      if (!Files.isReadable(FDS)) {
        return List.of();
      }
      Set<String> inodes = inodes();
      List<String> found = new ArrayList<>();
      for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
        for (String line : lines(Path.of(table))) {
          String[] fields = line.trim().split("\\s+");
          if (fields.length < 10 || !fields[0].endsWith(":") || fields[3].equals(TIME_WAIT) || !inodes.contains(fields[9])) {
            continue;
          }
          int local = port(fields[1]);
          int remote = port(fields[2]);
          if (ports.contains(local) || ports.contains(remote)) {
            found.add(table + " local port " + local + ", remote port " + remote + ", state " + fields[3]);
          }
        }
      }
      return found;
    }

    private static int port(String address) {
      return Integer.parseInt(address.substring(address.indexOf(':') + 1), 16);
    }

    private static Set<String> inodes() {
      Set<String> inodes = new HashSet<>();
      try (DirectoryStream<Path> fds = Files.newDirectoryStream(FDS)) {
        for (Path fd : fds) {
          try {
            String target = Files.readSymbolicLink(fd).toString();
            if (target.startsWith("socket:[")) {
              inodes.add(target.substring("socket:[".length(), target.length() - 1));
            }
          } catch (IOException e) {
            // closed meanwhile
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return inodes;
    }

    private static List<String> lines(Path table) {
      try {
        return Files.isReadable(table) ? Files.readAllLines(table) : List.of();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  // ---- what the fixtures do ------------------------------------------------------------------

  private static void reportPorts(TestReporter reporter, LocalHttpServer... servers) {
    for (LocalHttpServer server : servers) {
      reporter.publishEntry("port", String.valueOf(server.port()));
    }
  }

  /** A request to each server with each client: their connections stay pooled (keep-alive). */
  private static void call(LocalHttpServer... servers) throws Exception {
    for (LocalHttpServer server : servers) {
      server.stubFor(get("/ping").willReturn(ok("pong")));
      try (Response response = server.client().newCall(new Request.Builder().url(server.url("/ping")).build()).execute()) {
        assertThat(response.body().string()).isEqualTo("pong");
      }
      HttpResponse<String> response =
          server.httpClient().send(HttpRequest.newBuilder(server.uri("/ping")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.body()).isEqualTo("pong");
    }
  }

  /**
   * Leaves work in flight when the test ends: pooled keep-alive connections of both clients, a
   * request on each client whose response is not due for a minute, and a raw connection that sent
   * half a request. The raw socket is left open on purpose, as a careless test would.
   */
  @SuppressWarnings("resource")
  private static void leaveConnectionsOpen(LocalHttpServer plain, LocalHttpServer secure) throws Exception {
    call(plain, secure);
    for (LocalHttpServer server : List.of(plain, secure)) {
      server.stubFor(get("/slow").willReturn(ok("late").withFixedDelay(RESPONSE_DELAY_MILLIS)));
      server.client().newCall(new Request.Builder().url(server.url("/slow")).build()).enqueue(IGNORED);
      server.httpClient().sendAsync(HttpRequest.newBuilder(server.uri("/slow")).build(), HttpResponse.BodyHandlers.discarding());
      await(server + " received both slow requests", () -> server.requests().size() == 2 + 2);
    }
    Socket halfSent = new Socket();
    halfSent.connect(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), plain.port()), 2_000);
    OutputStream out = halfSent.getOutputStream();
    out.write("GET /ping HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  private static final Callback IGNORED =
      new Callback() {
        @Override
        public void onFailure(Call call, IOException e) {}

        @Override
        public void onResponse(Call call, Response response) {
          response.close();
        }
      };

  private static boolean is(TestInfo info, String method) {
    return info.getTestMethod().orElseThrow().getName().equals(method);
  }

  // ---- fixtures ------------------------------------------------------------------------------

  /** Every way a test can end, and an {@code @AfterAll} that throws. */
  abstract static class Outcomes {
    @BeforeEach
    void before(@Server("plain") LocalHttpServer plain, @Server("secure") LocalHttpServer secure, TestInfo info, TestReporter reporter) {
      reportPorts(reporter, plain, secure);
      if (is(info, "beforeEachThrows")) {
        throw new IllegalStateException("thrown in @BeforeEach");
      }
    }

    @AfterEach
    void after(TestInfo info) {
      if (is(info, "afterEachThrows")) {
        throw new IllegalStateException("thrown in @AfterEach");
      }
    }

    @AfterAll
    static void afterAll() {
      throw new IllegalStateException("thrown in @AfterAll");
    }

    @Test
    void passes(@Server("plain") LocalHttpServer plain, @Server("secure") LocalHttpServer secure) throws Exception {
      call(plain, secure);
    }

    @Test
    void fails(@Server("plain") LocalHttpServer plain, @Server("secure") LocalHttpServer secure) throws Exception {
      call(plain, secure);
      throw new IllegalStateException("failed on purpose");
    }

    @Test
    void aborts(@Server("plain") LocalHttpServer plain, @Server("secure") LocalHttpServer secure) throws Exception {
      call(plain, secure);
      Assumptions.assumeTrue(false, "aborted on purpose");
    }

    @Test
    void beforeEachThrows() {}

    @Test
    void afterEachThrows(@Server("plain") LocalHttpServer plain, @Server("secure") LocalHttpServer secure) throws Exception {
      call(plain, secure);
    }

    @Test
    void leavesConnectionsOpen(@Server("plain") LocalHttpServer plain, @Server("secure") LocalHttpServer secure) throws Exception {
      leaveConnectionsOpen(plain, secure);
    }
  }

  @LocalServer(name = "plain")
  @LocalServer(name = "secure", https = true)
  static class PerClassOutcomesTestCase extends Outcomes {}

  @LocalServer(name = "plain", lifecycle = Lifecycle.PER_METHOD)
  @LocalServer(name = "secure", https = true, lifecycle = Lifecycle.PER_METHOD)
  static class PerMethodOutcomesTestCase extends Outcomes {}

  /** Two servers, declared on a test method. */
  @Target(ElementType.METHOD)
  @Retention(RetentionPolicy.RUNTIME)
  @LocalServer(name = "plain")
  @LocalServer(name = "secure", https = true)
  @interface TwoServers {}

  static class MethodLevelOutcomesTestCase {
    @BeforeEach
    void before(@Server("plain") LocalHttpServer plain, @Server("secure") LocalHttpServer secure, TestInfo info, TestReporter reporter) {
      reportPorts(reporter, plain, secure);
      if (is(info, "beforeEachThrows")) {
        throw new IllegalStateException("thrown in @BeforeEach");
      }
    }

    @AfterEach
    void after(TestInfo info) {
      if (is(info, "afterEachThrows")) {
        throw new IllegalStateException("thrown in @AfterEach");
      }
    }

    @AfterAll
    static void afterAll() {
      throw new IllegalStateException("thrown in @AfterAll");
    }

    @Test
    @TwoServers
    void passes(@Server("plain") LocalHttpServer plain, @Server("secure") LocalHttpServer secure) throws Exception {
      call(plain, secure);
    }

    @Test
    @TwoServers
    void fails(@Server("plain") LocalHttpServer plain, @Server("secure") LocalHttpServer secure) throws Exception {
      call(plain, secure);
      throw new IllegalStateException("failed on purpose");
    }

    @Test
    @TwoServers
    void aborts(@Server("plain") LocalHttpServer plain, @Server("secure") LocalHttpServer secure) throws Exception {
      call(plain, secure);
      Assumptions.assumeTrue(false, "aborted on purpose");
    }

    @Test
    @TwoServers
    void beforeEachThrows() {}

    @Test
    @TwoServers
    void afterEachThrows(@Server("plain") LocalHttpServer plain, @Server("secure") LocalHttpServer secure) throws Exception {
      call(plain, secure);
    }

    @Test
    @TwoServers
    void leavesConnectionsOpen(@Server("plain") LocalHttpServer plain, @Server("secure") LocalHttpServer secure) throws Exception {
      leaveConnectionsOpen(plain, secure);
    }
  }

  /** Keeps each test's clients, and looks at them once the per-test servers are closed. */
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  @LocalServer(name = "plain", lifecycle = Lifecycle.PER_METHOD)
  @LocalServer(name = "secure", https = true, lifecycle = Lifecycle.PER_METHOD)
  static class ClientsAfterCloseTestCase {
    private final List<OkHttpClient> plainClients = new ArrayList<>();
    private final List<OkHttpClient> secureClients = new ArrayList<>();

    /** Repeated: whether the connection is pooled again depends on timing. */
    @RepeatedTest(4)
    void leavesConnectionsOpen(@Server("plain") LocalHttpServer plain, @Server("secure") LocalHttpServer secure) throws Exception {
      leaveConnectionsOpen(plain, secure);
      plainClients.add(plain.client());
      secureClients.add(secure.client());
    }

    @AfterAll
    void clientsAreReleased(TestReporter reporter) {
      List<OkHttpClient> all = new ArrayList<>(plainClients);
      all.addAll(secureClients);
      // Each test's server stopped with its test, cancelling its client's calls and dropping its
      // connections. Cancelled calls end on their own threads, hence the wait.
      awaitQuietly(
          () ->
              all.stream()
                  .allMatch(c -> c.dispatcher().runningCallsCount() == 0 && c.connectionPool().connectionCount() == 0));
      for (OkHttpClient client : all) {
        assertThat(client.dispatcher().runningCallsCount()).as("calls still running").isZero();
      }
      for (int i = 0; i < plainClients.size(); i++) {
        reporter.publishEntry("connections after close", "plain " + plainClients.get(i).connectionPool().connectionCount());
        reporter.publishEntry("connections after close", "secure " + secureClients.get(i).connectionPool().connectionCount());
      }
    }
  }

  @LocalServer(name = "plain")
  @LocalServer(name = "secure", https = true)
  static class PerClassConstructorThrowsTestCase {
    PerClassConstructorThrowsTestCase(@ServerPort("plain") int plain, @ServerPort("secure") int secure, TestReporter reporter) {
      reporter.publishEntry("port", String.valueOf(plain));
      reporter.publishEntry("port", String.valueOf(secure));
      throw new IllegalStateException("thrown in the constructor");
    }

    @Test
    void test() {}
  }

  @LocalServer(name = "plain", lifecycle = Lifecycle.PER_METHOD)
  @LocalServer(name = "secure", https = true, lifecycle = Lifecycle.PER_METHOD)
  static class PerMethodConstructorThrowsTestCase {
    PerMethodConstructorThrowsTestCase(@ServerPort("plain") int plain, @ServerPort("secure") int secure, TestReporter reporter) {
      reporter.publishEntry("port", String.valueOf(plain));
      reporter.publishEntry("port", String.valueOf(secure));
      throw new IllegalStateException("thrown in the constructor");
    }

    @Test
    void test() {}
  }

  static class MethodLevelConstructorThrowsTestCase {
    MethodLevelConstructorThrowsTestCase(@ServerPort("plain") int plain, @ServerPort("secure") int secure, TestReporter reporter) {
      reporter.publishEntry("port", String.valueOf(plain));
      reporter.publishEntry("port", String.valueOf(secure));
      throw new IllegalStateException("thrown in the constructor");
    }

    @Test
    @TwoServers
    void test() {}
  }

  @LocalServer(name = "plain")
  @LocalServer(name = "secure", https = true)
  static class PerClassBeforeAllThrowsTestCase {
    @BeforeAll
    static void beforeAll(@ServerPort("plain") int plain, @ServerPort("secure") int secure, TestReporter reporter) {
      reporter.publishEntry("port", String.valueOf(plain));
      reporter.publishEntry("port", String.valueOf(secure));
      throw new IllegalStateException("thrown in @BeforeAll");
    }

    @Test
    void test() {}
  }

  /** Nothing starts: a per-test server does not exist before the first test. */
  @LocalServer(name = "plain", lifecycle = Lifecycle.PER_METHOD)
  @LocalServer(name = "secure", https = true, lifecycle = Lifecycle.PER_METHOD)
  static class PerMethodBeforeAllThrowsTestCase {
    @BeforeAll
    static void beforeAll() {
      throw new IllegalStateException("thrown in @BeforeAll");
    }

    @Test
    void test(@Server("plain") LocalHttpServer plain) {}
  }
}

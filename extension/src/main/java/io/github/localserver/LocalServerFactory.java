package io.github.localserver;

import java.net.InetAddress;

/**
 * Starts local servers of another kind than HTTP (a database, a broker, a mail server), so that
 * they get {@link LocalServer}'s model: bound to a loopback literal, a free port by default,
 * named, {@link Lifecycle#PER_CLASS} or {@link Lifecycle#PER_METHOD}, injected with {@link
 * Server}, {@link ServerUrl} and {@link ServerPort}, reset between tests and closed whatever the
 * tests did.
 *
 * <pre>{@code
 * @LocalServer(name = "db", factory = H2TcpServerFactory.class)
 * class RepositoryTest {
 *   @Test
 *   void stores(@ServerUrl("db") String jdbcUrl, @Server("db") H2TcpServer db) { ... }
 * }
 * }</pre>
 *
 * <p>An implementation needs a public no-argument constructor; one instance serves every server
 * of its declaration, possibly from several threads at once.
 *
 * <h2>Lifecycle</h2>
 * {@link #start} is called when the server's scope begins, {@link #reset} before each test of a
 * {@code PER_CLASS} server (tests of one class take turns on it, as on an HTTP server), {@link
 * #stop} when the scope ends, whether tests passed, failed or aborted. A freshly started server is
 * not reset before the class's {@code @BeforeAll} methods (nothing has touched it yet); a
 * {@code @Nested} class's {@code @BeforeAll} methods see it reset. Since a factory's server has no
 * snapshot, a state set up in {@code @BeforeAll} is not kept for the tests: set it up in {@code
 * @BeforeEach}, or make {@link #reset} restore it.
 *
 * <h2>Parameters</h2>
 * {@code @Server("name") S} (or any supertype of the server's class) injects the server object;
 * {@code @ServerUrl("name")} injects {@link #url} as a {@code String} or {@code java.net.URI};
 * {@code @ServerPort("name")} injects {@link #port}. HTTP-only types ({@link LocalHttpServer},
 * the HTTP clients) are refused with a clear message.
 *
 * <h2>Errors</h2>
 * The attributes {@code https}, {@code mappings} and {@code failOnUnmatched} belong to HTTP
 * servers; setting them with a factory fails. A fixed port already in use fails as for HTTP
 * servers, naming the holder. After {@link #start}, LocalServer checks that the port is not
 * reachable through any non-loopback address of the machine, nor through another 127.x address
 * (127.254.254.254; on Linux all of 127.0.0.0/8 answers), and fails the class if it is, so a
 * factory that binds every interface cannot slip through. An exception from {@link #start} fails
 * the class (or the test, for a per-test server) with the factory's name and the exception; one
 * from {@link #reset} fails the class or test about to use the server; one from {@link #stop} is
 * reported on the scope that ended.
 *
 * <h2>Since</h2>
 * 0.1.0
 *
 * @param <S> the server type that tests receive
 */
public interface LocalServerFactory<S> {

  /**
   * Starts a server listening on exactly this address and port.
   *
   * @param address a loopback address (127.0.0.0/8 or ::1), already validated
   * @param port the port to listen on; {@code 0} asks for a free port chosen by the OS
   * @return the running server
   * @throws Exception when it cannot start; a {@code java.net.BindException} anywhere in the chain
   *     is reported as "port in use"
   */
  S start(InetAddress address, int port) throws Exception;

  /**
   * The port the server listens on.
   *
   * @param server a server this factory started
   * @return the bound port, never {@code 0}
   */
  int port(S server);

  /**
   * What {@code @ServerUrl} injects, for example {@code jdbc:h2:tcp://127.0.0.1:41234/mem:test}.
   *
   * @param server a server this factory started
   * @param host the bound address as it appears in a URL: {@code 127.0.0.1} or {@code [::1]}
   * @return the URL tests receive
   */
  String url(S server, String host);

  /**
   * Brings the server back to a clean state before a test of a {@code PER_CLASS} server; what
   * "clean" means is the factory's to say (truncate tables, purge queues). The previous test may
   * have left the server in any state, stopped included: a server type that can be stopped should
   * be started again here. Also called right after {@link #start}, before {@code @BeforeAll} (see
   * Lifecycle above). Does nothing by default.
   *
   * @param server a server this factory started
   * @throws Exception when the server cannot be made clean; the class or test about to use it fails
   */
  default void reset(S server) throws Exception {}

  /**
   * Stops the server and releases its port and threads.
   *
   * @param server a server this factory started
   * @throws Exception when it cannot stop; reported on the scope that ended
   */
  void stop(S server) throws Exception;
}

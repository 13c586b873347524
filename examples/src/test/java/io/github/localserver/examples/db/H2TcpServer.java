package io.github.localserver.examples.db;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.h2.tools.Server;

/**
 * A real database server for tests: H2's TCP server on a loopback address, serving one in-memory
 * database at {@link #jdbcUrl()}. Made by {@link H2TcpServerFactory}; tests receive it with
 * {@code @Server("db") H2TcpServer}.
 *
 * <h2>Outages</h2>
 * {@link #stop()} stops the TCP server: open connections break and new ones are refused, as when a
 * database server goes down. {@link #start()} brings it back on the same port. The data survives,
 * as a real server's data survives on disk: the database lives in this JVM, held open by an
 * embedded connection (the <em>keeper</em>), not by the TCP server. Transactions that were open
 * when the server stopped are rolled back.
 *
 * <h2>Clean state</h2>
 * {@link #clear()} drops every object, so each test starts with an empty database and creates its
 * schema as the application does at start. {@link #close()} stops the server and closes the keeper,
 * which discards the database.
 *
 * <p>Thread-safe.
 */
public final class H2TcpServer {

  private final InetAddress address;
  private final String database;
  private final Connection keeper;
  private int port;
  private Server server; // null while stopped

  private H2TcpServer(InetAddress address, String database, Connection keeper) {
    this.address = address;
    this.database = database;
    this.keeper = keeper;
  }

  /**
   * Creates the in-memory database {@code database} and serves it on {@code port} (0: a free one).
   * H2's bind address must already be set: see {@link H2TcpServerFactory}.
   */
  static H2TcpServer start(InetAddress address, int port, String database) throws SQLException {
    // Remote clients may not create databases (H2's safe default): the keeper creates this one.
    Connection keeper = DriverManager.getConnection("jdbc:h2:mem:" + database);
    H2TcpServer started = new H2TcpServer(address, database, keeper);
    try {
      started.listen(port);
    } catch (SQLException | RuntimeException e) {
      try {
        keeper.close();
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    return started;
  }

  /** {@code jdbc:h2:tcp://127.0.0.1:PORT/mem:NAME}: no user or password needed. */
  public String jdbcUrl() {
    return jdbcUrl(
        address instanceof Inet6Address
            ? "[" + address.getHostAddress() + "]"
            : address.getHostAddress());
  }

  String jdbcUrl(String host) {
    return "jdbc:h2:tcp://" + host + ":" + port() + "/mem:" + database;
  }

  public synchronized int port() {
    return port;
  }

  public synchronized boolean isRunning() {
    return server != null;
  }

  /** Stops the TCP server: connections break and are refused until {@link #start()}. */
  public synchronized void stop() {
    if (server != null) {
      server.stop();
      server = null;
    }
  }

  /** Serves the same database on the same port again. */
  public synchronized void start() {
    if (server != null) {
      return;
    }
    try {
      listen(port);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Could not restart the H2 TCP server on "
              + address.getHostAddress()
              + ":"
              + port
              + ": "
              + e.getMessage(),
          e);
    }
  }

  /**
   * Back to an empty, running database: restarts the server if a test left it stopped, then drops
   * every table, sequence and view. A transaction a test left open does not block the drop.
   */
  public synchronized void clear() throws SQLException {
    start();
    try (Statement statement = keeper.createStatement()) {
      statement.execute("DROP ALL OBJECTS");
    }
  }

  /** Stops the server and discards the database. */
  synchronized void close() throws SQLException {
    try {
      stop();
    } finally {
      keeper.close();
    }
  }

  private void listen(int requested) throws SQLException {
    // -tcpDaemon: a server someone forgot to stop never keeps the JVM alive.
    server = Server.createTcpServer("-tcpPort", String.valueOf(requested), "-tcpDaemon").start();
    port = server.getPort();
  }

  @Override
  public String toString() {
    return "H2TcpServer[" + jdbcUrl() + (isRunning() ? "" : ", stopped") + "]";
  }
}

package io.github.localserver.examples.db;

import io.github.localserver.LocalServerFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.engine.SysProperties;

/**
 * Starts an {@link H2TcpServer} for {@code @LocalServer(name = "db", factory =
 * H2TcpServerFactory.class)}: H2's TCP server on the declared loopback address and a free port,
 * serving a fresh in-memory database. {@code @ServerUrl("db")} injects its JDBC URL, {@code
 * jdbc:h2:tcp://127.0.0.1:PORT/mem:localserver_N}.
 *
 * <h2>Bind address</h2>
 * H2's TCP server has no per-server bind address: it binds every interface unless the system
 * property {@code h2.bindAddress} is set, and H2 reads it once, when its {@code SysProperties}
 * class loads. So before H2 first runs, this factory sets the property to the address it is given
 * (unless the JVM was started with one), then reads back what H2 actually uses and fails loudly
 * when it is not that address: H2 ran earlier in this JVM without the property, or with another
 * address. One JVM therefore serves H2 on one address only. (LocalServer also probes the port from
 * every non-loopback address after start, so a wrong bind cannot pass silently either way.)
 *
 * <h2>Lifecycle</h2>
 * {@code reset} (before each test of a {@code PER_CLASS} server) restarts a server a test left
 * stopped and empties the database, schema included: each test creates its schema first, the way
 * the application does at start. {@code stop} stops the server and
 * discards the database.
 */
public final class H2TcpServerFactory implements LocalServerFactory<H2TcpServer> {

  /** The system property H2 reads for its server sockets' address. */
  static final String BIND_ADDRESS = "h2.bindAddress";

  private static final AtomicInteger DATABASES = new AtomicInteger();

  @Override
  public H2TcpServer start(InetAddress address, int port) throws Exception {
    bindH2To(address);
    return H2TcpServer.start(address, port, "localserver_" + DATABASES.incrementAndGet());
  }

  @Override
  public int port(H2TcpServer server) {
    return server.port();
  }

  @Override
  public String url(H2TcpServer server, String host) {
    return server.jdbcUrl(host);
  }

  @Override
  public void reset(H2TcpServer server) throws Exception {
    server.clear();
  }

  @Override
  public void stop(H2TcpServer server) throws Exception {
    server.close();
  }

  private static synchronized void bindH2To(InetAddress address) throws UnknownHostException {
    boolean setHere = System.getProperty(BIND_ADDRESS) == null;
    if (setHere) {
      System.setProperty(BIND_ADDRESS, address.getHostAddress());
    }
    // The first use of SysProperties makes H2 read its properties; later reads see that value.
    String used = SysProperties.BIND_ADDRESS;
    try {
      requireSameAddress(address, used);
    } catch (IllegalStateException e) {
      if (setHere) {
        System.clearProperty(BIND_ADDRESS); // it had no effect; don't leave it claiming otherwise
      }
      throw e;
    }
  }

  /** Fails unless H2's bind address {@code used} (as H2 read it) is {@code wanted}. */
  static void requireSameAddress(InetAddress wanted, String used) throws UnknownHostException {
    if (used == null || used.isEmpty()) {
      throw new IllegalStateException(
          "H2 was loaded in this JVM before "
              + BIND_ADDRESS
              + " was set, so its TCP server would listen on every interface, not only on "
              + wanted.getHostAddress()
              + "; start the JVM with -D"
              + BIND_ADDRESS
              + "="
              + wanted.getHostAddress());
    }
    if (!InetAddress.getByName(used).equals(wanted)) {
      throw new IllegalStateException(
          "H2 listens on "
              + BIND_ADDRESS
              + "="
              + used
              + " for the whole JVM, not on "
              + wanted.getHostAddress()
              + "; declare the server with host = \""
              + used
              + "\", or start the JVM with -D"
              + BIND_ADDRESS
              + "="
              + wanted.getHostAddress());
    }
  }
}

package io.github.localserver.examples.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.localserver.LocalServer;
import io.github.localserver.ServerPort;
import io.github.localserver.ServerUrl;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * H2's TCP server binds every interface unless told otherwise; started through {@link
 * H2TcpServerFactory} it listens on 127.0.0.1 only. Proved by connecting: through 127.0.0.1 it
 * answers, through any other address of this machine the connection is refused.
 */
@LocalServer(name = "db", factory = H2TcpServerFactory.class)
class H2TcpServerBindAddressTest {

  private static final int CONNECT_TIMEOUT_MILLIS = 500;

  @Test
  void acceptsConnectionsOnLoopbackOnly(@ServerPort("db") int port) throws IOException {
    assertThat(reachableThrough(List.of(InetAddress.getByName("127.0.0.1")), port)).hasSize(1);
    assertThat(reachableThrough(otherAddresses(), port)).isEmpty();
  }

  @Test
  void aServerOnEveryInterfaceIsCaughtByTheSameCheck() throws IOException {
    List<InetAddress> others = otherAddresses();
    try (ServerSocket everywhere =
        new ServerSocket(0)) { // the wildcard address: what H2 binds by default
      assertThat(reachableThrough(others, everywhere.getLocalPort())).isEqualTo(others);
    }
  }

  @Test
  void servesJdbcClientsAtTheInjectedUrl(
      @ServerUrl("db") String jdbcUrl, @ServerPort("db") int port) throws SQLException {
    assertThat(jdbcUrl).matches("jdbc:h2:tcp://127\\.0\\.0\\.1:" + port + "/mem:localserver_\\d+");
    try (Connection connection = DriverManager.getConnection(jdbcUrl);
        Statement statement = connection.createStatement();
        ResultSet answer = statement.executeQuery("SELECT 6 * 7")) {
      answer.next();
      assertThat(answer.getInt(1)).isEqualTo(42);
    }
  }

  @Test
  void refusesASecondAddressInTheSameJvm() throws IOException {
    // This class's server already made H2 read h2.bindAddress=127.0.0.1, for the whole JVM.
    H2TcpServerFactory factory = new H2TcpServerFactory();

    assertThatThrownBy(() -> factory.start(InetAddress.getByName("::1"), 0))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "H2 listens on h2.bindAddress=127.0.0.1 for the whole JVM, not on 0:0:0:0:0:0:0:1;"
                + " declare the server with host = \"127.0.0.1\", or start the JVM with"
                + " -Dh2.bindAddress=0:0:0:0:0:0:0:1");
  }

  @Test
  void refusesToStartWhenH2RanBeforeTheAddressWasSet() {
    // What H2 reads when it loads before the factory sets the property: nothing.
    assertThatThrownBy(
            () -> H2TcpServerFactory.requireSameAddress(InetAddress.getByName("127.0.0.1"), null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "H2 was loaded in this JVM before h2.bindAddress was set, so its TCP server would"
                + " listen on every interface, not only on 127.0.0.1; start the JVM with"
                + " -Dh2.bindAddress=127.0.0.1");
  }

  /** Of {@code addresses}, those through which {@code port} accepts a connection. */
  private static List<InetAddress> reachableThrough(List<InetAddress> addresses, int port) {
    List<InetAddress> reachable = new ArrayList<>();
    for (InetAddress address : addresses) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(address, port), CONNECT_TIMEOUT_MILLIS);
        reachable.add(address);
      } catch (IOException refused) {
        // not reachable through this address
      }
    }
    return reachable;
  }

  /**
   * Every address of this machine but 127.0.0.1: those of its network interfaces, and on Linux
   * 127.0.0.2, which reaches the loopback interface yet is not the address the server was given.
   */
  private static List<InetAddress> otherAddresses() throws IOException {
    List<InetAddress> others = new ArrayList<>();
    if (System.getProperty("os.name").startsWith("Linux")) {
      others.add(InetAddress.getByName("127.0.0.2"));
    }
    for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (network.isUp() && !network.isLoopback()) {
        for (InetAddress address : Collections.list(network.getInetAddresses())) {
          if (!address.isLinkLocalAddress()) {
            others.add(address);
          }
        }
      }
    }
    return others;
  }
}

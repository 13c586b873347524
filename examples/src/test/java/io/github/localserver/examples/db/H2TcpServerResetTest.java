package io.github.localserver.examples.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.localserver.LocalServer;
import io.github.localserver.Server;
import io.github.localserver.ServerUrl;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.RepeatedTest;

/**
 * One database server for the class, a clean database for each test: before every test {@link
 * H2TcpServerFactory} restarts a server a test left stopped and drops every table, even one that a
 * transaction left open still writes to. Each test leaves a mess behind and checks, first thing,
 * that it did not inherit one; whatever the order they run in, all but the first would fail without
 * the reset.
 */
@LocalServer(name = "db", factory = H2TcpServerFactory.class)
class H2TcpServerResetTest {

  @RepeatedTest(2)
  void startsCleanThenLeavesTheServerStopped(
      @Server("db") H2TcpServer db, @ServerUrl("db") String jdbcUrl) throws SQLException {
    assertRunningAndEmpty(db, jdbcUrl);
    try (Connection connection = DriverManager.getConnection(jdbcUrl);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE leftover (id INT PRIMARY KEY)");
      statement.execute("INSERT INTO leftover VALUES (1)");
    }

    db.stop();
  }

  @RepeatedTest(2)
  void startsCleanThenLeavesATransactionOpen(
      @Server("db") H2TcpServer db, @ServerUrl("db") String jdbcUrl) throws SQLException {
    assertRunningAndEmpty(db, jdbcUrl);
    Connection forgotten = DriverManager.getConnection(jdbcUrl); // never closed, on purpose
    forgotten.setAutoCommit(false);
    try (Statement statement = forgotten.createStatement()) {
      statement.execute("CREATE TABLE leftover (id INT PRIMARY KEY)");
      statement.execute("INSERT INTO leftover VALUES (1)"); // uncommitted: holds a lock
    }
  }

  private static void assertRunningAndEmpty(H2TcpServer db, String jdbcUrl) throws SQLException {
    assertThat(db.isRunning()).as("server running").isTrue();
    try (Connection connection = DriverManager.getConnection(jdbcUrl);
        Statement statement = connection.createStatement();
        ResultSet tables =
            statement.executeQuery(
                "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC'")) {
      List<String> names = new ArrayList<>();
      while (tables.next()) {
        names.add(tables.getString(1));
      }
      assertThat(names).as("tables left by an earlier test").isEmpty();
    }
  }
}

package io.github.localserver.examples.db;

import java.sql.SQLException;

/**
 * The catalog database could not be reached, or the connection to it broke: the message names the
 * database and the driver's reason, and the {@link SQLException} is the cause. Whatever the
 * transaction had written was rolled back by the database.
 */
public final class DatabaseUnavailableException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  DatabaseUnavailableException(String jdbcUrl, SQLException cause) {
    super("Catalog database " + jdbcUrl + " is unavailable: " + cause.getMessage(), cause);
  }
}

package io.github.localserver.examples.db;

/** The catalog API failed: it answered an error status, or the exchange itself broke. */
public final class CatalogApiException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  CatalogApiException(String message) {
    super(message);
  }

  CatalogApiException(String message, Throwable cause) {
    super(message, cause);
  }
}

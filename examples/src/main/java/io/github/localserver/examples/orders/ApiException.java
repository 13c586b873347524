package io.github.localserver.examples.orders;

/**
 * Any failure of a call to the orders API. Unchecked: callers catch the subclass they can act on
 * ({@link NotFoundException}, {@link TransportException}, ...) and let the rest propagate.
 */
public class ApiException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ApiException(String message, Throwable cause) {
    super(message, cause);
  }
}

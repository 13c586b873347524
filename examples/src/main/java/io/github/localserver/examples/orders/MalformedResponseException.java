package io.github.localserver.examples.orders;

/**
 * The API answered 2xx with a body that is not the JSON expected: the message names the endpoint
 * and Jackson's reason; the cause is Jackson's exception, with the line and column.
 */
public class MalformedResponseException extends ApiException {

  private static final long serialVersionUID = 1L;

  public MalformedResponseException(String message, Throwable cause) {
    super(message, cause);
  }
}

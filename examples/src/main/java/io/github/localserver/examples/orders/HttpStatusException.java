package io.github.localserver.examples.orders;

import okhttp3.Headers;

/**
 * The API answered, with a status that is not 2xx. Carries the status, the body (often the API's
 * error document) and the headers (a retry policy reads {@code Retry-After} from them).
 */
public class HttpStatusException extends ApiException {

  private static final long serialVersionUID = 1L;
  private static final int MAX_BODY_IN_MESSAGE = 200;

  private final int status;
  private final String body;
  private final transient Headers headers;

  public HttpStatusException(String endpoint, int status, String body, Headers headers) {
    super(message(endpoint, status, body), null);
    this.status = status;
    this.body = body;
    this.headers = headers;
  }

  /** The HTTP status code, e.g. 503. */
  public int status() {
    return status;
  }

  /** The response body as text; empty when there was none. */
  public String body() {
    return body;
  }

  /** The response headers. */
  public Headers headers() {
    return headers;
  }

  private static String message(String endpoint, int status, String body) {
    String message = endpoint + " answered " + status;
    if (body.isEmpty()) {
      return message;
    }
    String shown = body.length() <= MAX_BODY_IN_MESSAGE ? body : body.substring(0, MAX_BODY_IN_MESSAGE) + "...";
    return message + ": " + shown;
  }
}

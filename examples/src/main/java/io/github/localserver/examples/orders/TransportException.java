package io.github.localserver.examples.orders;

import java.io.IOException;
import java.io.InterruptedIOException;

/**
 * No usable answer came back: the connection was refused or reset, closed before a response, the
 * TLS handshake failed, or a timeout ran out. The cause is OkHttp's {@link IOException}.
 */
public class TransportException extends ApiException {

  private static final long serialVersionUID = 1L;

  public TransportException(String endpoint, IOException cause) {
    super(endpoint + " failed: " + cause, cause);
  }

  /**
   * Whether a timeout ran out (connect, read, write or the whole call): OkHttp reports each as an
   * {@link InterruptedIOException}, {@code java.net.SocketTimeoutException} included.
   */
  public boolean isTimeout() {
    return getCause() instanceof InterruptedIOException;
  }
}

package io.github.localserver.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * A loopback port where connections are refused, reliably: a socket bound to it but never
 * listening. The kernel answers a connect with RST at once, and as long as the socket stays bound
 * nothing else can bind the port. One per JVM, never closed.
 */
final class RefusedPort {

  private RefusedPort() {}

  private static final class Holder {
    static final Socket SOCKET = bind();
    static final String URL = "http://127.0.0.1:" + SOCKET.getLocalPort();

    private static Socket bind() {
      try {
        Socket socket = new Socket();
        socket.setReuseAddress(false);
        socket.bind(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0));
        return socket;
      } catch (IOException e) {
        throw new UncheckedIOException("Could not reserve a loopback port to refuse connections on", e);
      }
    }
  }

  /** {@code http://127.0.0.1:<port>}, where nothing listens. */
  static String url() {
    return Holder.URL;
  }
}

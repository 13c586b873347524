package io.github.localserver.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * Sockets with {@code TCP_NODELAY}, for the injected OkHttp client. OkHttp leaves Nagle's
 * algorithm on, and a TLS handshake's small writes then wait ~40 ms for the server's delayed ACK on
 * Linux: once per new HTTPS connection, so once per test class.
 */
public final class NoDelaySocketFactory extends SocketFactory {

  private final SocketFactory sockets = SocketFactory.getDefault();

  private static Socket noDelay(Socket socket) throws IOException {
    socket.setTcpNoDelay(true);
    return socket;
  }

  @Override
  public Socket createSocket() throws IOException {
    return noDelay(sockets.createSocket());
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return noDelay(sockets.createSocket(host, port));
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
    return noDelay(sockets.createSocket(host, port, localHost, localPort));
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return noDelay(sockets.createSocket(host, port));
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
    return noDelay(sockets.createSocket(address, port, localAddress, localPort));
  }
}

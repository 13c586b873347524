package io.github.localserver.benchmarks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * Client sockets with {@code TCP_NODELAY}. Without it, a new TLS connection from OkHttp waits about
 * 40 ms on Linux: the request's write is held back (Nagle) until the server acknowledges the
 * handshake's last flight, which the server's TCP delays. That would add the same 40 ms to every
 * server in the HTTPS benchmark and hide the differences between them.
 */
final class NoDelaySocketFactory extends SocketFactory {

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
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    return noDelay(sockets.createSocket(address, port, localAddress, localPort));
  }
}

package io.github.localserver.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * Keeps a stopped server's port from being taken during a simulated outage: a socket bound to it
 * but not listening, so connecting is still refused, yet no other server can bind it. Best effort:
 * if the port cannot be held (a connection of the old server lingers in TIME_WAIT), the outage goes
 * on without the hold.
 */
final class PortReservation {

  private PortReservation() {}

  static Socket hold(InetAddress address, int port) {
    for (boolean reuse : new boolean[] {false, true}) {
      Socket socket = new Socket();
      try {
        socket.setReuseAddress(reuse);
        socket.bind(new InetSocketAddress(address, port));
        return socket;
      } catch (IOException e) {
        closeQuietly(socket);
      }
    }
    return null;
  }

  static void release(Socket socket) {
    if (socket != null) {
      closeQuietly(socket);
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // Closing a bound, unconnected socket does not fail in practice; nothing to release then.
    }
  }
}

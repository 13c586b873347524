package io.github.localserver;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Talks to a {@link LineServerFactory.LineServer}, and checks that a port refuses connections. */
final class LineClient {

  private static final int TIMEOUT_MILLIS = 5_000;

  private LineClient() {}

  /** Sends each line on one connection and returns the answers, in order. */
  static List<String> converse(InetAddress address, int port, String... lines) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address, port), TIMEOUT_MILLIS);
      socket.setSoTimeout(TIMEOUT_MILLIS);
      BufferedReader in =
          new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      Writer out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8);
      List<String> answers = new ArrayList<>();
      for (String line : lines) {
        out.write(line + "\n");
        out.flush();
        answers.add(in.readLine());
      }
      return answers;
    }
  }

  static List<String> converse(String host, int port, String... lines) throws IOException {
    return converse(InetAddress.getByName(host), port, lines);
  }

  /** Whether connecting to the port on this loopback literal is refused (nothing listens there). */
  static boolean refuses(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getByName(host), port), TIMEOUT_MILLIS);
      return false;
    } catch (ConnectException refused) {
      return true;
    } catch (IOException other) {
      throw new AssertionError("connecting to " + host + ":" + port + " failed otherwise than refused", other);
    }
  }
}

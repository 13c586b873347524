package io.github.localserver;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * A small, real {@link LocalServerFactory} for the tests of the SPI: a line-based TCP server that
 * answers each line with {@code "<n> <line>"}, {@code n} counting the lines received since the
 * last {@link #reset}. It binds exactly the address and port it is given, serves each connection on
 * its own thread and, in {@link #stop}, closes every socket and waits for its threads to end.
 *
 * <p>Its threads are named {@code line-server-<id>-port-<port>-...}, so a test can check that a
 * given server left none behind without looking at anything else running in the JVM.
 *
 * <p>Subclasses in the tests misbehave on purpose by overriding {@link #bind} or the SPI methods.
 */
class LineServerFactory implements LocalServerFactory<LineServerFactory.LineServer> {

  /** What a line server is, as a supertype a test may ask for. */
  interface Endpoint {
    InetAddress address();

    int port();
  }

  @Override
  public LineServer start(InetAddress address, int port) throws Exception {
    ServerSocket socket = bind(address, port);
    try {
      return new LineServer(socket);
    } catch (RuntimeException | Error e) {
      socket.close();
      throw e;
    }
  }

  /** Opens the listening socket; bound to exactly this address and port. */
  ServerSocket bind(InetAddress address, int port) throws IOException {
    ServerSocket socket = new ServerSocket();
    try {
      socket.bind(new InetSocketAddress(address, port));
    } catch (IOException e) {
      socket.close();
      throw e;
    }
    return socket;
  }

  @Override
  public int port(LineServer server) {
    return server.port();
  }

  @Override
  public String url(LineServer server, String host) {
    return "line://" + host + ":" + server.port();
  }

  @Override
  public void reset(LineServer server) throws Exception {
    server.reset();
  }

  @Override
  public void stop(LineServer server) throws Exception {
    server.stop();
  }

  /** The names of the live threads of the server with this id. */
  static List<String> liveThreads(long id) {
    return liveThreadsNamed("line-server-" + id + "-");
  }

  /** The names of the live threads of any line server on this port. */
  static List<String> liveThreadsOnPort(int port) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(name -> name.startsWith("line-server-") && name.contains("-port-" + port + "-"))
        .collect(Collectors.toList());
  }

  private static List<String> liveThreadsNamed(String prefix) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(name -> name.startsWith(prefix))
        .collect(Collectors.toList());
  }

  /** A running line server. */
  static final class LineServer implements Endpoint {

    private static final AtomicLong IDS = new AtomicLong();
    private static final long JOIN_MILLIS = 5_000;

    private final long id = IDS.incrementAndGet();
    private final ServerSocket socket;
    private final Thread acceptor;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final Set<Thread> handlers = ConcurrentHashMap.newKeySet();
    private final AtomicInteger handlerCount = new AtomicInteger();
    private final AtomicInteger lines = new AtomicInteger();
    private final AtomicInteger resets = new AtomicInteger();
    private int arrivals; // guarded by this
    private volatile boolean stopped;

    LineServer(ServerSocket socket) {
      this.socket = socket;
      this.acceptor = new Thread(this::accept, threadName("accept"));
      acceptor.setDaemon(true);
      acceptor.start();
    }

    /** Unique in this JVM; names the server's threads. */
    long id() {
      return id;
    }

    @Override
    public InetAddress address() {
      return socket.getInetAddress();
    }

    @Override
    public int port() {
      return socket.getLocalPort();
    }

    /** The lines received since the last reset. */
    int linesSinceReset() {
      return lines.get();
    }

    /** How often the server was reset. */
    int resets() {
      return resets.get();
    }

    /**
     * Counts a test that is about to use the server (for tests of turn taking: not cleared by
     * {@link #reset}).
     */
    synchronized int arrive() {
      arrivals++;
      notifyAll();
      return arrivals;
    }

    /** Waits until {@code count} tests have {@linkplain #arrive arrived}; false on timeout. */
    synchronized boolean awaitArrivals(int count, long timeoutMillis) throws InterruptedException {
      long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
      while (arrivals < count) {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
          return false;
        }
        wait(left);
      }
      return true;
    }

    boolean isStopped() {
      return stopped;
    }

    void reset() {
      lines.set(0);
      resets.incrementAndGet();
    }

    /** Closes the listening socket and every connection, then waits for every thread to end. */
    void stop() throws InterruptedException {
      stopped = true;
      try {
        socket.close();
      } catch (IOException e) {
        // Closing a server socket does not fail in a way that leaves it open.
      }
      for (Socket connection : connections) {
        closeQuietly(connection);
      }
      acceptor.join(JOIN_MILLIS);
      for (Thread handler : handlers) {
        handler.join(JOIN_MILLIS);
      }
      List<String> alive = liveThreads(id);
      if (!alive.isEmpty()) {
        throw new IllegalStateException("line server " + id + " left threads running: " + alive);
      }
    }

    private void accept() {
      while (!stopped) {
        Socket connection;
        try {
          connection = socket.accept();
        } catch (IOException e) {
          return; // closed by stop()
        }
        connections.add(connection);
        Thread handler = new Thread(() -> serve(connection), threadName("connection-" + handlerCount.incrementAndGet()));
        handler.setDaemon(true);
        handlers.add(handler);
        if (stopped) {
          closeQuietly(connection); // stop() may have missed it; the handler then ends at once
        }
        handler.start();
      }
    }

    private void serve(Socket connection) {
      try (connection;
          BufferedReader in =
              new BufferedReader(new InputStreamReader(connection.getInputStream(), StandardCharsets.UTF_8));
          Writer out = new OutputStreamWriter(connection.getOutputStream(), StandardCharsets.UTF_8)) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          out.write(lines.incrementAndGet() + " " + line + "\n");
          out.flush();
        }
      } catch (SocketException e) {
        // closed by stop() or by the client
      } catch (IOException e) {
        // the client went away
      } finally {
        connections.remove(connection);
      }
    }

    private String threadName(String role) {
      return "line-server-" + id + "-port-" + socket.getLocalPort() + "-" + role;
    }

    private static void closeQuietly(Socket connection) {
      try {
        connection.close();
      } catch (IOException e) {
        // already closed
      }
    }

    @Override
    public String toString() {
      return "LineServer[" + id + " " + socket.getLocalSocketAddress() + "]";
    }
  }
}

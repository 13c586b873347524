package io.github.localserver.internal;

import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The {@code java.net.http.HttpClient} a test is given: one client for the test's view, backed by
 * a real JDK client that is replaced after each outage and shut down with the server's scope.
 *
 * <p>How it works: when a server stops, the JDK client's HTTP/2 connections are ended by the
 * server (GOAWAY), and for a moment the JDK client may still pick one and fail with {@code
 * IOException: GOAWAY received}. So each restart after a stop
 * gets a fresh JDK client with no connection from before the outage. All of them run their tasks
 * on an executor this class owns and shuts down when the scope ends, so no worker thread outlives
 * it (on Java 21+ the clients are shut down with it; on 17, where a client cannot be shut down,
 * its connections close and its selector thread ends once it is unreachable, and the executor's
 * threads a second after their last task). After the scope, every call fails with a message saying so.
 */
final class ScopedHttpClient extends HttpClient {

  private static final AtomicInteger CLIENTS = new AtomicInteger();

  private final Supplier<HttpClient.Builder> builder;
  private final String owner;
  private final ExecutorService executor;
  private volatile HttpClient delegate;
  private volatile boolean closed;

  /**
   * @param builder a configured builder, asked again for each replacement
   * @param owner the server, for messages
   */
  ScopedHttpClient(Supplier<HttpClient.Builder> builder, String owner) {
    this.builder = builder;
    this.owner = owner;
    int id = CLIENTS.incrementAndGet();
    AtomicInteger threads = new AtomicInteger();
    ThreadFactory factory =
        runnable -> {
          Thread thread = new Thread(runnable, "localserver-jdk-client-" + id + "-" + threads.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        };
    // Threads end one second after their last task: on Java 17, where a client cannot be shut
    // down, the executor must keep serving the client's own clean-up once it is unreachable.
    this.executor = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 1, TimeUnit.SECONDS, new SynchronousQueue<>(), factory);
    this.delegate = build();
  }

  private HttpClient build() {
    return builder.get().executor(executor).build();
  }

  /** After an outage: new connections only. */
  synchronized void renew() {
    if (closed) {
      return;
    }
    HttpClient old = delegate;
    delegate = build();
    shutdownNow(old);
  }

  private static final boolean CAN_SHUT_DOWN = Runtime.version().feature() >= 21;

  /** Ends the client with its scope; idempotent. */
  synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    HttpClient last = delegate;
    delegate = null; // on 17, once unreachable the client closes its connections and its thread ends
    if (CAN_SHUT_DOWN) {
      try {
        shutdownNow(last);
      } finally {
        executor.shutdownNow();
      }
    }
  }

  private HttpClient open() throws IOException {
    HttpClient current = delegate;
    if (closed || current == null) {
      throw new IOException(ended());
    }
    return current;
  }

  private HttpClient current() {
    HttpClient current = delegate;
    if (current == null) {
      throw new IllegalStateException(ended());
    }
    return current;
  }

  private String ended() {
    return "This HttpClient belongs to " + owner + ", whose scope has ended; use the client injected into"
        + " the current test";
  }

  /** Java 21+ can shut a JDK client down; on 17 its selector thread ends once it is unreachable. */
  private static void shutdownNow(HttpClient client) {
    try {
      HttpClient.class.getMethod("shutdownNow").invoke(client);
    } catch (NoSuchMethodException e) {
      // Java 17: nothing to call.
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Could not shut down the JDK HttpClient", e);
    }
  }

  @Override
  public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
      throws IOException, InterruptedException {
    return open().send(request, handler);
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(
      HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    try {
      return open().sendAsync(request, handler);
    } catch (IOException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(
      HttpRequest request,
      HttpResponse.BodyHandler<T> handler,
      HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
    try {
      return open().sendAsync(request, handler, pushPromiseHandler);
    } catch (IOException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public WebSocket.Builder newWebSocketBuilder() {
    return current().newWebSocketBuilder();
  }

  @Override
  public Optional<CookieHandler> cookieHandler() {
    return current().cookieHandler();
  }

  @Override
  public Optional<Duration> connectTimeout() {
    return current().connectTimeout();
  }

  @Override
  public Redirect followRedirects() {
    return current().followRedirects();
  }

  @Override
  public Optional<ProxySelector> proxy() {
    return current().proxy();
  }

  @Override
  public SSLContext sslContext() {
    return current().sslContext();
  }

  @Override
  public SSLParameters sslParameters() {
    return current().sslParameters();
  }

  @Override
  public Optional<Authenticator> authenticator() {
    return current().authenticator();
  }

  @Override
  public Version version() {
    return current().version();
  }

  @Override
  public Optional<Executor> executor() {
    return current().executor();
  }

  @Override
  public String toString() {
    return "HttpClient for " + owner;
  }
}

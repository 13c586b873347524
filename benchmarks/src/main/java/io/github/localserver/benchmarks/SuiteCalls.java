package io.github.localserver.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import mockwebserver3.MockWebServer;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The HTTP calls of the generated suites ({@link SuiteGenerator}): the code under test, in effect.
 * Public because the generated test classes call it.
 */
public final class SuiteCalls {

  /**
   * The client of the {@code @WireMockTest} and MockWebServer suites: a plain {@code new
   * OkHttpClient()}, one per JVM (a suite that made one per class would be slower). The
   * {@code @LocalServer} suite uses the client LocalServer injects.
   */
  public static final OkHttpClient CLIENT = new OkHttpClient();

  private static final MediaType JSON = MediaType.get("application/json");

  private SuiteCalls() {}

  /**
   * The same server with {@code TCP_NODELAY} on its connections (see {@link
   * NoDelayServerSocketFactory}), for the suite variant that shows what MockWebServer's default
   * costs.
   */
  public static MockWebServer noDelay(MockWebServer server) {
    server.setServerSocketFactory(new NoDelayServerSocketFactory());
    return server;
  }

  /** A GET, body read; returns the status. */
  public static int get(OkHttpClient client, String url) {
    return execute(client, new Request.Builder().url(url).build());
  }

  /** A POST of a JSON body; returns the status. */
  public static int post(OkHttpClient client, String url, String json) {
    return execute(client, new Request.Builder().url(url).post(RequestBody.create(json, JSON)).build());
  }

  private static int execute(OkHttpClient client, Request request) {
    try (Response response = client.newCall(request).execute()) {
      response.body().string();
      return response.code();
    } catch (IOException e) {
      throw new UncheckedIOException(request.method() + " " + request.url() + " failed", e);
    }
  }
}

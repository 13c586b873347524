package io.github.localserver.examples.quickstart;

import java.io.IOException;
import java.io.UncheckedIOException;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/** The smallest client worth testing: one GET, one status check. */
public final class GreetingClient {

  private final OkHttpClient http;
  private final HttpUrl baseUrl;

  public GreetingClient(OkHttpClient http, String baseUrl) {
    this.http = http;
    this.baseUrl = HttpUrl.get(baseUrl);
  }

  /** {@code GET /greetings/{name}}: the greeting text. */
  public String greet(String name) {
    HttpUrl url = baseUrl.newBuilder().addPathSegment("greetings").addPathSegment(name).build();
    try (Response response = http.newCall(new Request.Builder().url(url).build()).execute()) {
      if (!response.isSuccessful()) {
        throw new IllegalStateException("GET " + url + " answered " + response.code());
      }
      return response.body().string();
    } catch (IOException e) {
      throw new UncheckedIOException("GET " + url + " failed", e);
    }
  }
}

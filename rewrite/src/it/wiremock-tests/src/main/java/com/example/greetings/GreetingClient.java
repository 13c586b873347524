package com.example.greetings;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The code under test: a small HTTP client. */
public final class GreetingClient {

  /** A status and body. */
  public record Reply(int status, String body) {}

  private final HttpClient http = HttpClient.newHttpClient();
  private final String baseUrl;

  public GreetingClient(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  public Reply get(String path) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(baseUrl + path)).build(),
            HttpResponse.BodyHandlers.ofString());
    return new Reply(response.statusCode(), response.body());
  }
}

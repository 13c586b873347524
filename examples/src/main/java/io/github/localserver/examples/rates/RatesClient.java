package io.github.localserver.examples.rates;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * A client for a small exchange-rates API: {@code GET /rates/{base}} and {@code POST /alerts}. A
 * {@code 503} is retried up to {@link #ATTEMPTS} times in all, at once (the API's outages are
 * short); any other error status fails with {@link IllegalStateException}. Thread-safe.
 */
public final class RatesClient {

  /** How many times a request is sent at most while the API answers 503. */
  public static final int ATTEMPTS = 3;

  private static final MediaType JSON = MediaType.get("application/json");
  private static final ObjectMapper MAPPER =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private final OkHttpClient http;
  private final HttpUrl baseUrl;

  public RatesClient(OkHttpClient http, String baseUrl) {
    this.http = http;
    this.baseUrl = HttpUrl.get(baseUrl);
  }

  /** The latest rates from {@code base}. */
  public Rates latest(String base) {
    HttpUrl url = baseUrl.newBuilder().addPathSegment("rates").addPathSegment(base).build();
    return MAPPER.convertValue(readTree(send(new Request.Builder().url(url).build())), Rates.class);
  }

  /** Tells the API that a rate crossed a threshold: {@code POST /alerts}. */
  public void alert(String base, String currency, BigDecimal rate) {
    HttpUrl url = baseUrl.newBuilder().addPathSegment("alerts").build();
    String body = "{\"base\":\"" + base + "\",\"currency\":\"" + currency + "\",\"rate\":" + rate.toPlainString() + "}";
    send(new Request.Builder().url(url).post(RequestBody.create(body, JSON)).build());
  }

  private String send(Request request) {
    for (int attempt = 1; ; attempt++) {
      try (Response response = http.newCall(request).execute()) {
        if (response.code() == 503 && attempt < ATTEMPTS) {
          continue;
        }
        if (!response.isSuccessful()) {
          throw new IllegalStateException(request.method() + " " + request.url() + " answered " + response.code());
        }
        return response.body().string();
      } catch (IOException e) {
        throw new UncheckedIOException(request.method() + " " + request.url() + " failed", e);
      }
    }
  }

  private static Object readTree(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (IOException e) {
      throw new IllegalStateException("The rates API answered JSON that is not rates: " + json, e);
    }
  }
}

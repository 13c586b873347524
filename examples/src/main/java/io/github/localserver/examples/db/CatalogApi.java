package io.github.localserver.examples.db;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The catalog service's HTTP API, read one page at a time: {@code GET /catalog/items?page=N}
 * answers {@code {"items": [...], "nextPage": N+1}}, with {@code nextPage} null on the last page.
 * Any failure, an error status or a broken exchange, is a {@link CatalogApiException} naming the
 * request.
 */
public final class CatalogApi {

  /** One page of the catalog; {@code nextPage} is null on the last one. */
  public record Page(List<CatalogItem> items, Integer nextPage) {}

  private static final ObjectMapper JSON =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final OkHttpClient http;
  private final HttpUrl baseUrl;

  public CatalogApi(OkHttpClient http, String baseUrl) {
    this.http = http;
    this.baseUrl = HttpUrl.get(baseUrl);
  }

  /** {@code GET /catalog/items?page={number}}. */
  public Page page(int number) {
    HttpUrl url =
        baseUrl
            .newBuilder()
            .addPathSegments("catalog/items")
            .addQueryParameter("page", String.valueOf(number))
            .build();
    try (Response response = http.newCall(new Request.Builder().url(url).build()).execute()) {
      if (!response.isSuccessful()) {
        throw new CatalogApiException("GET " + url + " answered " + response.code());
      }
      return JSON.readValue(response.body().byteStream(), Page.class);
    } catch (IOException e) {
      throw new CatalogApiException("GET " + url + " failed: " + e, e);
    }
  }
}

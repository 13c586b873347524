package io.github.localserver.examples.orders;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * A typed client for a small orders API, the way a team writes one: OkHttp for HTTP, Jackson for
 * JSON, and one exception per thing a caller can act on.
 *
 * <ul>
 *   <li>2xx: the body as an {@link Order} (or a list of them);
 *   <li>404: {@link NotFoundException}; 401: {@link UnauthorizedException}; any other status:
 *       {@link HttpStatusException}, each carrying the status and body;
 *   <li>a 2xx body that is not the expected JSON: {@link MalformedResponseException};
 *   <li>no answer (refused, reset, timeout, TLS failure): {@link TransportException}.
 * </ul>
 *
 * <p>Timeouts, TLS trust and authentication belong to the {@link OkHttpClient} passed in (see
 * {@link BearerAuth}). Thread-safe.
 */
public final class OrdersClient {

  /** The header that makes a {@code POST} safe to repeat: the API applies each key once. */
  public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  private static final MediaType JSON = MediaType.get("application/json");
  private static final ObjectMapper MAPPER =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
  private static final JavaType ORDER = MAPPER.constructType(Order.class);
  private static final JavaType ORDERS = MAPPER.getTypeFactory().constructType(new TypeReference<List<Order>>() {});

  private final OkHttpClient http;
  private final HttpUrl orders;

  /** A client for the API at {@code baseUrl} (e.g. {@code https://api.example.com/v1}). */
  public OrdersClient(OkHttpClient http, String baseUrl) {
    this.http = http;
    this.orders = HttpUrl.get(baseUrl).newBuilder().addPathSegment("orders").build();
  }

  /** {@code GET /orders/{id}}. */
  public Order get(long id) {
    HttpUrl url = orders.newBuilder().addPathSegment(Long.toString(id)).build();
    return call(new Request.Builder().url(url).build(), ORDER);
  }

  /** {@code GET /orders}: every order, as the API lists them. */
  public List<Order> list() {
    return call(new Request.Builder().url(orders).build(), ORDERS);
  }

  /** {@code POST /orders}: creates an order and returns it as stored, with its id. */
  public Order create(NewOrder order) {
    return call(post(order).build(), ORDER);
  }

  /**
   * {@code POST /orders} with an {@code Idempotency-Key}: sending it again with the same key
   * creates the order at most once, so the call may be retried.
   */
  public Order create(NewOrder order, String idempotencyKey) {
    return call(post(order).header(IDEMPOTENCY_KEY, idempotencyKey).build(), ORDER);
  }

  private Request.Builder post(NewOrder order) {
    try {
      return new Request.Builder().url(orders).post(RequestBody.create(MAPPER.writeValueAsBytes(order), JSON));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write " + order + " as JSON", e);
    }
  }

  private <T> T call(Request request, JavaType type) {
    String endpoint = request.method() + " " + request.url().encodedPath();
    String body;
    try (Response response = http.newCall(request).execute()) {
      body = response.body().string();
      if (!response.isSuccessful()) {
        throw statusException(endpoint, response, body);
      }
    } catch (IOException e) {
      throw new TransportException(endpoint, e);
    }
    try {
      return MAPPER.readValue(body, type);
    } catch (JsonProcessingException e) {
      throw new MalformedResponseException(
          endpoint + " returned malformed JSON: " + e.getOriginalMessage() + where(e), e);
    }
  }

  private static String where(JsonProcessingException e) {
    JsonLocation at = e.getLocation();
    return at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
  }

  private static HttpStatusException statusException(String endpoint, Response response, String body) {
    return switch (response.code()) {
      case 401 -> new UnauthorizedException(endpoint, body, response.headers());
      case 404 -> new NotFoundException(endpoint, body, response.headers());
      default -> new HttpStatusException(endpoint, response.code(), body, response.headers());
    };
  }
}

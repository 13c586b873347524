package io.github.localserver;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import io.github.localserver.internal.ExtensionSupport;
import java.time.Duration;
import java.util.Objects;

/**
 * API failures to simulate offline: each helper returns a WireMock response usable in {@code
 * willReturn(...)} and {@link LocalHttpServer#stubSequence}.
 *
 * <pre>{@code
 * server.stubSequence(get("/orders/1"),
 *     Faults.serviceUnavailable(Duration.ofSeconds(2)),
 *     Faults.connectionReset(),
 *     okJson("{\"id\":1}"));
 * }</pre>
 *
 * <p>The injected clients never retry by themselves, so every fault reaches the code under test.
 * What the injected OkHttp client sees: {@link #connectionReset()} a {@code
 * java.net.SocketException} ("Connection reset"); {@link #emptyResponse()} and {@link
 * #randomData()} an {@code IOException} ("unexpected end of stream"); {@link #malformedChunk()} a
 * 200, then a {@code java.net.ProtocolException} while reading the body; {@link #refusedUrl()} a
 * {@code java.net.ConnectException} at once.
 *
 * <h2>Errors</h2>
 * A status outside 100–599, a negative or fractional-second {@code Retry-After}, a negative delay
 * or fewer than one chunk fail with an {@code IllegalArgumentException} naming the value.
 *
 * <h2>Since</h2>
 * 0.1.0
 */
public final class Faults {

  private Faults() {}

  /**
   * Any status, with an empty body.
   *
   * @param code the HTTP status, 100 to 599
   * @return a response with that status and no body
   */
  public static ResponseDefinitionBuilder status(int code) {
    if (code < 100 || code > 599) {
      throw new IllegalArgumentException(
          "Faults.status(" + code + ") is not an HTTP status; use a code from 100 to 599");
    }
    return aResponse().withStatus(code);
  }

  /**
   * 503 Service Unavailable with {@code Retry-After} in whole seconds. Note: OkHttp itself repeats
   * a request once when a 503 says {@code Retry-After: 0}, whatever the client's settings; to make
   * such a 503 reach OkHttp-based code, give a positive delay or use {@code status(503)}.
   *
   * @param retryAfter the delay to announce; whole seconds, not negative
   * @return a 503 response with {@code Retry-After}
   */
  public static ResponseDefinitionBuilder serviceUnavailable(Duration retryAfter) {
    return status(503).withHeader("Retry-After", seconds("serviceUnavailable", retryAfter));
  }

  /**
   * 429 Too Many Requests with {@code Retry-After} in whole seconds.
   *
   * @param retryAfter the delay to announce; whole seconds, not negative
   * @return a 429 response with {@code Retry-After}
   */
  public static ResponseDefinitionBuilder tooManyRequests(Duration retryAfter) {
    return status(429).withHeader("Retry-After", seconds("tooManyRequests", retryAfter));
  }

  /**
   * The connection is reset (TCP RST) after the request is read, before any response.
   *
   * @return a response that resets the connection
   */
  public static ResponseDefinitionBuilder connectionReset() {
    return aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER);
  }

  /**
   * The connection is closed after the request is read, with no response at all.
   *
   * @return a response that closes the connection without answering
   */
  public static ResponseDefinitionBuilder emptyResponse() {
    return aResponse().withFault(Fault.EMPTY_RESPONSE);
  }

  /**
   * A 200 status line and headers, then a corrupt chunked body.
   *
   * @return a response with a corrupt chunked body
   */
  public static ResponseDefinitionBuilder malformedChunk() {
    return aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK);
  }

  /**
   * Garbage bytes instead of an HTTP response, then the connection is closed.
   *
   * @return a response of random bytes
   */
  public static ResponseDefinitionBuilder randomData() {
    return aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE);
  }

  /**
   * The response, sent after a fixed delay. The given builder is not changed.
   *
   * @param response the response to send
   * @param delay how long to wait before sending it; not negative
   * @return a copy of {@code response} with a fixed delay
   */
  public static ResponseDefinitionBuilder delayed(ResponseDefinitionBuilder response, Duration delay) {
    Objects.requireNonNull(response, "Faults.delayed(response, ...): response is null");
    return ResponseDefinitionBuilder.like(response.build()).withFixedDelay(millis("delayed", delay));
  }

  /**
   * The response with its body dribbled out in {@code chunks} pieces spread over {@code total}:
   * headers come at once, the last byte after about {@code total}. The given builder is not
   * changed.
   *
   * @param response the response to send
   * @param total how long the body takes, from the first byte to the last; not negative
   * @param chunks how many pieces the body is sent in; at least 1
   * @return a copy of {@code response} whose body is dribbled out
   */
  public static ResponseDefinitionBuilder slowBody(
      ResponseDefinitionBuilder response, Duration total, int chunks) {
    Objects.requireNonNull(response, "Faults.slowBody(response, ...): response is null");
    if (chunks < 1) {
      throw new IllegalArgumentException(
          "Faults.slowBody(..., " + chunks + ") needs at least one chunk; use 1 or more");
    }
    return ResponseDefinitionBuilder.like(response.build())
        .withChunkedDribbleDelay(chunks, millis("slowBody", total));
  }

  /**
   * A base URL on loopback where nothing listens: connecting fails at once with "connection
   * refused". The port is held (bound, never listening) for the rest of the JVM's life, so no
   * server started by a parallel test can take it.
   *
   * @return a base URL such as {@code http://127.0.0.1:40123}, without trailing slash
   */
  public static String refusedUrl() {
    return ExtensionSupport.refusedUrl();
  }

  private static String seconds(String method, Duration retryAfter) {
    Objects.requireNonNull(retryAfter, "Faults." + method + "(retryAfter): retryAfter is null");
    if (retryAfter.isNegative() || retryAfter.getNano() != 0) {
      throw new IllegalArgumentException(
          "Faults."
              + method
              + "("
              + retryAfter
              + ") cannot be a Retry-After header, which holds whole seconds; use a"
              + " non-negative Duration.ofSeconds(n)");
    }
    return String.valueOf(retryAfter.getSeconds());
  }

  private static int millis(String method, Duration duration) {
    Objects.requireNonNull(duration, "Faults." + method + "(...): the duration is null");
    if (duration.isNegative() || duration.compareTo(Duration.ofMillis(Integer.MAX_VALUE)) > 0) {
      throw new IllegalArgumentException(
          "Faults."
              + method
              + "(..., "
              + duration
              + ") is not a usable delay; use 0 to "
              + Integer.MAX_VALUE
              + " milliseconds (about 24 days)");
    }
    return (int) duration.toMillis();
  }
}

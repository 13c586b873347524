package io.github.localserver.examples.retry;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.github.localserver.Faults;
import io.github.localserver.LocalHttpServer;
import io.github.localserver.LocalServer;
import io.github.localserver.ServerUrl;
import io.github.localserver.examples.orders.HttpStatusException;
import io.github.localserver.examples.orders.MalformedResponseException;
import io.github.localserver.examples.orders.NotFoundException;
import io.github.localserver.examples.orders.OrdersClient;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What is not transient is never retried: the same request would fail the same way. Each failure
 * costs exactly one request, and reaches the caller as it is, not as {@link
 * RetriesExhaustedException}.
 */
@LocalServer
class NoRetryOnPermanentFailuresTest {

  private final RecordingScheduler scheduler = new RecordingScheduler();
  private RetryingOrdersClient orders;

  @BeforeEach
  void connect(OkHttpClient http, @ServerUrl String baseUrl) {
    orders = new RetryingOrdersClient(new OrdersClient(http, baseUrl), scheduler);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(ints = {400, 401, 403, 404, 409, 422, 500, 501})
  void aClientErrorOrAServerBugIsNotRetried(int status, LocalHttpServer server) {
    server.stubFor(get("/orders/7").willReturn(aResponse().withStatus(status).withBody("{\"error\":\"no\"}")));

    HttpStatusException e =
        assertThatExceptionOfType(HttpStatusException.class).isThrownBy(() -> orders.get(7)).actual();

    assertThat(e.status()).isEqualTo(status);
    server.verify(1, getRequestedFor(urlEqualTo("/orders/7")));
    assertThat(scheduler.waits()).isEmpty();
  }

  @Test
  void aMalformedBodyIsNotRetried(LocalHttpServer server) {
    server.stubFor(get("/orders/7").willReturn(okJson("{\"id\":")));

    assertThatExceptionOfType(MalformedResponseException.class).isThrownBy(() -> orders.get(7));

    server.verify(1, getRequestedFor(urlEqualTo("/orders/7")));
  }

  @Test
  void aPermanentFailureAfterATransientOneEndsTheRetries(LocalHttpServer server) {
    server.stubSequence(get("/orders/7"), Faults.status(503), Faults.status(404), Faults.status(503));

    NotFoundException e =
        assertThatExceptionOfType(NotFoundException.class).isThrownBy(() -> orders.get(7)).actual();

    assertThat(e).hasMessage("GET /orders/7 answered 404");
    server.verify(2, getRequestedFor(urlEqualTo("/orders/7")));
    assertThat(scheduler.waits()).hasSize(1);
  }
}

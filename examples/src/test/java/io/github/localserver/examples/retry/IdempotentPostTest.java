package io.github.localserver.examples.retry;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.github.localserver.Faults;
import io.github.localserver.LocalHttpServer;
import io.github.localserver.LocalServer;
import io.github.localserver.ServerUrl;
import io.github.localserver.examples.orders.HttpStatusException;
import io.github.localserver.examples.orders.NewOrder;
import io.github.localserver.examples.orders.Order;
import io.github.localserver.examples.orders.Order.Status;
import io.github.localserver.examples.orders.OrdersClient;
import io.github.localserver.examples.orders.TransportException;
import java.net.SocketException;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * A {@code POST} is retried only with an {@code Idempotency-Key}. Without one, a reset after the
 * server read the request may hide an order already created, so the client does not guess; with
 * one, every attempt carries the same key, and the API creates the order once.
 */
@LocalServer
class IdempotentPostTest {

  private static final NewOrder TEA = new NewOrder("ada", "tea", 2);
  private static final String TEA_JSON = "{\"customer\":\"ada\",\"product\":\"tea\",\"quantity\":2}";
  private static final String CREATED =
      "{\"id\":7,\"customer\":\"ada\",\"product\":\"tea\",\"quantity\":2,\"status\":\"PENDING\"}";

  private final RecordingScheduler scheduler = new RecordingScheduler();
  private RetryingOrdersClient orders;

  @BeforeEach
  void connect(OkHttpClient http, @ServerUrl String baseUrl) {
    orders = new RetryingOrdersClient(new OrdersClient(http, baseUrl), scheduler);
  }

  @Test
  void aPostWithoutAKeyIsNotRetriedAfterAReset(LocalHttpServer server, TestReporter reporter) {
    reporter.publishEntry("fault", "simulated: connection reset after the request was read, then 201");
    server.stubSequence(post("/orders"), Faults.connectionReset(), created());

    TransportException e =
        assertThatExceptionOfType(TransportException.class).isThrownBy(() -> orders.create(TEA)).actual();

    assertThat(e.getCause()).isInstanceOf(SocketException.class);
    server.verify(1, postRequestedFor(urlEqualTo("/orders")));
    assertThat(scheduler.waits()).isEmpty();
  }

  @Test
  void aPostWithoutAKeyIsNotRetriedAfterA503(LocalHttpServer server) {
    server.stubSequence(post("/orders"), Faults.status(503), created());

    HttpStatusException e =
        assertThatExceptionOfType(HttpStatusException.class).isThrownBy(() -> orders.create(TEA)).actual();

    assertThat(e.status()).isEqualTo(503);
    server.verify(1, postRequestedFor(urlEqualTo("/orders")));
  }

  @Test
  void aPostWithAKeyIsRetriedWithTheSameKeyAndBody(LocalHttpServer server, TestReporter reporter) {
    reporter.publishEntry("fault", "simulated: connection reset, 503, then 201");
    server.stubSequence(post("/orders"), Faults.connectionReset(), Faults.status(503), created());

    Order order = orders.create(TEA, "order-ada-tea-1");

    assertThat(order).isEqualTo(new Order(7, "ada", "tea", 2, Status.PENDING));
    server.verify(3, postRequestedFor(urlEqualTo("/orders")));
    server.verify(
        3,
        postRequestedFor(urlEqualTo("/orders"))
            .withHeader(OrdersClient.IDEMPOTENCY_KEY, equalTo("order-ada-tea-1"))
            .withRequestBody(equalToJson(TEA_JSON)));
    assertThat(scheduler.waits()).hasSize(2);
  }

  private static ResponseDefinitionBuilder created() {
    return aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody(CREATED);
  }
}

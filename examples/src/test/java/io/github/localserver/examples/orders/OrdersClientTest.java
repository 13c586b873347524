package io.github.localserver.examples.orders;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.github.localserver.LocalHttpServer;
import io.github.localserver.LocalServer;
import io.github.localserver.ServerUrl;
import io.github.localserver.examples.orders.Order.Status;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client's contract, one response at a time: JSON becomes typed results, and every status or
 * body the client cannot use becomes an exception that says what came back.
 */
@LocalServer
class OrdersClientTest {

  private static final String ORDER_7 =
      "{\"id\":7,\"customer\":\"ada\",\"product\":\"tea\",\"quantity\":2,\"status\":\"PENDING\"}";

  private OrdersClient orders;

  @BeforeEach
  void connect(OkHttpClient http, @ServerUrl String baseUrl) {
    orders = new OrdersClient(http, baseUrl);
  }

  @Test
  void getsAnOrder(LocalHttpServer server) {
    server.stubFor(get("/orders/7").willReturn(okJson(ORDER_7)));

    assertThat(orders.get(7)).isEqualTo(new Order(7, "ada", "tea", 2, Status.PENDING));
    server.verify(1, getRequestedFor(urlEqualTo("/orders/7")));
  }

  @Test
  void ignoresFieldsItDoesNotKnow(LocalHttpServer server) {
    server.stubFor(get("/orders/7").willReturn(okJson(ORDER_7.replace("}", ",\"currency\":\"EUR\"}"))));

    assertThat(orders.get(7)).isEqualTo(new Order(7, "ada", "tea", 2, Status.PENDING));
  }

  @Test
  void listsOrders(LocalHttpServer server) {
    String order8 = "{\"id\":8,\"customer\":\"bob\",\"product\":\"cake\",\"quantity\":1,\"status\":\"SHIPPED\"}";
    server.stubFor(get("/orders").willReturn(okJson("[" + ORDER_7 + "," + order8 + "]")));

    assertThat(orders.list())
        .containsExactly(
            new Order(7, "ada", "tea", 2, Status.PENDING), new Order(8, "bob", "cake", 1, Status.SHIPPED));
  }

  @Test
  void createsAnOrder(LocalHttpServer server) {
    server.stubFor(
        post("/orders")
            .withRequestBody(equalToJson("{\"customer\":\"ada\",\"product\":\"tea\",\"quantity\":2}"))
            .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody(ORDER_7)));

    Order created = orders.create(new NewOrder("ada", "tea", 2));

    assertThat(created).isEqualTo(new Order(7, "ada", "tea", 2, Status.PENDING));
    server.verify(
        1,
        postRequestedFor(urlEqualTo("/orders"))
            .withHeader("Content-Type", equalTo("application/json"))
            .withHeader(OrdersClient.IDEMPOTENCY_KEY, absent()));
  }

  @Test
  void notFoundIsANotFoundException(LocalHttpServer server) {
    server.stubFor(get("/orders/9").willReturn(aResponse().withStatus(404).withBody("{\"error\":\"no order 9\"}")));

    NotFoundException e =
        assertThatExceptionOfType(NotFoundException.class).isThrownBy(() -> orders.get(9)).actual();

    assertThat(e).hasMessage("GET /orders/9 answered 404: {\"error\":\"no order 9\"}");
    assertThat(e.status()).isEqualTo(404);
    assertThat(e.body()).isEqualTo("{\"error\":\"no order 9\"}");
  }

  @Test
  void aRejectedOrderCarriesTheApisReason(LocalHttpServer server) {
    server.stubFor(
        post("/orders")
            .willReturn(aResponse().withStatus(422).withBody("{\"error\":\"quantity must be positive\"}")));

    NewOrder none = new NewOrder("ada", "tea", 0);

    HttpStatusException e =
        assertThatExceptionOfType(HttpStatusException.class).isThrownBy(() -> orders.create(none)).actual();

    assertThat(e).hasMessage("POST /orders answered 422: {\"error\":\"quantity must be positive\"}");
    assertThat(e.status()).isEqualTo(422);
    assertThat(e.body()).isEqualTo("{\"error\":\"quantity must be positive\"}");
  }

  @Test
  void aServerErrorIsAnHttpStatusException(LocalHttpServer server) {
    server.stubFor(get("/orders").willReturn(aResponse().withStatus(500)));

    HttpStatusException e =
        assertThatExceptionOfType(HttpStatusException.class).isThrownBy(() -> orders.list()).actual();

    assertThat(e).hasMessage("GET /orders answered 500").isExactlyInstanceOf(HttpStatusException.class);
    assertThat(e.status()).isEqualTo(500);
    assertThat(e.body()).isEmpty();
  }

  @Test
  void malformedJsonIsAMalformedResponseException(LocalHttpServer server) {
    server.stubFor(get("/orders/7").willReturn(okJson("{\"id\":7,\"customer\":")));

    MalformedResponseException e =
        assertThatExceptionOfType(MalformedResponseException.class).isThrownBy(() -> orders.get(7)).actual();

    assertThat(e)
        .hasMessage(
            "GET /orders/7 returned malformed JSON: Unexpected end-of-input within/between Object entries"
                + " (line 1, column 20)")
        .hasCauseInstanceOf(JsonProcessingException.class);
  }

  @Test
  void jsonOfTheWrongShapeIsAMalformedResponseException(LocalHttpServer server) {
    server.stubFor(get("/orders/7").willReturn(okJson("{\"id\":\"seven\"}")));

    MalformedResponseException e =
        assertThatExceptionOfType(MalformedResponseException.class).isThrownBy(() -> orders.get(7)).actual();

    assertThat(e)
        .hasMessage(
            "GET /orders/7 returned malformed JSON: Cannot deserialize value of type `long` from String"
                + " \"seven\": not a valid `long` value (line 1, column 7)");
  }
}

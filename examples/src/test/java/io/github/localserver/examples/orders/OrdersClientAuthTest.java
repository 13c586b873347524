package io.github.localserver.examples.orders;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.unauthorized;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.github.localserver.LocalHttpServer;
import io.github.localserver.LocalServer;
import io.github.localserver.ServerUrl;
import io.github.localserver.examples.orders.Order.Status;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * 401 handling with {@link BearerAuth}: an expired token is refreshed once and the request
 * repeated with the new one; a token refused even after refreshing ends in {@link
 * UnauthorizedException}. The server tells the tokens apart by their {@code Authorization} header.
 */
@LocalServer
class OrdersClientAuthTest {

  private static final String ORDER_7 =
      "{\"id\":7,\"customer\":\"ada\",\"product\":\"tea\",\"quantity\":2,\"status\":\"PAID\"}";

  private final FakeTokens tokens = new FakeTokens();
  private OrdersClient orders;

  @BeforeEach
  void connect(OkHttpClient http, @ServerUrl String baseUrl) {
    orders = new OrdersClient(BearerAuth.addTo(http, tokens), baseUrl);
  }

  @Test
  void sendsTheCurrentToken(LocalHttpServer server) {
    server.stubFor(get("/orders/7").withHeader("Authorization", equalTo("Bearer token-1")).willReturn(okJson(ORDER_7)));

    assertThat(orders.get(7).id()).isEqualTo(7);
    assertThat(tokens.refreshes()).isZero();
  }

  @Test
  void refreshesAnExpiredTokenOnceAndRepeatsTheRequest(LocalHttpServer server) {
    server.stubFor(get("/orders/7").withHeader("Authorization", equalTo("Bearer token-1")).willReturn(unauthorized()));
    server.stubFor(get("/orders/7").withHeader("Authorization", equalTo("Bearer token-2")).willReturn(okJson(ORDER_7)));

    assertThat(orders.get(7)).isEqualTo(new Order(7, "ada", "tea", 2, Status.PAID));

    assertThat(tokens.refreshes()).isEqualTo(1);
    server.verify(1, getRequestedFor(urlEqualTo("/orders/7")).withHeader("Authorization", equalTo("Bearer token-1")));
    server.verify(1, getRequestedFor(urlEqualTo("/orders/7")).withHeader("Authorization", equalTo("Bearer token-2")));
  }

  @Test
  void givesUpWhenTheRefreshedTokenIsRefusedToo(LocalHttpServer server) {
    server.stubFor(get("/orders/7").willReturn(aResponse().withStatus(401).withBody("{\"error\":\"account locked\"}")));

    UnauthorizedException e =
        assertThatExceptionOfType(UnauthorizedException.class).isThrownBy(() -> orders.get(7)).actual();

    assertThat(e).hasMessage("GET /orders/7 answered 401: {\"error\":\"account locked\"}");
    assertThat(e.status()).isEqualTo(401);
    assertThat(tokens.refreshes()).isEqualTo(1);
    server.verify(2, getRequestedFor(urlEqualTo("/orders/7")));
  }

  /** Hands out token-1, then token-2, token-3, ... on each refresh. */
  private static final class FakeTokens implements TokenSource {
    private final AtomicInteger refreshes = new AtomicInteger();

    @Override
    public String currentToken() {
      return "token-" + (refreshes.get() + 1);
    }

    @Override
    public String refreshToken() {
      return "token-" + (refreshes.incrementAndGet() + 1);
    }

    int refreshes() {
      return refreshes.get();
    }
  }
}

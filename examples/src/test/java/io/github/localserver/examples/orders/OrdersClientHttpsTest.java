package io.github.localserver.examples.orders;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.github.localserver.LocalHttpServer;
import io.github.localserver.LocalServer;
import io.github.localserver.ServerUrl;
import io.github.localserver.examples.orders.Order.Status;
import java.security.cert.CertPathBuilderException;
import javax.net.ssl.SSLHandshakeException;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/**
 * The same client over HTTPS: the injected {@link OkHttpClient} trusts the server's self-signed
 * certificate, and a client that does not trust it fails the handshake, as it should.
 */
@LocalServer(https = true)
class OrdersClientHttpsTest {

  private static final String ORDER_7 =
      "{\"id\":7,\"customer\":\"ada\",\"product\":\"tea\",\"quantity\":2,\"status\":\"PAID\"}";

  @Test
  void getsAnOrderOverHttps(LocalHttpServer server, @ServerUrl String baseUrl, OkHttpClient http) {
    server.stubFor(get("/orders/7").willReturn(okJson(ORDER_7)));

    OrdersClient orders = new OrdersClient(http, baseUrl);

    assertThat(baseUrl).startsWith("https://127.0.0.1:");
    assertThat(orders.get(7)).isEqualTo(new Order(7, "ada", "tea", 2, Status.PAID));
  }

  @Test
  void aClientThatDoesNotTrustTheCertificateFailsTheHandshake(@ServerUrl String baseUrl) {
    OkHttpClient untrusting = new OkHttpClient.Builder().retryOnConnectionFailure(false).build();
    OrdersClient orders = new OrdersClient(untrusting, baseUrl);

    TransportException e =
        assertThatExceptionOfType(TransportException.class).isThrownBy(() -> orders.get(7)).actual();

    // What failed is certificate path validation; the wording after the class name is the JDK's
    // own and differs between releases, so the test asserts the exception types instead.
    assertThat(e).hasMessageStartingWith("GET /orders/7 failed: javax.net.ssl.SSLHandshakeException: ");
    assertThat(e.getCause()).isInstanceOf(SSLHandshakeException.class);
    assertThat(e).hasRootCauseInstanceOf(CertPathBuilderException.class);
    assertThat(e.isTimeout()).isFalse();
  }
}

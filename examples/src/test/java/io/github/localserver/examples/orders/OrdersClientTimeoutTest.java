package io.github.localserver.examples.orders;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.github.localserver.Faults;
import io.github.localserver.LocalHttpServer;
import io.github.localserver.LocalServer;
import io.github.localserver.ServerUrl;
import java.net.SocketTimeoutException;
import java.time.Duration;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * A slow API against the client's read timeout: the timeout belongs to the {@link OkHttpClient},
 * and running out of it is a {@link TransportException} that says {@link
 * TransportException#isTimeout() isTimeout()}. The test takes the timeout (200 ms), not the delay.
 */
@LocalServer
class OrdersClientTimeoutTest {

  private static final String ORDER_7 =
      "{\"id\":7,\"customer\":\"ada\",\"product\":\"tea\",\"quantity\":2,\"status\":\"PAID\"}";

  @Test
  void aResponseSlowerThanTheReadTimeoutIsATimeout(
      LocalHttpServer server, @ServerUrl String baseUrl, OkHttpClient http, TestReporter reporter) {
    reporter.publishEntry("fault", "simulated: a response 1 s late (read timeout 200 ms)");
    server.stubFor(get("/orders/7").willReturn(Faults.delayed(okJson(ORDER_7), Duration.ofSeconds(1))));
    OkHttpClient impatient = http.newBuilder().readTimeout(Duration.ofMillis(200)).build();
    OrdersClient orders = new OrdersClient(impatient, baseUrl);

    TransportException e =
        assertThatExceptionOfType(TransportException.class).isThrownBy(() -> orders.get(7)).actual();

    // OkHttp says "timeout" or "Read timed out", depending on where the read was waiting.
    assertThat(e).hasMessageMatching("GET /orders/7 failed: java.net.SocketTimeoutException: (timeout|Read timed out)");
    assertThat(e.isTimeout()).isTrue();
    assertThat(e.getCause()).isInstanceOf(SocketTimeoutException.class);
  }

  @Test
  void aResponseWithinTheReadTimeoutIsFine(LocalHttpServer server, @ServerUrl String baseUrl, OkHttpClient http) {
    server.stubFor(get("/orders/7").willReturn(Faults.delayed(okJson(ORDER_7), Duration.ofMillis(50))));
    // Far more than the delay, so a busy machine (a cold JVM parsing its first JSON) stays within it.
    OkHttpClient patient = http.newBuilder().readTimeout(Duration.ofSeconds(2)).build();

    assertThat(new OrdersClient(patient, baseUrl).get(7).id()).isEqualTo(7);
  }
}

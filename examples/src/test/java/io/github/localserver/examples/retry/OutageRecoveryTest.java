package io.github.localserver.examples.retry;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.localserver.LocalHttpServer;
import io.github.localserver.LocalServer;
import io.github.localserver.ServerUrl;
import io.github.localserver.examples.orders.Order;
import io.github.localserver.examples.orders.Order.Status;
import io.github.localserver.examples.orders.OrdersClient;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * The API goes away and comes back on the same port: {@link LocalHttpServer#stop()} refuses
 * connections, and {@link LocalHttpServer#start()}, called while the client waits before its second
 * retry, ends the outage. The client rides it out: two refused attempts, then the order.
 */
@LocalServer
class OutageRecoveryTest {

  private static final String ORDER_7 =
      "{\"id\":7,\"customer\":\"ada\",\"product\":\"tea\",\"quantity\":2,\"status\":\"SHIPPED\"}";

  @Test
  void ridesOutAnOutage(LocalHttpServer server, @ServerUrl String baseUrl, OkHttpClient http, TestReporter reporter) {
    reporter.publishEntry("fault", "simulated: an outage (stop) after the first call, over (start) before the second retry");
    server.stubFor(get("/orders/7").willReturn(okJson(ORDER_7)));
    OrdersClient plain = new OrdersClient(http, baseUrl);
    int port = server.port();
    assertThat(plain.get(7).status()).isEqualTo(Status.SHIPPED); // a pooled connection now exists
    RecordingScheduler scheduler =
        new RecordingScheduler()
            .beforeRetry(
                retry -> {
                  if (retry == 2) {
                    server.start();
                  }
                });
    RetryingOrdersClient orders = new RetryingOrdersClient(plain, scheduler);

    server.stop();
    Order order = orders.get(7);

    assertThat(order).isEqualTo(new Order(7, "ada", "tea", 2, Status.SHIPPED));
    assertThat(server.port()).isEqualTo(port);
    // The first call and the second retry; the two refused attempts never reached the server.
    server.verify(2, getRequestedFor(urlEqualTo("/orders/7")));
    reporter.publishEntry("waits", scheduler.describeWaits());
    assertThat(scheduler.waits()).hasSize(2);
  }
}

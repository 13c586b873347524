package io.github.localserver.examples.retry;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.localserver.Faults;
import io.github.localserver.LocalHttpServer;
import io.github.localserver.LocalServer;
import io.github.localserver.ServerUrl;
import io.github.localserver.examples.orders.Order;
import io.github.localserver.examples.orders.Order.Status;
import io.github.localserver.examples.orders.OrdersClient;
import java.time.Duration;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * What {@link RetryingOrdersClient} retries, and how long it waits: each test lets the server fail
 * a few times, then answer; it counts the requests the server received and checks the waits the
 * policy asked for, which {@link RecordingScheduler} records instead of spending.
 */
@LocalServer
class RetryOnTransientFailuresTest {

  private static final Order ORDER_7 = new Order(7, "ada", "tea", 2, Status.PAID);
  private static final String ORDER_7_JSON =
      "{\"id\":7,\"customer\":\"ada\",\"product\":\"tea\",\"quantity\":2,\"status\":\"PAID\"}";

  // snippet:retry-test
  @Test
  void retriesA503UntilTheApiRecovers(LocalHttpServer server, @ServerUrl String baseUrl, OkHttpClient http) {
    server.stubSequence(get("/orders/7"), Faults.status(503), Faults.status(503), okJson("{\"id\":7}"));
    RecordingScheduler scheduler = new RecordingScheduler(); // records each wait, retries at once
    RetryingOrdersClient orders = new RetryingOrdersClient(new OrdersClient(http, baseUrl), scheduler);

    assertThat(orders.get(7).id()).isEqualTo(7);

    server.verify(3, getRequestedFor(urlEqualTo("/orders/7")));
    assertThat(scheduler.waits()).hasSize(2);
  }
  // end:retry-test

  @Test
  void waitsGrowExponentiallyWithJitter(
      LocalHttpServer server, @ServerUrl String baseUrl, OkHttpClient http, TestReporter reporter) {
    server.stubSequence(
        get("/orders/7"), Faults.status(502), Faults.status(504), Faults.status(503), okJson(ORDER_7_JSON));
    RecordingScheduler scheduler = new RecordingScheduler();
    RetryingOrdersClient orders = new RetryingOrdersClient(new OrdersClient(http, baseUrl), scheduler);

    assertThat(orders.get(7)).isEqualTo(ORDER_7);

    server.verify(4, getRequestedFor(urlEqualTo("/orders/7")));
    reporter.publishEntry("waits", scheduler.describeWaits());
    assertThat(scheduler.waits()).hasSize(3);
    // 200 ms, 400 ms, 800 ms, each ±25%: the ranges do not overlap, so the waits really grow.
    assertJittered(scheduler.waits().get(0), Duration.ofMillis(200));
    assertJittered(scheduler.waits().get(1), Duration.ofMillis(400));
    assertJittered(scheduler.waits().get(2), Duration.ofMillis(800));
    // Jitter picks a random point in the range; hitting the middle exactly is (almost) impossible.
    assertThat(scheduler.waits())
        .doesNotContain(Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(800));
  }

  @Test
  void a429WaitsAsLongAsItsRetryAfterSays(
      LocalHttpServer server, @ServerUrl String baseUrl, OkHttpClient http, TestReporter reporter) {
    server.stubSequence(get("/orders/7"), Faults.tooManyRequests(Duration.ofSeconds(2)), okJson(ORDER_7_JSON));
    RecordingScheduler scheduler = new RecordingScheduler();
    RetryingOrdersClient orders = new RetryingOrdersClient(new OrdersClient(http, baseUrl), scheduler);

    assertThat(orders.get(7)).isEqualTo(ORDER_7);

    server.verify(2, getRequestedFor(urlEqualTo("/orders/7")));
    reporter.publishEntry("waits", scheduler.describeWaits() + " (Retry-After: 2)");
    assertThat(scheduler.waits()).hasSize(1); // not the 200 ms backoff: the 2 s asked for
    assertJittered(scheduler.waits().get(0), Duration.ofSeconds(2));
  }

  @Test
  void aRetryAfterBeyondTheCapWaitsOnlyTheCap(
      LocalHttpServer server, @ServerUrl String baseUrl, OkHttpClient http, TestReporter reporter) {
    server.stubSequence(get("/orders/7"), Faults.serviceUnavailable(Duration.ofHours(1)), okJson(ORDER_7_JSON));
    RecordingScheduler scheduler = new RecordingScheduler();
    RetryingOrdersClient orders = new RetryingOrdersClient(new OrdersClient(http, baseUrl), scheduler);

    assertThat(orders.get(7)).isEqualTo(ORDER_7);

    server.verify(2, getRequestedFor(urlEqualTo("/orders/7")));
    reporter.publishEntry("waits", scheduler.describeWaits() + " (Retry-After: 3600, capped)");
    assertThat(scheduler.waits()).hasSize(1);
    assertJittered(scheduler.waits().get(0), RetryingOrdersClient.MAX_RETRY_AFTER);
  }

  @Test
  void retriesAConnectionReset(
      LocalHttpServer server, @ServerUrl String baseUrl, OkHttpClient http, TestReporter reporter) {
    reporter.publishEntry("fault", "simulated: connection reset, then 200");
    server.stubSequence(get("/orders/7"), Faults.connectionReset(), okJson(ORDER_7_JSON));
    RecordingScheduler scheduler = new RecordingScheduler();
    RetryingOrdersClient orders = new RetryingOrdersClient(new OrdersClient(http, baseUrl), scheduler);

    assertThat(orders.get(7)).isEqualTo(ORDER_7);

    server.verify(2, getRequestedFor(urlEqualTo("/orders/7")));
    assertThat(scheduler.waits()).hasSize(1);
  }

  @Test
  void retriesAnEmptyResponse(
      LocalHttpServer server, @ServerUrl String baseUrl, OkHttpClient http, TestReporter reporter) {
    reporter.publishEntry("fault", "simulated: connection closed with no response, then 200");
    server.stubSequence(get("/orders/7"), Faults.emptyResponse(), okJson(ORDER_7_JSON));
    RecordingScheduler scheduler = new RecordingScheduler();
    RetryingOrdersClient orders = new RetryingOrdersClient(new OrdersClient(http, baseUrl), scheduler);

    assertThat(orders.get(7)).isEqualTo(ORDER_7);

    server.verify(2, getRequestedFor(urlEqualTo("/orders/7")));
    assertThat(scheduler.waits()).hasSize(1);
  }

  @Test
  void retriesATimeout(
      LocalHttpServer server, @ServerUrl String baseUrl, OkHttpClient http, TestReporter reporter) {
    reporter.publishEntry("fault", "simulated: a response 1 s late (read timeout 200 ms), then 200");
    server.stubSequence(
        get("/orders/7"), Faults.delayed(okJson(ORDER_7_JSON), Duration.ofSeconds(1)), okJson(ORDER_7_JSON));
    OkHttpClient impatient = http.newBuilder().readTimeout(Duration.ofMillis(200)).build();
    RecordingScheduler scheduler = new RecordingScheduler();
    RetryingOrdersClient orders = new RetryingOrdersClient(new OrdersClient(impatient, baseUrl), scheduler);

    assertThat(orders.get(7)).isEqualTo(ORDER_7);

    server.verify(2, getRequestedFor(urlEqualTo("/orders/7")));
    assertThat(scheduler.waits()).hasSize(1);
  }

  private static void assertJittered(Duration wait, Duration nominal) {
    double jitter = RetryingOrdersClient.JITTER;
    assertThat(wait)
        .as("a wait of %s ± %.0f%%", nominal, jitter * 100)
        .isBetween(
            Duration.ofNanos((long) (nominal.toNanos() * (1 - jitter))),
            Duration.ofNanos((long) (nominal.toNanos() * (1 + jitter))));
  }
}

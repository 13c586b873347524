package io.github.localserver.examples.retry;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.github.localserver.Faults;
import io.github.localserver.LocalHttpServer;
import io.github.localserver.LocalServer;
import io.github.localserver.ServerUrl;
import io.github.localserver.examples.orders.HttpStatusException;
import io.github.localserver.examples.orders.OrdersClient;
import io.github.localserver.examples.orders.TransportException;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * When every attempt fails, the client gives up after {@link RetryingOrdersClient#MAX_ATTEMPTS}
 * with a {@link RetriesExhaustedException}: the last failure is its cause, and the earlier ones are
 * attached in order, so nothing that happened is lost.
 */
@LocalServer
class GiveUpTest {

  @Test
  void givesUpAfterMaxAttemptsWithEveryFailureAttached(
      LocalHttpServer server, @ServerUrl String baseUrl, OkHttpClient http, TestReporter reporter) {
    reporter.publishEntry("fault", "simulated: 503, 502, connection reset, 504");
    server.stubSequence(
        get("/orders/7"),
        Faults.status(503),
        Faults.status(502),
        Faults.connectionReset(),
        Faults.status(504));
    RecordingScheduler scheduler = new RecordingScheduler();
    RetryingOrdersClient orders = new RetryingOrdersClient(new OrdersClient(http, baseUrl), scheduler);

    RetriesExhaustedException e =
        assertThatExceptionOfType(RetriesExhaustedException.class).isThrownBy(() -> orders.get(7)).actual();

    assertThat(e).hasMessage("get order 7: gave up after 4 attempts; last error: GET /orders/7 answered 504");
    assertThat(e.attempts()).isEqualTo(RetryingOrdersClient.MAX_ATTEMPTS).isEqualTo(4);
    assertThat(e.getCause()).isInstanceOf(HttpStatusException.class).hasMessage("GET /orders/7 answered 504");
    assertThat(e.getSuppressed()).hasSize(3);
    assertThat(e.getSuppressed()[0]).hasMessage("GET /orders/7 answered 503");
    assertThat(e.getSuppressed()[1]).hasMessage("GET /orders/7 answered 502");
    assertThat(e.getSuppressed()[2]).isInstanceOf(TransportException.class);
    server.verify(4, getRequestedFor(urlEqualTo("/orders/7")));
    reporter.publishEntry("waits", scheduler.describeWaits());
    assertThat(scheduler.waits()).hasSize(3);
  }
}

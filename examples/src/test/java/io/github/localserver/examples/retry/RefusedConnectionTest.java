package io.github.localserver.examples.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.github.localserver.Faults;
import io.github.localserver.LocalServer;
import io.github.localserver.examples.orders.OrdersClient;
import io.github.localserver.examples.orders.TransportException;
import java.net.ConnectException;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * An API that is not there at all: {@link Faults#refusedUrl()} is a loopback address where nothing
 * listens. A refused connection is transient, so the client tries {@link
 * RetryingOrdersClient#MAX_ATTEMPTS} times, then gives up, every failure a {@link
 * ConnectException}.
 */
@LocalServer // for the injected client; its server is not called
class RefusedConnectionTest {

  @Test
  void retriesARefusedConnectionThenGivesUp(OkHttpClient http, TestReporter reporter) {
    String nowhere = Faults.refusedUrl();
    reporter.publishEntry("fault", "simulated: nothing listening at " + nowhere);
    RecordingScheduler scheduler = new RecordingScheduler();
    RetryingOrdersClient orders = new RetryingOrdersClient(new OrdersClient(http, nowhere), scheduler);

    RetriesExhaustedException e =
        assertThatExceptionOfType(RetriesExhaustedException.class).isThrownBy(() -> orders.get(7)).actual();

    assertThat(e)
        .hasMessageMatching(
            "get order 7: gave up after 4 attempts; last error: GET /orders/7 failed:"
                + " java.net.ConnectException: Failed to connect to /127.0.0.1:\\d+");
    assertThat(e.attempts()).isEqualTo(4);
    assertThat(e.getCause()).isInstanceOf(TransportException.class).hasCauseInstanceOf(ConnectException.class);
    assertThat(e.getSuppressed())
        .hasSize(3)
        .allSatisfy(earlier -> assertThat(earlier).hasCauseInstanceOf(ConnectException.class));
    reporter.publishEntry("waits", scheduler.describeWaits());
    assertThat(scheduler.waits()).hasSize(3);
  }
}

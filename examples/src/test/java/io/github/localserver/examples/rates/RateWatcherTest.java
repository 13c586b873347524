package io.github.localserver.examples.rates;

// snippet:await
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.localserver.LocalHttpServer;
import io.github.localserver.LocalServer;
import io.github.localserver.ServerUrl;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

// GET /rates/EUR comes from the recording; every stub this test adds must be used.
@LocalServer(recording = "recordings/rates", failOnUnusedStubs = true)
class RateWatcherTest {

  @Test
  void alertsFromItsSchedulerThread(LocalHttpServer server, @ServerUrl String baseUrl, OkHttpClient http) {
    server.stubFor(post("/alerts").willReturn(ok()));

    try (RateWatcher watcher =
        new RateWatcher(new RatesClient(http, baseUrl), "EUR", "USD", new BigDecimal("1.08"))) {
      watcher.start(Duration.ofMillis(20));

      // No sleep: returns as soon as two alerts have arrived, fails after 5 s listing what did.
      List<LoggedRequest> alerts =
          server.awaitRequests(2, postRequestedFor(urlEqualTo("/alerts")), Duration.ofSeconds(5));

      assertThat(alerts.get(0).getBodyAsString()).isEqualTo("{\"base\":\"EUR\",\"currency\":\"USD\",\"rate\":1.0842}");
    }
  }
}
// end:await

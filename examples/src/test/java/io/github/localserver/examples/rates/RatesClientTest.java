package io.github.localserver.examples.rates;

// snippet:recording
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.localserver.Faults;
import io.github.localserver.LocalHttpServer;
import io.github.localserver.LocalServer;
import io.github.localserver.Server;
import io.github.localserver.ServerUrl;
import java.math.BigDecimal;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

// Replays src/test/resources/recordings/rates, recorded from RatesStandIn: no network.
// Record again with -Dlocalserver.record=rates while the target runs.
@LocalServer(name = "rates", recording = "recordings/rates", target = RatesStandIn.URL)
class RatesClientTest {

  @Test
  void readsTheRecordedRates(@ServerUrl("rates") String baseUrl, OkHttpClient http) {
    Rates rates = new RatesClient(http, baseUrl).latest("EUR");

    assertThat(rates.date()).isEqualTo("2026-11-30");
    assertThat(rates.rates()).containsEntry("USD", new BigDecimal("1.0842"));
  }

  @Test
  void retriesA503AndGetsTheRealPayload(@ServerUrl("rates") String baseUrl, OkHttpClient http,
      @Server("rates") LocalHttpServer rates) {
    // One fault layered on the recording: the first call fails, the next gets the recorded answer.
    rates.stubFor(get("/rates/EUR").inScenario("outage").whenScenarioStateIs(STARTED)
        .willReturn(Faults.status(503)).willSetStateTo("recovered"));

    assertThat(new RatesClient(http, baseUrl).latest("EUR").rates()).containsKey("GBP");
    rates.verify(2, getRequestedFor(urlEqualTo("/rates/EUR")));
  }
}
// end:recording

package io.github.localserver.examples.spring;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.github.localserver.Faults;
import io.github.localserver.LocalHttpServer;
import io.github.localserver.LocalServer;
import io.github.localserver.ServerUrl;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.HttpServerErrorException;

// snippet:spring
@LocalServer // PER_CLASS: one server for the class, so its URL is known before Spring starts
@SpringBootTest
class PriceConverterTest {

  @ServerUrl static String ratesApi; // set by LocalServer before @BeforeAll

  @DynamicPropertySource
  static void ratesApiUrl(DynamicPropertyRegistry registry) {
    // Read when Spring builds the context, after LocalServer has set the field.
    registry.add("rates.base-url", () -> ratesApi);
  }

  @Autowired PriceConverter converter;

  @Test
  void convertsWithTheCurrentRate(LocalHttpServer server) {
    server.stubFor(get("/rates/EUR/USD").willReturn(okJson("{\"from\":\"EUR\",\"to\":\"USD\",\"rate\":1.0842}")));

    assertThat(converter.convert(new BigDecimal("20.00"), "EUR", "USD")).isEqualByComparingTo("21.68");

    server.verify(1, getRequestedFor(urlEqualTo("/rates/EUR/USD")));
  }

  @Test
  void anApiOutageReachesTheCaller(LocalHttpServer server) {
    server.stubFor(get("/rates/EUR/USD").willReturn(Faults.status(503)));

    assertThatExceptionOfType(HttpServerErrorException.ServiceUnavailable.class)
        .isThrownBy(() -> converter.convert(BigDecimal.TEN, "EUR", "USD"));
  }
}
// end:spring

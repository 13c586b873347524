package io.github.localserver.examples.spring;

import java.math.BigDecimal;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * The exchange-rate API's client. Its base URL is the property {@code rates.base-url}, as in any
 * Spring Boot app: {@code application.properties} in production, the mock server in tests.
 */
@Component
public class RatesClient {

  private final RestClient http;

  /**
   * @param baseUrl the API's base URL, without trailing slash
   */
  public RatesClient(@Value("${rates.base-url}") String baseUrl) {
    this.http = RestClient.create(baseUrl);
  }

  /**
   * How many {@code to} one {@code from} buys.
   *
   * @param from an ISO 4217 currency code, e.g. {@code EUR}
   * @param to an ISO 4217 currency code, e.g. {@code USD}
   * @return the rate
   */
  public BigDecimal rate(String from, String to) {
    Rate rate = http.get().uri("/rates/{from}/{to}", from, to).retrieve().body(Rate.class);
    if (rate == null) {
      throw new IllegalStateException("GET /rates/" + from + "/" + to + " answered no body");
    }
    return rate.rate();
  }

  /** The API's answer, e.g. {@code {"from":"EUR","to":"USD","rate":1.0842}}. */
  record Rate(String from, String to, BigDecimal rate) {}
}

package io.github.localserver.examples.spring;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.springframework.stereotype.Service;

/** Converts prices between currencies with the API's current rate. */
@Service
public class PriceConverter {

  private final RatesClient rates;

  /**
   * @param rates the exchange-rate API's client
   */
  public PriceConverter(RatesClient rates) {
    this.rates = rates;
  }

  /**
   * The price in another currency, rounded half-even to cents.
   *
   * @param amount the price
   * @param from its currency
   * @param to the currency wanted
   * @return the price in {@code to}
   */
  public BigDecimal convert(BigDecimal amount, String from, String to) {
    return amount.multiply(rates.rate(from, to)).setScale(2, RoundingMode.HALF_EVEN);
  }
}

package io.github.localserver.examples.rates;

import java.math.BigDecimal;
import java.util.Map;

/**
 * Exchange rates from one base currency, as the rates API answers {@code GET /rates/{base}}.
 *
 * @param base the base currency, e.g. {@code EUR}
 * @param date the day the rates are for, e.g. {@code 2026-11-30}
 * @param rates the rate of each other currency
 */
public record Rates(String base, String date, Map<String, BigDecimal> rates) {}

package io.github.localserver.examples.rates;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Watches one rate in the background: every {@code period} it reads the latest rates and, when the
 * rate is at or above the threshold, posts an alert. The code under test of an asynchronous
 * example: its requests come from a scheduler thread, not from the test's.
 */
public final class RateWatcher implements AutoCloseable {

  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final RatesClient client;
  private final String base;
  private final String currency;
  private final BigDecimal threshold;

  public RateWatcher(RatesClient client, String base, String currency, BigDecimal threshold) {
    this.client = client;
    this.base = base;
    this.currency = currency;
    this.threshold = threshold;
  }

  /** Starts watching; the first check runs at once. */
  public void start(Duration period) {
    scheduler.scheduleWithFixedDelay(this::check, 0, period.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void check() {
    try {
      BigDecimal rate = client.latest(base).rates().get(currency);
      if (rate != null && rate.compareTo(threshold) >= 0) {
        client.alert(base, currency, rate);
      }
    } catch (RuntimeException e) {
      // a failed check is retried at the next period
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    try {
      scheduler.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

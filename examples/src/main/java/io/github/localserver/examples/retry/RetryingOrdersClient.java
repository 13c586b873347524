package io.github.localserver.examples.retry;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RetryPolicy;
import dev.failsafe.function.CheckedSupplier;
import dev.failsafe.spi.Scheduler;
import io.github.localserver.examples.orders.ApiException;
import io.github.localserver.examples.orders.HttpStatusException;
import io.github.localserver.examples.orders.NewOrder;
import io.github.localserver.examples.orders.Order;
import io.github.localserver.examples.orders.OrdersClient;
import io.github.localserver.examples.orders.TransportException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * {@link OrdersClient} with retries of transient failures, by <a
 * href="https://failsafe.dev">Failsafe</a>. The rules:
 *
 * <ul>
 *   <li>Transient: 503, 429, 502 and 504 (a gateway could not reach, or wait for, the API), and
 *       every {@link TransportException} (refused, reset, empty response, timeout). Nothing else
 *       is retried: other 4xx will fail the same way again, a 500 is a bug on the server, and a
 *       malformed body will not mend itself.
 *   <li>Waits grow exponentially from {@link #BASE_DELAY} up to {@link #MAX_DELAY}, each spread by
 *       ±{@link #JITTER} so that clients failing together do not come back together.
 *   <li>A {@code Retry-After} (in seconds) on a 503 or 429 replaces the backoff, capped at {@link
 *       #MAX_RETRY_AFTER}; Failsafe spreads it by the same jitter.
 *   <li>At most {@link #MAX_ATTEMPTS} attempts; then {@link RetriesExhaustedException}, with every
 *       failure attached. A failure that is not transient is thrown at once, as it is.
 *   <li>A {@code POST} is retried only with an {@code Idempotency-Key}: without one, a request that
 *       timed out may have created the order, and repeating it could create a second.
 * </ul>
 *
 * <p>Waits run on Failsafe's {@link Scheduler}: {@link Scheduler#DEFAULT} in production; tests pass
 * one that records each wait and runs the retry at once, so they check the waits without taking
 * them.
 */
public final class RetryingOrdersClient {

  /** Attempts per call, the first included. */
  public static final int MAX_ATTEMPTS = 4;
  /** The wait before the first retry; it doubles for each next one. */
  public static final Duration BASE_DELAY = Duration.ofMillis(200);
  /** The longest backoff wait. */
  public static final Duration MAX_DELAY = Duration.ofSeconds(5);
  /** Each wait is spread randomly by this fraction of it, up or down. */
  public static final double JITTER = 0.25;
  /** The longest a {@code Retry-After} header makes us wait. */
  public static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(10);

  /**
   * What the delay function returns for "no {@code Retry-After}: back off as configured". Failsafe
   * takes a negative delay to mean that; {@code null} (3.3.2) fails with a NullPointerException.
   */
  private static final Duration BACK_OFF = Duration.ofMillis(-1);

  // snippet:retry-policy
  static final RetryPolicy<Object> TRANSIENT_FAILURES =
      RetryPolicy.builder()
          .handleIf((Throwable failure) -> isTransient(failure))
          .withMaxAttempts(MAX_ATTEMPTS)
          .withBackoff(BASE_DELAY, MAX_DELAY)
          .withJitter(JITTER)
          .withDelayFn(attempt -> retryAfter(attempt.getLastException()))
          .build();
  // end:retry-policy

  private final OrdersClient orders;
  private final FailsafeExecutor<Object> retries;

  /** Retries waiting on Failsafe's default scheduler. */
  public RetryingOrdersClient(OrdersClient orders) {
    this(orders, Scheduler.DEFAULT);
  }

  /** Retries waiting on {@code scheduler}, which runs each attempt after the wait it is given. */
  public RetryingOrdersClient(OrdersClient orders, Scheduler scheduler) {
    this.orders = orders;
    this.retries = Failsafe.with(TRANSIENT_FAILURES).with(scheduler);
  }

  /** {@link OrdersClient#get(long)}, retried. */
  public Order get(long id) {
    return withRetries("get order " + id, () -> orders.get(id));
  }

  /** {@link OrdersClient#list()}, retried. */
  public List<Order> list() {
    return withRetries("list orders", orders::list);
  }

  /** {@link OrdersClient#create(NewOrder)}, never retried: repeating it might order twice. */
  public Order create(NewOrder order) {
    return orders.create(order);
  }

  /** {@link OrdersClient#create(NewOrder, String)}, retried with the same key every time. */
  public Order create(NewOrder order, String idempotencyKey) {
    return withRetries(
        "create order with Idempotency-Key " + idempotencyKey,
        () -> orders.create(order, idempotencyKey));
  }

  /** Whether a failure is worth another attempt. */
  static boolean isTransient(Throwable failure) {
    if (failure instanceof HttpStatusException status) {
      return switch (status.status()) {
        case 429, 502, 503, 504 -> true;
        default -> false;
      };
    }
    return failure instanceof TransportException;
  }

  /** The wait a 503 or 429 asks for, capped; {@link #BACK_OFF} when it asks for none. */
  static Duration retryAfter(Throwable failure) {
    if (failure instanceof HttpStatusException status && (status.status() == 503 || status.status() == 429)) {
      String value = status.headers().get("Retry-After");
      if (value != null && value.matches("\\d{1,9}")) { // the HTTP-date form is not supported
        Duration asked = Duration.ofSeconds(Long.parseLong(value));
        return asked.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : asked;
      }
    }
    return BACK_OFF;
  }

  private <T> T withRetries(String operation, CheckedSupplier<T> call) {
    List<Throwable> failures = new CopyOnWriteArrayList<>();
    try {
      return retries
          .getAsync(
              () -> {
                try {
                  return call.get();
                } catch (ApiException e) {
                  failures.add(e);
                  throw e;
                }
              })
          .join();
    } catch (CompletionException e) {
      Throwable last = e.getCause();
      if (isTransient(last)) {
        throw new RetriesExhaustedException(operation, failures);
      }
      if (last instanceof RuntimeException unchecked) {
        throw unchecked;
      }
      throw e;
    }
  }
}

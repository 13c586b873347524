package io.github.localserver.examples.retry;

import dev.failsafe.spi.Scheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;

/**
 * A Failsafe {@link Scheduler} for tests: it records the wait Failsafe asks for before each retry,
 * then runs the retry at once, on the caller's thread. Retry tests thus check the waits the policy
 * chose without spending them. Use one per retrying call.
 *
 * <p>Failsafe schedules the call's first attempt too, with no wait; each retry is scheduled after
 * the wait the policy computed. So the first task is the first attempt, and every later one a
 * retry.
 */
final class RecordingScheduler implements Scheduler {

  private final List<Duration> waits = new ArrayList<>();
  private IntConsumer beforeRetry = retry -> {};
  private int tasks;

  /** Runs {@code action} with the retry's number (1 for the first retry) before each retry. */
  RecordingScheduler beforeRetry(IntConsumer action) {
    this.beforeRetry = action;
    return this;
  }

  /** The waits asked for before each retry, in order. */
  List<Duration> waits() {
    return List.copyOf(waits);
  }

  /** The waits in milliseconds, for a report: {@code "waits asked for (not taken): 212, 388 ms"}. */
  String describeWaits() {
    if (waits.isEmpty()) {
      return "waits asked for: none";
    }
    return waits.stream()
        .map(wait -> String.valueOf(wait.toMillis()))
        .collect(Collectors.joining(", ", "waits asked for (not taken): ", " ms"));
  }

  @Override
  public ScheduledFuture<?> schedule(Callable<?> task, long delay, TimeUnit unit) {
    if (tasks++ > 0) {
      waits.add(Duration.ofNanos(unit.toNanos(delay)));
      beforeRetry.accept(waits.size());
    } else if (delay != 0) {
      throw new IllegalStateException("a first attempt scheduled after " + delay + " " + unit);
    }
    CompletableFuture<Object> done = new CompletableFuture<>();
    try {
      done.complete(task.call());
    } catch (Exception e) {
      done.completeExceptionally(e);
    }
    return new Done(done);
  }

  /** The future of a task that has already run. */
  private record Done(CompletableFuture<Object> result) implements ScheduledFuture<Object> {

    @Override
    public long getDelay(TimeUnit unit) {
      return 0;
    }

    @Override
    public int compareTo(Delayed other) {
      return Long.compare(0, other.getDelay(TimeUnit.NANOSECONDS));
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      return false;
    }

    @Override
    public boolean isCancelled() {
      return false;
    }

    @Override
    public boolean isDone() {
      return true;
    }

    @Override
    public Object get() throws InterruptedException, ExecutionException {
      return result.get();
    }

    @Override
    public Object get(long timeout, TimeUnit unit)
        throws InterruptedException, ExecutionException, TimeoutException {
      return result.get(timeout, unit);
    }
  }
}

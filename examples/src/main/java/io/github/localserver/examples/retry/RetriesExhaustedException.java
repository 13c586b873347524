package io.github.localserver.examples.retry;

import io.github.localserver.examples.orders.ApiException;
import java.util.List;

/**
 * Every attempt allowed failed with a transient error. The cause is the last failure; the earlier
 * ones are {@linkplain #getSuppressed() suppressed}, oldest first, so a log shows the whole story.
 */
public final class RetriesExhaustedException extends ApiException {

  private static final long serialVersionUID = 1L;

  private final int attempts;

  /**
   * @param operation what was attempted, e.g. {@code "get order 7"}
   * @param failures the failure of each attempt, oldest first; not empty
   */
  public RetriesExhaustedException(String operation, List<? extends Throwable> failures) {
    super(
        operation
            + ": gave up after "
            + failures.size()
            + (failures.size() == 1 ? " attempt" : " attempts")
            + "; last error: "
            + last(failures).getMessage(),
        last(failures));
    this.attempts = failures.size();
    failures.subList(0, failures.size() - 1).forEach(this::addSuppressed);
  }

  /** How many attempts were made. */
  public int attempts() {
    return attempts;
  }

  private static Throwable last(List<? extends Throwable> failures) {
    return failures.get(failures.size() - 1);
  }
}

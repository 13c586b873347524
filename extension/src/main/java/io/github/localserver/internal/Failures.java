package io.github.localserver.internal;

/** Collects failures of a clean-up that goes on after one step fails: the first, the rest suppressed. */
final class Failures {

  private Failures() {}

  /** {@code next} added to {@code failure}, or {@code next} itself when it is the first. */
  static RuntimeException add(RuntimeException failure, RuntimeException next) {
    if (failure == null) {
      return next;
    }
    failure.addSuppressed(next);
    return failure;
  }
}

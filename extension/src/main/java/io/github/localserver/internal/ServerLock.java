package io.github.localserver.internal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * How tests share a {@link io.github.localserver.Lifecycle#PER_CLASS} server without seeing each
 * other's stubs or requests, even when JUnit runs them concurrently: the server has one permit.
 *
 * <p>A test takes it before its {@code @BeforeEach} methods and gives it back after its {@code
 * @AfterEach} methods. A class takes it before its {@code @BeforeAll} methods and keeps it until its
 * first test or nested class takes it over without waiting (so the class baseline is what
 * {@code @BeforeAll} left), or until the class ends. Permits are always taken outermost server
 * first, so there is no cycle to deadlock on.
 *
 * <p>Every wait has a deadline ({@value #DEADLINE_MINUTES} minutes) and its failure names the
 * holder; a holder that asks again (a callback run twice) fails at once instead of waiting for
 * itself. Waiting uses {@link ForkJoinPool#managedBlock} so that JUnit's fork-join pool can add a
 * worker while one waits.
 *
 * <p>Why not JUnit's {@code @ResourceLock} providers (5.12+): a provider sees only the class, not
 * the configuration parameters ({@code localserver.lifecycle}) nor programmatic extensions, so it
 * cannot tell which servers are shared; and it would raise the JUnit floor.
 */
final class ServerLock {

  static final long DEADLINE_MINUTES = 10;

  private final String label;
  private final Semaphore permit = new Semaphore(1, true);
  private String holder; // guarded by this: unique id of the test or class holding the permit
  private long heldSince; // guarded by this
  private String capturing; // guarded by this: a class whose @BeforeAll phase holds the permit

  /** @param label the server, for messages */
  ServerLock(String label) {
    this.label = label;
  }

  /**
   * Takes the permit for a class's {@code @BeforeAll} phase.
   *
   * @param classId the class context's unique id
   * @param enclosing unique ids of the enclosing class contexts, innermost first
   * @return the enclosing class whose {@code @BeforeAll} phase just ended by this take, if any
   */
  String takeForClass(String classId, List<String> enclosing) {
    String handedOver = take(classId, enclosing);
    synchronized (this) {
      capturing = classId;
    }
    return handedOver;
  }

  /**
   * Takes the permit for a test.
   *
   * @param testId the test context's unique id
   * @param classes unique ids of the test's class contexts, innermost first
   * @return the class whose {@code @BeforeAll} phase just ended by this take, or {@code null}
   */
  String takeForTest(String testId, List<String> classes) {
    return take(testId, classes);
  }

  private String take(String taker, List<String> classes) {
    synchronized (this) {
      if (taker.equals(holder)) {
        throw new IllegalStateException(
            ServerSettings.capitalized(label) + " is already held by " + taker + ", which asked for it again");
      }
      if (capturing != null && classes.contains(capturing)) {
        String handedOver = capturing;
        capturing = null;
        holder = taker;
        heldSince = System.nanoTime();
        return handedOver; // the permit passes from the class to its child, without waiting
      }
    }
    acquire(taker);
    synchronized (this) {
      holder = taker;
      heldSince = System.nanoTime();
    }
    return null;
  }

  /** Gives the permit back after a test. */
  synchronized void releaseTest(String testId) {
    if (testId.equals(holder)) {
      holder = null;
      permit.release();
    }
  }

  /** Ends a class's hold if no child took it over (for example, every test was disabled). */
  synchronized void releaseClass(String classId) {
    if (classId.equals(capturing)) {
      capturing = null;
      holder = null;
      permit.release();
    }
  }

  private void acquire(String taker) {
    if (permit.tryAcquire()) {
      return;
    }
    Blocker blocker = new Blocker(System.nanoTime() + TimeUnit.MINUTES.toNanos(DEADLINE_MINUTES));
    try {
      ForkJoinPool.managedBlock(blocker);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while " + taker + " waited for " + label + ", shared by its class", e);
    }
    if (!blocker.acquired) {
      synchronized (this) {
        throw new IllegalStateException(
            taker
                + " waited "
                + DEADLINE_MINUTES
                + " minutes for "
                + label
                + ", shared by the tests of its class; it is still held by "
                + holder
                + " (for "
                + Duration.ofNanos(System.nanoTime() - heldSince).toSeconds()
                + " s). A test that runs this long should have a server of its own (lifecycle ="
                + " PER_METHOD)");
      }
    }
  }

  /** Waits for the permit until the deadline. */
  private final class Blocker implements ForkJoinPool.ManagedBlocker {
    private final long deadline;
    private boolean acquired;

    Blocker(long deadline) {
      this.deadline = deadline;
    }

    @Override
    public boolean block() throws InterruptedException {
      long left = deadline - System.nanoTime();
      if (!acquired && left > 0) {
        acquired = permit.tryAcquire(left, TimeUnit.NANOSECONDS);
      }
      return true;
    }

    @Override
    public boolean isReleasable() {
      if (!acquired) {
        acquired = permit.tryAcquire();
      }
      return acquired || System.nanoTime() - deadline >= 0;
    }
  }
}

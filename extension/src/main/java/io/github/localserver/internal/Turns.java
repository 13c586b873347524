package io.github.localserver.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Semaphore;

/**
 * How tests share a {@link io.github.localserver.Lifecycle#PER_CLASS} server without seeing each
 * other's stubs or requests, even when JUnit runs them concurrently.
 *
 * <p>How it works: the server has one permit. A test takes it before its {@code @BeforeEach}
 * methods run, the server is restored to the baseline of the test's class, and the test gives the
 * permit back after its {@code @AfterEach} methods. Tests of one class thus take turns on their
 * shared server (declare {@code PER_METHOD} for tests that should run truly in parallel), while
 * tests using other servers go on.
 *
 * <p>Baselines: a class takes the permit before its {@code @BeforeAll} methods (it "captures"),
 * restoring the enclosing class's baseline, and keeps it until its first test or nested class
 * starts. That child takes the permit over without waiting, snapshots the server as the class's
 * baseline and goes on. Permits are always taken outermost server first, so there is no cycle to
 * deadlock on. Waiting uses {@link ForkJoinPool#managedBlock} so that JUnit's fork-join pool can
 * add a worker while one waits.
 */
final class Turns {

  private final SharedServer server;
  private final Semaphore permit = new Semaphore(1, true);
  private final Map<String, Object> baselines = new ConcurrentHashMap<>();
  private String capturing; // guarded by this

  Turns(SharedServer server) {
    this.server = server;
  }

  /**
   * Takes the server for a class's {@code @BeforeAll} phase.
   *
   * @param classId the class context's unique id
   * @param enclosing unique ids of the enclosing class contexts, innermost first
   */
  void beginCapture(String classId, List<String> enclosing) {
    take(enclosing);
    try {
      server.ensureRunning();
      server.restore(nearest(enclosing));
    } catch (RuntimeException | Error e) {
      permit.release();
      throw e;
    }
    synchronized (this) {
      capturing = classId;
    }
  }

  /** Ends a class's capture if no child took it over (for example, every test was disabled). */
  void endCapture(String classId) {
    synchronized (this) {
      if (classId.equals(capturing)) {
        capturing = null;
        permit.release();
      }
    }
  }

  /**
   * Takes the server for one test and restores its class's baseline.
   *
   * @param classes unique ids of the test's class contexts, innermost first
   */
  void enter(List<String> classes) {
    take(classes);
    try {
      server.ensureRunning();
      server.restore(nearest(classes));
    } catch (RuntimeException | Error e) {
      permit.release();
      throw e;
    }
  }

  /** Gives the server back after a test. */
  void leave() {
    permit.release();
  }

  private void take(List<String> classes) {
    synchronized (this) {
      if (capturing != null && classes.contains(capturing)) {
        baselines.put(capturing, server.snapshot());
        capturing = null;
        return; // the permit passes from the capturing class to its child
      }
    }
    acquire();
  }

  private Object nearest(List<String> classes) {
    for (String id : classes) {
      Object baseline = baselines.get(id);
      if (baseline != null) {
        return baseline;
      }
    }
    return server.initialBaseline();
  }

  private void acquire() {
    if (permit.tryAcquire()) {
      return;
    }
    try {
      ForkJoinPool.managedBlock(
          new ForkJoinPool.ManagedBlocker() {
            private boolean acquired;

            @Override
            public boolean block() throws InterruptedException {
              if (!acquired) {
                permit.acquire();
                acquired = true;
              }
              return true;
            }

            @Override
            public boolean isReleasable() {
              if (!acquired) {
                acquired = permit.tryAcquire();
              }
              return acquired;
            }
          });
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(
          "Interrupted while waiting for " + server.settings().label() + ", shared by this class's tests", e);
    }
  }
}

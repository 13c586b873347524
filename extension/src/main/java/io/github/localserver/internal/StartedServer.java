package io.github.localserver.internal;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What LocalServer needs of any started server, HTTP ({@link RunningServer}) or made by a {@code
 * LocalServerFactory} ({@link FactoryServer}): its address, going back to a baseline between the
 * tests that share it, and closing once. Holds what both kinds keep alike: the settings, the
 * permit their tests take turns with, the classes' baselines, and whether (and with what hook) it
 * closed. Owned by a JUnit store, which closes it when its scope ends.
 *
 * @param <B> what a snapshot of its state is
 */
@SuppressWarnings("deprecation") // CloseableResource: how JUnit before 5.13 closes stored values
abstract class StartedServer<B> implements AutoCloseable, ExtensionContext.Store.CloseableResource {

  private final ServerSettings settings;
  private final ServerLock lock;
  private final Baselines<B> baselines = new Baselines<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile Runnable closeHook = () -> {};

  StartedServer(ServerSettings settings) {
    this.settings = settings;
    this.lock = new ServerLock(settings.label());
  }

  public final ServerSettings settings() {
    return settings;
  }

  public abstract int port();

  /** What {@code @ServerUrl} injects. */
  abstract String url();

  /** The permit its tests take turns with. */
  final ServerLock lock() {
    return lock;
  }

  /** Its classes' baselines. */
  final Baselines<B> baselines() {
    return baselines;
  }

  /** Its state now. */
  abstract B snapshot();

  /** Back to a snapshot. */
  abstract void restore(B baseline);

  /** Back to how it was right after start. */
  abstract void restoreInitial();

  /** Before each test: a server a previous test left stopped (or shut down) listens again. */
  abstract void ensureRunning();

  final boolean isClosed() {
    return closed.get();
  }

  /** What runs first when it closes (the bookkeeping of whoever started it). */
  final void onClose(Runnable hook) {
    closeHook = hook;
  }

  /** Closes it once: the hook, then the server itself; later calls do nothing. */
  @Override
  public final void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      closeHook.run();
    } finally {
      stopForGood();
    }
  }

  /** Stops the server for good; called once, by {@link #close()}. */
  abstract void stopForGood();

  /**
   * Before a class's {@code @BeforeAll} methods: takes the server, back to the enclosing class's
   * baseline. A server started for this class is left as it is: nothing has touched it yet.
   *
   * @param enclosing unique ids of the enclosing class contexts, innermost first
   */
  final void enterClass(String classId, List<String> enclosing, boolean startedForIt) {
    handOver(lock().takeForClass(classId, enclosing));
    try {
      ensureRunning();
      if (!startedForIt) {
        backTo(enclosing);
      }
    } catch (RuntimeException | Error e) {
      lock().releaseClass(classId);
      throw e;
    }
  }

  /** After a class's {@code @AfterAll} methods. */
  final void leaveClass(String classId) {
    lock().releaseClass(classId);
  }

  /**
   * Before a test's {@code @BeforeEach} methods: takes the server, back to the baseline of the
   * test's class.
   *
   * @param classes unique ids of the test's class contexts, innermost first
   */
  final void enterTest(String testId, List<String> classes) {
    handOver(lock().takeForTest(testId, classes));
    try {
      ensureRunning();
      backTo(classes);
    } catch (RuntimeException | Error e) {
      lock().releaseTest(testId);
      throw e;
    }
  }

  /** After a test's {@code @AfterEach} methods. */
  final void leaveTest(String testId) {
    lock().releaseTest(testId);
  }

  /**
   * The {@code @BeforeAll} phase of a class ends: its first test or nested class takes the server.
   * What that phase did is kept as the class baseline; an HTTP server also keeps the requests it
   * received, which the next reset would drop, to check them when the class ends.
   */
  void endSetUp(String classId) {}

  private void handOver(String classWhoseSetUpEnded) {
    if (classWhoseSetUpEnded != null) {
      endSetUp(classWhoseSetUpEnded);
      baselines().record(classWhoseSetUpEnded, snapshot());
    }
  }

  private void backTo(List<String> classes) {
    baselines().nearest(classes).ifPresentOrElse(this::restore, this::restoreInitial);
  }
}

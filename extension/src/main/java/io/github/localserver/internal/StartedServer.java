package io.github.localserver.internal;

import java.util.List;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What LocalServer needs of any started server, HTTP ({@link RunningServer}) or made by a {@code
 * LocalServerFactory} ({@link FactoryServer}): its address, going back to a baseline between the
 * tests that share it, and closing. Owned by a JUnit store, which closes it when its scope ends.
 *
 * @param <B> what a snapshot of its state is
 */
@SuppressWarnings("deprecation") // CloseableResource: how JUnit before 5.13 closes stored values
interface StartedServer<B> extends AutoCloseable, ExtensionContext.Store.CloseableResource {

  ServerSettings settings();

  int port();

  /** What {@code @ServerUrl} injects. */
  String url();

  /** The permit its tests take turns with. */
  ServerLock lock();

  /** Its classes' baselines. */
  Baselines<B> baselines();

  /** Its state now. */
  B snapshot();

  /** Back to a snapshot. */
  void restore(B baseline);

  /** Back to how it was right after start. */
  void restoreInitial();

  /** Before each test: a server a previous test left stopped (or shut down) listens again. */
  void ensureRunning();

  boolean isClosed();

  void onClose(Runnable hook);

  @Override
  void close();

  /**
   * Before a class's {@code @BeforeAll} methods: takes the server, back to the enclosing class's
   * baseline. A server started for this class is left as it is: nothing has touched it yet.
   *
   * @param enclosing unique ids of the enclosing class contexts, innermost first
   */
  default void enterClass(String classId, List<String> enclosing, boolean startedForIt) {
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
  default void leaveClass(String classId) {
    lock().releaseClass(classId);
  }

  /**
   * Before a test's {@code @BeforeEach} methods: takes the server, back to the baseline of the
   * test's class.
   *
   * @param classes unique ids of the test's class contexts, innermost first
   */
  default void enterTest(String testId, List<String> classes) {
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
  default void leaveTest(String testId) {
    lock().releaseTest(testId);
  }

  /**
   * The {@code @BeforeAll} phase of a class ends: its first test or nested class takes the server.
   * What that phase did is kept as the class baseline; an HTTP server also keeps the requests it
   * received, which the next reset would drop, to check them when the class ends.
   */
  default void endSetUp(String classId) {}

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

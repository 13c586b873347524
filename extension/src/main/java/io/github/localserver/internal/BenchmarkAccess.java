package io.github.localserver.internal;

import io.github.localserver.LocalHttpServer;
import java.util.List;

/**
 * The benchmarks module's one door into the internals: what a test run does around each test of a
 * {@code PER_CLASS} server, without JUnit, so that it can be measured alone. Not API.
 */
public final class BenchmarkAccess {

  private BenchmarkAccess() {}

  /**
   * What happens before each test of a shared server: take its turn, back to the class baseline.
   *
   * @param server a server from {@link ServerStarter#acquire}
   * @param testId the test's unique id
   * @param classIds the test's class contexts, innermost first
   */
  public static void enterTest(LocalHttpServer server, String testId, List<String> classIds) {
    ((RunningServer) server).enterTest(testId, classIds);
  }

  /** What happens after each test: give the turn back. */
  public static void leaveTest(LocalHttpServer server, String testId) {
    ((RunningServer) server).leaveTest(testId);
  }
}

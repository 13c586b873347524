package io.github.localserver.internal;

import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What LocalServer needs of any started server, HTTP ({@link RunningServer}) or made by a {@code
 * LocalServerFactory} ({@link CustomServer}): its address, a way back to a baseline between tests,
 * and closing. Owned by a JUnit store, which closes it when its scope ends.
 */
@SuppressWarnings("deprecation") // CloseableResource: how JUnit before 5.13 closes stored values
interface SharedServer extends AutoCloseable, ExtensionContext.Store.CloseableResource {

  ServerSettings settings();

  int port();

  /** What {@code @ServerUrl} injects. */
  String url();

  Turns turns();

  /** The state to come back to before a test (never null). */
  Object snapshot();

  /** Back to a snapshot (or, for a factory's server, to its clean state). */
  void restore(Object baseline);

  /** The baseline right after start. */
  Object initialBaseline();

  /** Before each test: a server a previous test left stopped listens again. */
  void ensureRunning();

  boolean isClosed();

  void onClose(Runnable hook);

  @Override
  void close();
}

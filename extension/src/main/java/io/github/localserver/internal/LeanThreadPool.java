package io.github.localserver.internal;

import com.github.tomakehurst.wiremock.core.Options;
import com.github.tomakehurst.wiremock.http.ThreadPoolFactory;
import wiremock.org.eclipse.jetty.util.thread.QueuedThreadPool;
import wiremock.org.eclipse.jetty.util.thread.ThreadPool;

/**
 * Jetty's thread pool for a test server: as many threads as WireMock allows under load ({@code
 * containerThreads}, 25), but only {@value #MIN_THREADS} kept while idle instead of Jetty's 8 —
 * the selector (which also accepts connections) and two workers — and no reserved threads. A suite
 * with many servers alive at once (parallel classes, a pool of reused servers) then holds four
 * threads per idle server (with Jetty's connector scheduler), not nine; threads a burst of requests
 * started end after {@value #IDLE_TIMEOUT_MILLIS} ms idle.
 *
 * <p>The Jetty types are WireMock's shaded copies ({@code wiremock.org.eclipse.jetty}), which is
 * what {@code wiremock-standalone} exposes to a thread pool factory.
 */
final class LeanThreadPool implements ThreadPoolFactory {

  static final int MIN_THREADS = 3;
  static final int IDLE_TIMEOUT_MILLIS = 2_000;

  @Override
  public ThreadPool buildThreadPool(Options options) {
    QueuedThreadPool pool =
        new QueuedThreadPool(Math.max(MIN_THREADS, options.containerThreads()), MIN_THREADS, IDLE_TIMEOUT_MILLIS);
    pool.setName("localserver-jetty");
    // Jetty keeps threads in reserve for latency under load; a test server has no such load.
    pool.setReservedThreads(0);
    // Daemon threads: a server started ahead that nobody took never holds the JVM open.
    pool.setDaemon(true);
    return pool;
  }
}

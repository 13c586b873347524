package io.github.localserver.internal;

import com.github.tomakehurst.wiremock.matching.RequestPattern;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.github.tomakehurst.wiremock.verification.NearMiss;
import com.github.tomakehurst.wiremock.verification.diff.PlainTextDiffRenderer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.opentest4j.AssertionFailedError;

/**
 * Waits, with a deadline, until a server's journal holds a number of requests matching a pattern:
 * for code under test that calls the API from another thread (a scheduler, a listener).
 *
 * <p>How it works: the journal is read every few milliseconds (5 ms at first, backing off to 50
 * ms) until enough requests match or the deadline passes; nothing blocks longer than the time
 * left. The journal is the test's own (it is reset before each test), and survives {@code
 * stop()}/{@code start()}, so requests that arrived before an outage still count.
 */
final class AwaitedRequests {

  private static final long FIRST_PAUSE_MILLIS = 5;
  private static final long LONGEST_PAUSE_MILLIS = 50;
  private static final int MISSES_SHOWN = 3;

  private AwaitedRequests() {}

  /** See {@code LocalHttpServer.awaitRequests}. */
  static List<LoggedRequest> await(RunningServer server, int count, RequestPatternBuilder pattern, Duration timeout) {
    if (count < 1) {
      throw new IllegalArgumentException(
          "awaitRequests(count = " + count + ", ...): count must be at least 1");
    }
    Objects.requireNonNull(pattern, "awaitRequests(count, pattern, timeout): pattern is null");
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException(
          "awaitRequests(..., timeout = "
              + timeout
              + "): timeout must be positive, e.g. Duration.ofSeconds(5)");
    }
    RequestPattern wanted = pattern.build();
    long deadline = System.nanoTime() + timeout.toNanos();
    long pause = FIRST_PAUSE_MILLIS;
    while (true) {
      List<LoggedRequest> matching = matching(server, wanted);
      if (matching.size() >= count) {
        return List.copyOf(matching.subList(0, count));
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionFailedError(timedOut(server, count, pattern, wanted, timeout, matching));
      }
      try {
        Thread.sleep(Math.max(1, Math.min(pause, left / 1_000_000)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(
            "Interrupted while waiting for " + count + " requests matching " + describe(wanted), e);
      }
      pause = Math.min(pause * 2, LONGEST_PAUSE_MILLIS);
    }
  }

  private static List<LoggedRequest> matching(RunningServer server, RequestPattern wanted) {
    return server.serveEvents().stream()
        .map(ServeEvent::getRequest)
        .filter(request -> wanted.match(request).isExactMatch())
        .toList();
  }

  private static String timedOut(
      RunningServer server,
      int count,
      RequestPatternBuilder pattern,
      RequestPattern wanted,
      Duration timeout,
      List<LoggedRequest> arrived) {
    StringBuilder text = new StringBuilder();
    text.append(server.settings().sentenceLabel())
        .append(" (")
        .append(server.baseUrl())
        .append(") received ")
        .append(arrived.size())
        .append(" of ")
        .append(count)
        .append(count == 1 ? " request" : " requests")
        .append(" matching ")
        .append(describe(wanted))
        .append(" within ")
        .append(millis(timeout))
        .append(arrived.isEmpty() ? "." : ":");
    for (LoggedRequest request : arrived) {
      text.append("\n  ").append(request.getMethod()).append(' ').append(request.getUrl());
    }
    List<NearMiss> misses = server.engine().wireMock().findAllNearMissesFor(pattern);
    List<NearMiss> others = misses.stream().filter(m -> !wanted.match(m.getRequest()).isExactMatch()).toList();
    if (others.isEmpty()) {
      text.append("\nNo other request arrived.");
    } else {
      text.append("\nNearest misses among the other requests, the pattern on the left, the request on the right:");
      PlainTextDiffRenderer renderer = new PlainTextDiffRenderer(Map.of());
      for (NearMiss miss : others.subList(0, Math.min(MISSES_SHOWN, others.size()))) {
        text.append("\n\n  ")
            .append(miss.getRequest().getMethod())
            .append(' ')
            .append(miss.getRequest().getUrl())
            .append('\n')
            .append(indent(withoutBanner(renderer.render(miss.getDiff()))));
      }
      if (others.size() > MISSES_SHOWN) {
        text.append("\n\n  (and ").append(others.size() - MISSES_SHOWN).append(" more)");
      }
    }
    return text.toString();
  }

  /** Method and URL of a pattern, e.g. {@code POST /events}. */
  static String describe(RequestPattern pattern) {
    String url = pattern.getUrlMatcher() == null ? "any URL" : pattern.getUrlMatcher().getExpected();
    return pattern.getMethod() + " " + url;
  }

  private static String millis(Duration timeout) {
    return timeout.toMillis() + " ms";
  }

  private static String withoutBanner(String diff) {
    int table = diff.indexOf("-----");
    return (table < 0 ? diff : diff.substring(table)).strip();
  }

  private static String indent(String text) {
    return "    " + text.replace("\n", "\n    ");
  }
}

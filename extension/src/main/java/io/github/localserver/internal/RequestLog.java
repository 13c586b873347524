package io.github.localserver.internal;

import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.matching.RequestPattern;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.github.tomakehurst.wiremock.verification.NearMiss;
import com.github.tomakehurst.wiremock.verification.diff.PlainTextDiffRenderer;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Renders what a server received during a test, for failure messages, reports and logs. */
final class RequestLog {

  private RequestLog() {}

  /** One line a request: method, URL, status, and the stub it matched or its nearest miss. */
  static String describe(RunningServer server, List<ServeEvent> events) {
    StringBuilder text = new StringBuilder();
    text.append(server.settings().sentenceLabel())
        .append(" (")
        .append(server.baseUrl())
        .append(") received ")
        .append(count(events.size(), "request"))
        .append(events.isEmpty() ? "." : ":");
    for (ServeEvent event : events) {
      text.append("\n  ").append(line(event));
      if (!event.getWasMatched()) {
        text.append(", matched no stub");
        nearestStub(server, event.getRequest()).ifPresent(s -> text.append("; nearest: ").append(s));
      }
    }
    return text.toString();
  }

  /** The failure message for requests that matched no stub, each with WireMock's diff. */
  static String unmatched(RunningServer server, List<ServeEvent> unmatched) {
    StringBuilder text = new StringBuilder();
    text.append(server.settings().sentenceLabel())
        .append(" (")
        .append(server.baseUrl())
        .append(") received ")
        .append(count(unmatched.size(), "request"))
        .append(" that matched no stub:");
    for (ServeEvent event : unmatched) {
      text.append("\n\n  ").append(event.getRequest().getMethod()).append(' ').append(event.getRequest().getUrl());
      List<NearMiss> misses = server.engine().wireMock().findTopNearMissesFor(event.getRequest()).getNearMisses();
      if (misses.isEmpty()) {
        text.append("\n  (no stubs are registered)");
      } else {
        String diff = new PlainTextDiffRenderer(Map.of()).render(misses.get(0).getDiff());
        text.append("\n  Nearest stub on the left, the request on the right:\n");
        text.append(indent(withoutBanner(diff), "    "));
      }
    }
    Recording recording = server.settings().recording();
    if (recording != null && !recording.records()) {
      text.append("\n\nThe recording ")
          .append(recording.folder())
          .append(" holds no answer for these requests. Record it again")
          .append(recording.target() == null ? "" : " from " + recording.target())
          .append(" with ")
          .append(ConfigurationKeys.RECORD)
          .append('=')
          .append(server.settings().name().isEmpty() ? "all" : server.settings().name())
          .append(" (e.g. mvn test -D")
          .append(ConfigurationKeys.RECORD)
          .append('=')
          .append(server.settings().name().isEmpty() ? "all" : server.settings().name())
          .append("), or stub them in the test.");
      return text.toString();
    }
    text.append(
        "\n\nStub these requests, or declare the server with failOnUnmatched = false"
            + " (or set localserver.fail-on-unmatched=false) if they are expected.");
    return text.toString();
  }

  private static String line(ServeEvent event) {
    LoggedRequest request = event.getRequest();
    ResponseDefinition definition = event.getResponseDefinition();
    String status;
    if (definition != null && definition.getFault() != null) {
      status = "fault " + definition.getFault() + " (no HTTP response)";
    } else {
      status = event.getResponse() == null ? "no response" : String.valueOf(event.getResponse().getStatus());
    }
    if (definition != null && definition.getFixedDelayMilliseconds() != null && definition.getFixedDelayMilliseconds() > 0) {
      status += " after " + definition.getFixedDelayMilliseconds() + " ms";
    }
    if (definition != null && definition.getChunkedDribbleDelay() != null) {
      status +=
          ", body dribbled in "
              + definition.getChunkedDribbleDelay().getNumberOfChunks()
              + " chunks over "
              + definition.getChunkedDribbleDelay().getTotalDuration()
              + " ms";
    }
    String line = request.getMethod() + " " + request.getUrl() + " -> " + status;
    if (event.getWasMatched() && event.getStubMapping() != null) {
      line += ", stub " + stub(event.getStubMapping());
    }
    return line;
  }

  private static Optional<String> nearestStub(RunningServer server, LoggedRequest request) {
    List<NearMiss> misses = server.engine().wireMock().findTopNearMissesFor(request).getNearMisses();
    return misses.isEmpty() || misses.get(0).getStubMapping() == null
        ? Optional.empty()
        : Optional.of(stub(misses.get(0).getStubMapping()));
  }

  private static String stub(StubMapping stub) {
    if (stub.getName() != null) {
      return "\"" + stub.getName() + "\"";
    }
    RequestPattern request = stub.getRequest();
    String url = request.getUrlMatcher() == null ? "any URL" : request.getUrlMatcher().getExpected();
    return request.getMethod() + " " + url;
  }

  /** WireMock's diff starts with a "Request was not matched" banner: the table is what counts. */
  private static String withoutBanner(String diff) {
    int table = diff.indexOf("-----");
    return (table < 0 ? diff : diff.substring(table)).strip();
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  private static String indent(String text, String prefix) {
    return prefix + text.replace("\n", "\n" + prefix);
  }
}

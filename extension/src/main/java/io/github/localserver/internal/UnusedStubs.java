package io.github.localserver.internal;

import com.github.tomakehurst.wiremock.matching.RequestPattern;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Strict stubs ({@code failOnUnusedStubs}): after a test, the stubs registered during it that no
 * request matched.
 *
 * <p>How it works: a stub is the test's own when it is not in the baseline the test started from
 * (the class's {@code @BeforeAll} stubs, stub files, a recording), so stubs registered in {@code
 * @BeforeEach} count as the test's. It is used when a serve event of the test names it, also when
 * it answered with a fault or as part of a {@code stubSequence}.
 */
final class UnusedStubs {

  private UnusedStubs() {}

  /** The failure message for the server's unused stubs, if the server asks for strict stubs. */
  static Optional<String> check(RunningServer server) {
    if (!server.settings().failOnUnusedStubs()) {
      return Optional.empty();
    }
    Set<UUID> baseline = server.activeBaseline().stubs().stream().map(StubMapping::getId).collect(Collectors.toSet());
    Set<UUID> used =
        server.serveEvents().stream()
            .map(ServeEvent::getStubMapping)
            .filter(stub -> stub != null && stub.getId() != null)
            .map(StubMapping::getId)
            .collect(Collectors.toSet());
    List<StubMapping> unused = new ArrayList<>();
    for (StubMapping stub : server.engine().wireMock().getStubMappings()) {
      if (!baseline.contains(stub.getId()) && !used.contains(stub.getId())) {
        unused.add(stub);
      }
    }
    if (unused.isEmpty()) {
      return Optional.empty();
    }
    unused.sort(Comparator.comparingLong(StubMapping::getInsertionIndex));
    StringBuilder text = new StringBuilder();
    text.append(server.settings().sentenceLabel())
        .append(" (")
        .append(server.baseUrl())
        .append(") has ")
        .append(unused.size())
        .append(unused.size() == 1 ? " stub" : " stubs")
        .append(" registered during the test that no request matched:");
    for (StubMapping stub : unused) {
      text.append("\n  ").append(describe(stub));
      server.sites().of(stub).ifPresent(site -> text.append(", registered at ").append(site));
    }
    text.append(
        "\n\nRemove the stubs the code no longer needs, check the request the code makes against them,"
            + " or declare the server with failOnUnusedStubs = false (or set localserver.fail-on-unused-stubs=false).");
    return Optional.of(text.toString());
  }

  /** {@code GET /orders/1}, {@code POST path /orders}, {@code GET matching /orders/.*}, and the name. */
  static String describe(StubMapping stub) {
    RequestPattern request = stub.getRequest();
    String url;
    if (request.getUrl() != null) {
      url = request.getUrl();
    } else if (request.getUrlPath() != null) {
      url = "path " + request.getUrlPath();
    } else if (request.getUrlPattern() != null) {
      url = "matching " + request.getUrlPattern();
    } else if (request.getUrlPathPattern() != null) {
      url = "path matching " + request.getUrlPathPattern();
    } else if (request.getUrlPathTemplate() != null) {
      url = "path template " + request.getUrlPathTemplate();
    } else {
      url = "any URL";
    }
    return request.getMethod()
        + " "
        + url
        + (stub.getName() == null ? "" : " (\"" + stub.getName() + "\")");
  }
}

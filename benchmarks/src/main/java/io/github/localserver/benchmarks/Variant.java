package io.github.localserver.benchmarks;

import java.util.List;

/** The ways the generated suite gets its mock server. */
enum Variant {
  /** {@code @LocalServer} on the class: a pooled, per-class server, reset before each test. */
  LOCALSERVER("@LocalServer", "localserver"),
  /** {@code @WireMockTest} on the class: a WireMock server per class, reset before each test. */
  WIREMOCK("@WireMockTest", "wiremock"),
  /**
   * A {@code @StartStop MockWebServer} instance field: a server per test, as OkHttp documents it;
   * responses are enqueued, requests taken and checked.
   */
  MOCKWEBSERVER("MockWebServer", "mockwebserver"),
  /**
   * The same with {@code TCP_NODELAY} on the server's connections, which MockWebServer does not
   * set (see {@link NoDelayServerSocketFactory}): not how it is used, but what it could cost.
   */
  MOCKWEBSERVER_NODELAY("MockWebServer, TCP_NODELAY", "mockwebservernodelay"),
  /**
   * No server at all: the same classes and tests doing no HTTP, only in the fresh-JVM runs. What
   * JVM start, JUnit and the test classes cost alone; the others' cost is measured over it.
   */
  FLOOR("floor (no server)", "floor");

  /** The variants with a server, which the in-JVM suite runs. */
  static final List<Variant> SERVERS = List.of(LOCALSERVER, WIREMOCK, MOCKWEBSERVER, MOCKWEBSERVER_NODELAY);

  final String label;
  final String packageSuffix;

  Variant(String label, String packageSuffix) {
    this.label = label;
    this.packageSuffix = packageSuffix;
  }

  String packageName() {
    return "suite." + packageSuffix;
  }
}

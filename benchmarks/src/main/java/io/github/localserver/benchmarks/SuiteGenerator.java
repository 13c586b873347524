package io.github.localserver.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the whole-suite benchmark's test classes, a {@link Shape} of classes and tests per {@link
 * Variant} (and, for {@code @LocalServer} and {@code @WireMockTest}, the two shapes that measure
 * the cost of a class). Every test does the same work on its server: two stubs (or, for
 * MockWebServer, three enqueued responses), three requests (GET, POST, GET) with their statuses
 * checked, and one verification of the requests received.
 *
 * <p>{@code main} writes the sources to a folder, to read them: {@code SuiteGenerator <dir>}; the
 * benchmark writes them to a temporary folder and compiles them there.
 */
final class SuiteGenerator {

  private SuiteGenerator() {}

  static String className(Variant variant, Shape shape, int index) {
    return shape.packageName(variant) + "." + simpleName(index);
  }

  private static String simpleName(int index) {
    return String.format(Locale.ROOT, "Orders%03dTest", index);
  }

  /** Every class name of a suite, in order. */
  static List<String> classNames(Variant variant, Shape shape) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < shape.classes(); i++) {
      names.add(className(variant, shape, i));
    }
    return names;
  }

  /** The suites the benchmark runs: every variant's main suite, and the class-cost pairs. */
  static List<Map.Entry<Variant, Shape>> suites() {
    List<Map.Entry<Variant, Shape>> suites = new ArrayList<>();
    for (Variant variant : Variant.values()) {
      suites.add(Map.entry(variant, Shape.SUITE));
      suites.add(Map.entry(variant, Shape.SINGLE_CLASS));
    }
    for (Variant variant : List.of(Variant.LOCALSERVER, Variant.WIREMOCK)) {
      suites.add(Map.entry(variant, Shape.MANY_CLASSES));
      suites.add(Map.entry(variant, Shape.ONE_CLASS));
    }
    return suites;
  }

  /** Writes every suite's sources below {@code dir}; returns the files. */
  static List<Path> write(Path dir) {
    List<Path> files = new ArrayList<>();
    try {
      for (Map.Entry<Variant, Shape> suite : suites()) {
        Variant variant = suite.getKey();
        Shape shape = suite.getValue();
        Path folder = dir.resolve(shape.packageName(variant).replace('.', '/'));
        Files.createDirectories(folder);
        for (int i = 0; i < shape.classes(); i++) {
          Path file = folder.resolve(simpleName(i) + ".java");
          Files.writeString(file, source(variant, shape, i));
          files.add(file);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  static String source(Variant variant, Shape shape, int index) {
    String pkg = shape.packageName(variant);
    int tests = shape.tests();
    switch (variant) {
      case LOCALSERVER:
        return localServer(pkg, index, tests);
      case WIREMOCK:
        return wireMock(pkg, index, tests);
      case MOCKWEBSERVER:
      case MOCKWEBSERVER_NODELAY:
        return mockWebServer(variant, pkg, index, tests);
      case FLOOR:
        return floor(pkg, index, tests);
      default:
        throw new IllegalArgumentException(variant.toString());
    }
  }

  private static final String WIREMOCK_IMPORTS =
      "import static com.github.tomakehurst.wiremock.client.WireMock.created;\n"
          + "import static com.github.tomakehurst.wiremock.client.WireMock.get;\n"
          + "import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;\n"
          + "import static com.github.tomakehurst.wiremock.client.WireMock.okJson;\n"
          + "import static com.github.tomakehurst.wiremock.client.WireMock.post;\n"
          + "import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;\n"
          + "import static org.junit.jupiter.api.Assertions.assertEquals;\n\n";

  private static String localServer(String pkg, int index, int tests) {
    StringBuilder out = new StringBuilder();
    out.append("package ").append(pkg).append(";\n\n");
    out.append(WIREMOCK_IMPORTS);
    out.append("import io.github.localserver.LocalHttpServer;\n");
    out.append("import io.github.localserver.LocalServer;\n");
    out.append("import io.github.localserver.benchmarks.SuiteCalls;\n");
    out.append("import okhttp3.OkHttpClient;\n");
    out.append("import org.junit.jupiter.api.Test;\n\n");
    out.append("@LocalServer\n");
    out.append("class ").append(simpleName(index)).append(" {\n");
    for (int t = 1; t <= tests; t++) {
      String item = "/orders/" + index + "/" + t;
      String orders = "/orders/" + index;
      out.append("\n  @Test\n");
      out.append("  void order").append(t).append("(LocalHttpServer server, OkHttpClient http) {\n");
      out.append("    server.stubFor(get(\"").append(item).append("\").willReturn(okJson(\"{\\\"id\\\":").append(t).append("}\")));\n");
      out.append("    server.stubFor(post(\"").append(orders).append("\").willReturn(created()));\n");
      out.append("    String base = server.baseUrl();\n\n");
      out.append("    assertEquals(200, SuiteCalls.get(http, base + \"").append(item).append("\"));\n");
      out.append("    assertEquals(201, SuiteCalls.post(http, base + \"").append(orders).append("\", \"{}\"));\n");
      out.append("    assertEquals(200, SuiteCalls.get(http, base + \"").append(item).append("\"));\n\n");
      out.append("    server.verify(2, getRequestedFor(urlEqualTo(\"").append(item).append("\")));\n");
      out.append("  }\n");
    }
    out.append("}\n");
    return out.toString();
  }

  private static String wireMock(String pkg, int index, int tests) {
    StringBuilder out = new StringBuilder();
    out.append("package ").append(pkg).append(";\n\n");
    out.append(WIREMOCK_IMPORTS);
    out.append("import com.github.tomakehurst.wiremock.client.WireMock;\n");
    out.append("import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;\n");
    out.append("import com.github.tomakehurst.wiremock.junit5.WireMockTest;\n");
    out.append("import io.github.localserver.benchmarks.SuiteCalls;\n");
    out.append("import org.junit.jupiter.api.Test;\n\n");
    out.append("@WireMockTest\n");
    out.append("class ").append(simpleName(index)).append(" {\n");
    for (int t = 1; t <= tests; t++) {
      String item = "/orders/" + index + "/" + t;
      String orders = "/orders/" + index;
      out.append("\n  @Test\n");
      out.append("  void order").append(t).append("(WireMockRuntimeInfo wm) {\n");
      out.append("    WireMock server = wm.getWireMock(); // the instance DSL: the static one breaks in parallel runs\n");
      out.append("    server.register(get(\"").append(item).append("\").willReturn(okJson(\"{\\\"id\\\":").append(t).append("}\")));\n");
      out.append("    server.register(post(\"").append(orders).append("\").willReturn(created()));\n");
      out.append("    String base = wm.getHttpBaseUrl();\n\n");
      out.append("    assertEquals(200, SuiteCalls.get(SuiteCalls.CLIENT, base + \"").append(item).append("\"));\n");
      out.append("    assertEquals(201, SuiteCalls.post(SuiteCalls.CLIENT, base + \"").append(orders).append("\", \"{}\"));\n");
      out.append("    assertEquals(200, SuiteCalls.get(SuiteCalls.CLIENT, base + \"").append(item).append("\"));\n\n");
      out.append("    server.verifyThat(2, getRequestedFor(urlEqualTo(\"").append(item).append("\")));\n");
      out.append("  }\n");
    }
    out.append("}\n");
    return out.toString();
  }

  private static String mockWebServer(Variant variant, String pkg, int index, int tests) {
    StringBuilder out = new StringBuilder();
    out.append("package ").append(pkg).append(";\n\n");
    out.append("import static org.junit.jupiter.api.Assertions.assertEquals;\n\n");
    out.append("import io.github.localserver.benchmarks.SuiteCalls;\n");
    out.append("import mockwebserver3.MockResponse;\n");
    out.append("import mockwebserver3.MockWebServer;\n");
    out.append("import mockwebserver3.RecordedRequest;\n");
    out.append("import mockwebserver3.junit5.StartStop;\n");
    out.append("import org.junit.jupiter.api.Test;\n\n");
    out.append("class ").append(simpleName(index)).append(" {\n\n");
    if (variant == Variant.MOCKWEBSERVER_NODELAY) {
      out.append("  @StartStop private final MockWebServer server = SuiteCalls.noDelay(new MockWebServer());\n");
    } else {
      out.append("  @StartStop private final MockWebServer server = new MockWebServer();\n");
    }
    for (int t = 1; t <= tests; t++) {
      String item = "/orders/" + index + "/" + t;
      String orders = "/orders/" + index;
      String json = "new MockResponse.Builder().addHeader(\"Content-Type\", \"application/json\").body(\"{\\\"id\\\":" + t + "}\").build()";
      out.append("\n  @Test\n");
      out.append("  void order").append(t).append("() throws InterruptedException {\n");
      out.append("    server.enqueue(").append(json).append(");\n");
      out.append("    server.enqueue(new MockResponse.Builder().code(201).build());\n");
      out.append("    server.enqueue(").append(json).append(");\n\n");
      out.append("    assertEquals(200, SuiteCalls.get(SuiteCalls.CLIENT, server.url(\"").append(item).append("\").toString()));\n");
      out.append("    assertEquals(201, SuiteCalls.post(SuiteCalls.CLIENT, server.url(\"").append(orders).append("\").toString(), \"{}\"));\n");
      out.append("    assertEquals(200, SuiteCalls.get(SuiteCalls.CLIENT, server.url(\"").append(item).append("\").toString()));\n\n");
      out.append("    RecordedRequest first = server.takeRequest();\n");
      out.append("    RecordedRequest second = server.takeRequest();\n");
      out.append("    RecordedRequest third = server.takeRequest();\n");
      out.append("    assertEquals(\"GET ").append(item).append(" POST ").append(orders).append(" GET ").append(item).append("\",\n");
      out.append("        first.getMethod() + \" \" + first.getTarget() + \" \" + second.getMethod() + \" \" + second.getTarget()\n");
      out.append("            + \" \" + third.getMethod() + \" \" + third.getTarget());\n");
      out.append("  }\n");
    }
    out.append("}\n");
    return out.toString();
  }

  /** The same classes and tests with no server: each test checks three values it makes itself. */
  private static String floor(String pkg, int index, int tests) {
    StringBuilder out = new StringBuilder();
    out.append("package ").append(pkg).append(";\n\n");
    out.append("import static org.junit.jupiter.api.Assertions.assertEquals;\n\n");
    out.append("import org.junit.jupiter.api.Test;\n\n");
    out.append("class ").append(simpleName(index)).append(" {\n");
    for (int t = 1; t <= tests; t++) {
      String item = "/orders/" + index + "/" + t;
      out.append("\n  @Test\n");
      out.append("  void order").append(t).append("() {\n");
      out.append("    String item = \"").append(item).append("\";\n");
      out.append("    assertEquals(200, 200 + item.indexOf('#') + 1);\n");
      out.append("    assertEquals(201, 201 + item.indexOf('?') + 1);\n");
      out.append("    assertEquals(").append(item.length()).append(", item.length());\n");
      out.append("  }\n");
    }
    out.append("}\n");
    return out.toString();
  }

  public static void main(String[] args) {
    Path dir = Path.of(args.length > 0 ? args[0] : "target/generated-suite");
    List<Path> files = write(dir);
    System.out.println("Wrote " + files.size() + " test classes below " + dir.toAbsolutePath());
  }
}

package io.github.localserver;

import static io.github.localserver.LocalServerTestKit.describe;
import static io.github.localserver.LocalServerTestKit.reported;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * Stub folders inside a jar built without directory entries, as jars made by some tools are: the
 * class loader finds no folder there, only files, and LocalServer must still find the stubs and
 * the bodies WireMock serves from {@code __files}.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class StubsInJarTest {

  @LocalServer(mappings = "jarstubs/pings")
  static class StubsInJarTestCase {
    @Test
    void servesTheJarsStubs(LocalHttpServer server, TestReporter reporter) throws IOException {
      reporter.publishEntry("inline", LifecycleTest.call(server, "/ping"));
      reporter.publishEntry("file", LifecycleTest.call(server, "/pong"));
    }
  }

  @Test
  void aStubFolderInAJarWithoutDirectoryEntriesIsFound(@TempDir Path dir) throws IOException {
    Path jar = dir.resolve("stubs-without-directories.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      put(out, "jarstubs/pings/mappings/ping.json",
          "{\"request\": {\"method\": \"GET\", \"url\": \"/ping\"}, \"response\": {\"status\": 200, \"body\": \"inline\"}}");
      put(out, "jarstubs/pings/mappings/pong.json",
          "{\"request\": {\"method\": \"GET\", \"url\": \"/pong\"},"
              + " \"response\": {\"status\": 200, \"bodyFileName\": \"pong.txt\"}}");
      put(out, "jarstubs/pings/__files/pong.txt", "from a file");
    }
    try (JarFile file = new JarFile(jar.toFile())) {
      assertThat(Collections.list(file.entries())).noneMatch(JarEntry::isDirectory);
    }

    EngineExecutionResults results;
    Thread thread = Thread.currentThread();
    ClassLoader original = thread.getContextClassLoader();
    try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, original)) {
      assertThat(loader.getResource("jarstubs/pings")).as("the class loader sees no folder").isNull();
      thread.setContextClassLoader(loader);
      results = LocalServerTestKit.run(StubsInJarTestCase.class);
    } finally {
      thread.setContextClassLoader(original);
    }

    assertThat(results.testEvents().succeeded().count()).as(describe(results)).isEqualTo(1);
    assertThat(reported(results, "inline")).containsExactly("200 inline");
    assertThat(reported(results, "file")).containsExactly("200 from a file");
  }

  private static void put(JarOutputStream out, String name, String text) throws IOException {
    out.putNextEntry(new JarEntry(name));
    OutputStream body = out;
    body.write(text.getBytes(StandardCharsets.UTF_8));
    out.closeEntry();
  }
}

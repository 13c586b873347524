package io.github.localserver.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The build's own class path passes every check, and the versions the messages name are the ones
 * the build resolves (so bumping OkHttp without updating them fails here, not in a user's report).
 */
class ClasspathCheckUnitTest {

  private final ClassLoader loader = ClasspathCheck.class.getClassLoader();

  @Test
  void theBuildsClassPathPasses() {
    assertThat(ClasspathCheck.wireMockProblem(loader)).isEmpty();
    assertThat(ClasspathCheck.okHttpProblem(loader)).isEmpty();
  }

  @Test
  void theNamedVersionsAreTheResolvedOnes() {
    assertThat(jarNames()).contains("okhttp-jvm-" + ClasspathCheck.OKHTTP_VERSION + ".jar");
    // OkHttp's POM brings kotlin-stdlib; nothing in this build manages its version.
    assertThat(jarNames()).contains("kotlin-stdlib-" + ClasspathCheck.KOTLIN_STDLIB_VERSION + ".jar");
  }

  @Test
  void versionsCompareByNumber() {
    assertThat(ClasspathCheck.compare("1.3.72", "2.1.21")).isNegative();
    assertThat(ClasspathCheck.compare("2.1.21", "2.1.21")).isZero();
    assertThat(ClasspathCheck.compare("2.1.3", "2.1.21")).isNegative();
    assertThat(ClasspathCheck.compare("2.2", "2.1.21")).isPositive();
    assertThat(ClasspathCheck.compare("1.9.25", "2.1.21")).isNegative();
  }

  private static List<String> jarNames() {
    return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(e -> !e.isEmpty())
        .map(e -> Path.of(e).getFileName().toString())
        .toList();
  }
}

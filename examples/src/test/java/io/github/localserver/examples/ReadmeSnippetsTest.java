package io.github.localserver.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the README honest: each block marked {@code <!-- snippet:NAME ... -->} must equal the
 * region between {@code // snippet:NAME} and {@code // end:NAME} of a compiled example; each block
 * marked {@code <!-- file:PATH ... -->} must equal that file; and the examples table must list
 * every example test class, linking only to files that exist.
 */
class ReadmeSnippetsTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  /** Where example code lives: this module, and the Spring Boot example beside it. */
  private static final List<String> EXAMPLE_SOURCES = List.of("examples/src", "examples-spring/src");
  private static final Pattern README_SNIPPET =
      Pattern.compile("<!-- snippet:([\\w-]+)[^>]*-->\\s*```java\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern README_FILE =
      Pattern.compile("<!-- file:(\\S+)[^>]*-->\\s*```\\w*\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern README_LINK = Pattern.compile("\\]\\((examples[\\w-]*/src/[^)]+\\.java)\\)");

  @Test
  void everyReadmeSnippetIsCopiedFromAnExample() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    Matcher matcher = README_SNIPPET.matcher(readme);
    List<String> checked = new ArrayList<>();
    while (matcher.find()) {
      String name = matcher.group(1);
      assertThat(matcher.group(2).strip()).as("README snippet %s", name).isEqualTo(region(name));
      checked.add(name);
    }
    assertThat(checked)
        .as("snippets found in README.md")
        .contains("quickstart", "retry-policy", "retry-test", "database", "spring");
  }

  @Test
  void everyReadmeFileBlockIsThatFile() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    Matcher matcher = README_FILE.matcher(readme);
    List<String> checked = new ArrayList<>();
    while (matcher.find()) {
      String path = matcher.group(1);
      assertThat(matcher.group(2).strip())
          .as("README block of %s", path)
          .isEqualTo(Files.readString(ROOT.resolve(path)).strip());
      checked.add(path);
    }
    assertThat(checked)
        .as("file blocks found in README.md")
        .contains("examples/src/test/resources/" + ParallelRecipeTest.RECIPE);
  }

  @Test
  void ciRunsTheReadmesCommandsVerbatimOnBothJdks() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    Matcher firstBlock = Pattern.compile("```bash\\n(.*?)```", Pattern.DOTALL).matcher(readme);
    assertThat(firstBlock.find()).as("a bash block in README.md").isTrue();
    List<String> commands =
        firstBlock.group(1).lines().map(line -> line.replaceFirst("\\s+#.*", "").strip()).toList();
    List<String> ci = Files.readAllLines(ROOT.resolve(".ci/run")).stream().map(String::strip).toList();
    assertThat(commands).as("the README's commands").hasSize(2);
    for (String command : commands) {
      assertThat(ci).as(".ci/run, on JDK 17").contains(command);
      assertThat(ci).as(".ci/run, on JDK 25").contains("JAVA_HOME=\"$temurin25\" " + command);
    }
  }

  @Test
  void theReadmeListsEveryExampleTestClass() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    List<String> linked = new ArrayList<>();
    Matcher matcher = README_LINK.matcher(readme);
    while (matcher.find()) {
      linked.add(matcher.group(1));
    }
    assertThat(linked).as("example files the README links to").allMatch(path -> Files.isRegularFile(ROOT.resolve(path)));
    List<String> exampleTests =
        exampleSources().stream()
            .filter(f -> f.getFileName().toString().endsWith("Test.java"))
            .map(f -> ROOT.relativize(f).toString().replace('\\', '/'))
            // The README's own checks sit in the examples' root package; the examples are below it.
            .filter(path -> !path.matches(".*/io/github/localserver/examples/\\w+\\.java"))
            .toList();
    assertThat(exampleTests).as("example test classes").isNotEmpty();
    assertThat(linked).as("example files the README links to").containsAll(exampleTests);
  }

  private static String region(String name) throws IOException {
    Pattern region =
        Pattern.compile("// snippet:" + Pattern.quote(name) + "\\n(.*?)\\n\\s*// end:" + Pattern.quote(name), Pattern.DOTALL);
    for (Path file : exampleSources()) {
      Matcher matcher = region.matcher(Files.readString(file));
      if (matcher.find()) {
        return stripIndent(matcher.group(1));
      }
    }
    throw new AssertionError("no example marks a region '// snippet:" + name + "'");
  }

  /** Every Java file of the examples, in this module and in the Spring Boot example. */
  private static List<Path> exampleSources() throws IOException {
    List<Path> sources = new ArrayList<>();
    for (String folder : EXAMPLE_SOURCES) {
      try (Stream<Path> files = Files.walk(ROOT.resolve(folder))) {
        files.filter(f -> f.toString().endsWith(".java")).forEach(sources::add);
      }
    }
    return sources;
  }

  private static String stripIndent(String code) {
    return code.stripIndent().strip();
  }
}

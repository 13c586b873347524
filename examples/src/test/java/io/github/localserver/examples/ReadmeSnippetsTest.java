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
 * Keeps the README's code honest: each block marked {@code <!-- snippet:NAME ... -->} must equal
 * the region between {@code // snippet:NAME} and {@code // end:NAME} of a compiled example.
 */
class ReadmeSnippetsTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Pattern README_SNIPPET =
      Pattern.compile("<!-- snippet:([\\w-]+)[^>]*-->\\s*```java\\n(.*?)```", Pattern.DOTALL);

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
        .contains("quickstart", "retry-policy", "retry-test", "database");
  }

  private static String region(String name) throws IOException {
    Pattern region =
        Pattern.compile("// snippet:" + Pattern.quote(name) + "\\n(.*?)\\n\\s*// end:" + Pattern.quote(name), Pattern.DOTALL);
    try (Stream<Path> files = Files.walk(ROOT.resolve("examples/src"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        Matcher matcher = region.matcher(Files.readString(file));
        if (matcher.find()) {
          return stripIndent(matcher.group(1));
        }
      }
    }
    throw new AssertionError("no example marks a region '// snippet:" + name + "'");
  }

  private static String stripIndent(String code) {
    return code.stripIndent().strip();
  }
}

package io.github.localserver.internal;

import com.github.tomakehurst.wiremock.common.Errors;
import com.github.tomakehurst.wiremock.common.Json;
import com.github.tomakehurst.wiremock.common.JsonException;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.stubbing.StubMappingCollection;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * Reads WireMock stub files from a classpath folder ({@code <folder>/mappings/**.json}), in a
 * directory or in a jar. LocalServer reads them itself, instead of letting WireMock scan, so that a
 * broken file fails with its name in the message and {@code src/test/resources} is never scanned
 * by accident.
 */
final class MappingFiles {

  private static final String CLASSPATH_PREFIX = "classpath:";

  private MappingFiles() {}

  /**
   * The folder as a class loader names it: without a {@code classpath:} prefix (as Spring and
   * WireMock's own examples write it), leading or trailing slashes, or backslashes.
   */
  static String normalize(String folder) {
    String result = folder.trim().replace('\\', '/');
    if (result.regionMatches(true, 0, CLASSPATH_PREFIX, 0, CLASSPATH_PREFIX.length())) {
      result = result.substring(CLASSPATH_PREFIX.length()).trim();
    }
    while (result.startsWith("/")) {
      result = result.substring(1);
    }
    while (result.endsWith("/")) {
      result = result.substring(0, result.length() - 1);
    }
    return result;
  }

  static void requireFolder(String folder, String described) {
    if (resource(folder) != null && resource(folder + "/mappings") == null && resource(folder + "/__files") == null) {
      throw new ExtensionConfigurationException(
          described
              + " has neither a mappings/ nor a __files/ folder, so it holds no stubs; point it at the"
              + " folder that contains them (stub JSON under "
              + folder
              + "/mappings, bodies under "
              + folder
              + "/__files)");
    }
    if (resource(folder) == null) {
      throw new ExtensionConfigurationException(
          described
              + " names no folder on the classpath; create src/test/resources/"
              + folder
              + "/mappings with WireMock stub files (and "
              + folder
              + "/__files for bodies), or leave mappings empty");
    }
  }

  /** Parses every stub file of the folder, in file-name order. */
  static List<StubMapping> load(String folder) {
    URL root = resource(folder + "/mappings");
    if (root == null) {
      return List.of();
    }
    List<StubMapping> stubs = new ArrayList<>();
    for (NamedText file : readJsonFiles(root, folder + "/mappings")) {
      try {
        StubMappingCollection collection = Json.read(file.text(), StubMappingCollection.class);
        stubs.addAll(collection.getMappingOrMappings());
      } catch (RuntimeException e) {
        throw new ExtensionConfigurationException(
            "Stub file "
                + file.name()
                + " is not valid WireMock JSON ("
                + reason(e)
                + "); fix the file or remove it from the mappings folder",
            e);
      }
    }
    return stubs;
  }

  private static URL resource(String path) {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    if (loader == null) {
      loader = MappingFiles.class.getClassLoader();
    }
    return loader.getResource(path);
  }

  private record NamedText(String name, String text) {}

  private static List<NamedText> readJsonFiles(URL root, String classpathPath) {
    try {
      if (root.getProtocol().equals("file")) {
        Path dir = Path.of(root.toURI());
        try (Stream<Path> walk = Files.walk(dir)) {
          List<Path> files =
              walk.filter(p -> Files.isRegularFile(p) && p.toString().endsWith(".json")).sorted().toList();
          List<NamedText> result = new ArrayList<>();
          for (Path file : files) {
            String relative = dir.relativize(file).toString().replace('\\', '/');
            result.add(
                new NamedText(classpathPath + "/" + relative, Files.readString(file, StandardCharsets.UTF_8)));
          }
          return result;
        }
      }
      if (root.getProtocol().equals("jar")) {
        JarURLConnection connection = (JarURLConnection) root.openConnection();
        connection.setUseCaches(false);
        String prefix = connection.getEntryName() + "/";
        List<NamedText> result = new ArrayList<>();
        try (JarFile jar = connection.getJarFile()) {
          List<JarEntry> entries = new ArrayList<>();
          for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
            JarEntry entry = e.nextElement();
            if (!entry.isDirectory() && entry.getName().startsWith(prefix) && entry.getName().endsWith(".json")) {
              entries.add(entry);
            }
          }
          entries.sort((a, b) -> a.getName().compareTo(b.getName()));
          for (JarEntry entry : entries) {
            try (InputStream in = jar.getInputStream(entry)) {
              result.add(new NamedText(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            }
          }
        }
        return result;
      }
      throw new ExtensionConfigurationException(
          "Stub folder " + classpathPath + " is at " + root + ", which is neither a directory nor a jar; "
              + "put it under src/test/resources");
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read stub files under " + classpathPath, e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String reason(RuntimeException e) {
    if (e instanceof JsonException json && json.getErrors() != null && json.getErrors().first() != null) {
      Errors.Error error = json.getErrors().first();
      String pointer =
          error.getSource() == null || error.getSource().getPointer() == null
              ? ""
              : " at " + error.getSource().getPointer();
      return firstLine(error.getDetail()) + pointer;
    }
    return firstLine(e.getMessage());
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}

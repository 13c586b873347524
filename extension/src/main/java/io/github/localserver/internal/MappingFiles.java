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
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * Reads WireMock stub files from a classpath folder ({@code <folder>/mappings/**.json}), in a
 * directory or in a jar. LocalServer reads them itself, instead of letting WireMock scan, so that a
 * broken file fails with its name in the message and {@code src/test/resources} is never scanned
 * by accident. A folder in a jar built without directory entries (as some tools make them) is
 * found by its entries.
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
    if (!result.isEmpty() && result.chars().allMatch(c -> c == '/')) {
      return ROOT;
    }
    while (result.startsWith("/")) {
      result = result.substring(1);
    }
    while (result.endsWith("/")) {
      result = result.substring(0, result.length() - 1);
    }
    return result;
  }

  /**
   * The classpath root, {@code mappings = "/"}: WireMock's default layout ({@code
   * src/test/resources/mappings} and {@code __files}), where either folder may be missing.
   */
  static final String ROOT = "/";

  /** A folder below a stub folder: {@code orders/mappings}, or {@code mappings} below the root. */
  static String child(String folder, String name) {
    return folder.equals(ROOT) ? name : folder + "/" + name;
  }

  static void requireFolder(String folder, String described) {
    if (folder.equals(ROOT)) {
      return; // the root always exists, and WireMock's layout may have neither folder
    }
    ClassLoader loader = loader();
    if (find(loader, folder).isEmpty()) {
      throw new ExtensionConfigurationException(
          described
              + " names no folder on the classpath; create src/test/resources/"
              + folder
              + "/mappings with WireMock stub files (and "
              + folder
              + "/__files for bodies), or leave mappings empty");
    }
    if (find(loader, folder + "/mappings").isEmpty() && find(loader, folder + "/__files").isEmpty()) {
      throw new ExtensionConfigurationException(
          described
              + " has neither a mappings/ nor a __files/ folder, so it holds no stubs; point it at the"
              + " folder that contains them (stub JSON under "
              + folder
              + "/mappings, bodies under "
              + folder
              + "/__files)");
    }
  }

  /** Parses every stub file of the folder, in file-name order; {@code ""} (no folder) has none. */
  static List<StubMapping> load(String folder) {
    if (folder.isEmpty()) {
      return List.of();
    }
    Optional<Location> root = find(loader(), child(folder, "mappings"));
    if (root.isEmpty()) {
      return List.of();
    }
    List<StubMapping> stubs = new ArrayList<>();
    for (NamedText file : root.get().jsonFiles()) {
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

  /**
   * Copies the folder's files (for {@code __files}: the bodies stubs name) into a directory; a
   * folder that does not exist copies nothing.
   */
  static void copy(String folder, Path target) {
    find(loader(), folder).ifPresent(location -> location.copyTo(target));
  }

  /** Copies the stub folder's bodies ({@code __files}) into a directory; {@code ""} has none. */
  static void copyBodies(String folder, Path target) {
    if (!folder.isEmpty()) {
      copy(child(folder, "__files"), target);
    }
  }

  private static ClassLoader loader() {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    return loader != null ? loader : MappingFiles.class.getClassLoader();
  }

  private record NamedText(String name, String text) {}

  /** Where a classpath folder is: a directory, or the entries under a prefix of a jar. */
  private sealed interface Location permits InDirectory, InJar {
    List<NamedText> jsonFiles();

    /** Copies every file below the folder into {@code target}, keeping relative paths. */
    void copyTo(Path target);
  }

  /**
   * The folder at {@code path}. A class loader finds a folder in a jar only by its directory
   * entry, which jars made by some tools lack; then the jars on the class path are searched for
   * entries below the folder.
   */
  private static Optional<Location> find(ClassLoader loader, String path) {
    URL url = loader.getResource(path);
    try {
      if (url == null) {
        if (path.equals("mappings") || path.equals("__files")) {
          return Optional.empty(); // below the classpath root: never another library's folder
        }
        for (Path jar : classpathJars(loader)) {
          if (hasEntriesUnder(jar, path + "/")) {
            return Optional.of(new InJar(jar, path, path + "/"));
          }
        }
        return Optional.empty();
      }
      if (url.getProtocol().equals("file")) {
        return Optional.of(new InDirectory(Path.of(url.toURI()), path));
      }
      if (url.getProtocol().equals("jar")) {
        JarURLConnection connection = (JarURLConnection) url.openConnection();
        connection.setUseCaches(false);
        Path jar = Path.of(connection.getJarFileURL().toURI());
        String entry = connection.getEntryName();
        return Optional.of(new InJar(jar, path, entry.endsWith("/") ? entry : entry + "/"));
      }
      throw new ExtensionConfigurationException(
          "Stub folder " + path + " is at " + url + ", which is neither a directory nor a jar; "
              + "put it under src/test/resources");
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read the classpath folder " + path, e);
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new IllegalStateException("Could not read the classpath folder " + path + " at " + url, e);
    }
  }

  /**
   * The jars a class loader may read: those of {@code URLClassLoader}s in its chain, those on
   * {@code java.class.path} (and their manifests' {@code Class-Path}, as in Surefire's booter
   * jar), and every jar holding a manifest, in that order.
   */
  private static Set<Path> classpathJars(ClassLoader loader) throws IOException {
    Set<Path> jars = new LinkedHashSet<>();
    List<ClassLoader> chain = new ArrayList<>();
    for (ClassLoader l = loader; l != null; l = l.getParent()) {
      chain.add(0, l); // parents first, as they are asked first
    }
    for (ClassLoader l : chain) {
      if (l instanceof URLClassLoader urls) {
        for (URL url : urls.getURLs()) {
          addJar(jars, url);
        }
      }
    }
    for (String entry : System.getProperty("java.class.path", "").split(java.io.File.pathSeparator)) {
      if (!entry.isEmpty()) {
        Path jar = Path.of(entry).toAbsolutePath();
        if (Files.isRegularFile(jar) && jars.add(jar)) {
          addManifestClassPath(jars, jar);
        }
      }
    }
    for (Enumeration<URL> manifests = loader.getResources("META-INF/MANIFEST.MF"); manifests.hasMoreElements(); ) {
      URL manifest = manifests.nextElement();
      if (manifest.getProtocol().equals("jar")) {
        addJar(jars, ((JarURLConnection) manifest.openConnection()).getJarFileURL());
      }
    }
    return jars;
  }

  private static void addJar(Set<Path> jars, URL url) {
    if (url.getProtocol().equals("file")) {
      try {
        Path path = Path.of(url.toURI());
        if (Files.isRegularFile(path)) {
          jars.add(path);
        }
      } catch (URISyntaxException | IllegalArgumentException e) {
        // not a plain file URL: not a jar this search can open
      }
    }
  }

  private static void addManifestClassPath(Set<Path> jars, Path jar) {
    try (JarFile file = new JarFile(jar.toFile())) {
      Manifest manifest = file.getManifest();
      String classPath = manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
      if (classPath != null) {
        for (String entry : classPath.trim().split("\\s+")) {
          try {
            addJar(jars, jar.toUri().resolve(entry).toURL());
          } catch (IllegalArgumentException | IOException e) {
            // a malformed entry: the class loader skips it too
          }
        }
      }
    } catch (IOException e) {
      // not a readable jar: the class loader cannot read it either
    }
  }

  private static boolean hasEntriesUnder(Path jar, String prefix) {
    try (JarFile file = new JarFile(jar.toFile())) {
      return file.stream().anyMatch(entry -> entry.getName().startsWith(prefix));
    } catch (IOException e) {
      return false; // not a readable jar: the class loader cannot read it either
    }
  }

  private record InDirectory(Path dir, String classpathPath) implements Location {
    @Override
    public void copyTo(Path target) {
      try (Stream<Path> walk = Files.walk(dir)) {
        for (Path path : (Iterable<Path>) walk::iterator) {
          Path copy = target.resolve(dir.relativize(path).toString());
          if (Files.isDirectory(path)) {
            Files.createDirectories(copy);
          } else {
            Files.copy(path, copy, StandardCopyOption.REPLACE_EXISTING);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Could not copy " + classpathPath + " for a server", e);
      }
    }

    @Override
    public List<NamedText> jsonFiles() {
      try (Stream<Path> walk = Files.walk(dir)) {
        List<Path> files =
            walk.filter(p -> Files.isRegularFile(p) && p.toString().endsWith(".json")).sorted().toList();
        List<NamedText> result = new ArrayList<>();
        for (Path file : files) {
          String relative = dir.relativize(file).toString().replace('\\', '/');
          result.add(new NamedText(classpathPath + "/" + relative, Files.readString(file, StandardCharsets.UTF_8)));
        }
        return result;
      } catch (IOException e) {
        throw new UncheckedIOException("Could not read stub files under " + classpathPath, e);
      }
    }
  }

  private record InJar(Path jar, String classpathPath, String prefix) implements Location {
    @Override
    public void copyTo(Path target) {
      try (JarFile file = new JarFile(jar.toFile())) {
        for (JarEntry entry : (Iterable<JarEntry>) file.stream()::iterator) {
          if (entry.isDirectory() || !entry.getName().startsWith(prefix)) {
            continue;
          }
          Path copy = target.resolve(entry.getName().substring(prefix.length())).normalize();
          if (!copy.startsWith(target)) {
            continue; // a "../" entry: never written outside the server's folder
          }
          Files.createDirectories(copy.getParent());
          try (InputStream in = file.getInputStream(entry)) {
            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Could not copy " + classpathPath + " in " + jar + " for a server", e);
      }
    }

    @Override
    public List<NamedText> jsonFiles() {
      try (JarFile file = new JarFile(jar.toFile())) {
        List<JarEntry> entries =
            file.stream()
                .filter(e -> !e.isDirectory() && e.getName().startsWith(prefix) && e.getName().endsWith(".json"))
                .sorted(Comparator.comparing(JarEntry::getName))
                .toList();
        List<NamedText> result = new ArrayList<>();
        for (JarEntry entry : entries) {
          try (InputStream in = file.getInputStream(entry)) {
            result.add(new NamedText(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8)));
          }
        }
        return result;
      } catch (IOException e) {
        throw new UncheckedIOException("Could not read stub files under " + classpathPath + " in " + jar, e);
      }
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

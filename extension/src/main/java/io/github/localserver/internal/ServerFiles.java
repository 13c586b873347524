package io.github.localserver.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The folder one server reads and writes files in: a new temporary directory for each server,
 * holding a copy of its stub folder's {@code __files} (if any), deleted when the server closes.
 *
 * <p>How it works: WireMock serves bodies from, and its admin API writes files into, one file
 * root. Giving every server a root of its own means a file one scope wrote ({@code PUT
 * /__admin/files/x}) is never seen by another, and never lands in the project's stub folder or
 * build output.
 */
final class ServerFiles implements AutoCloseable {

  private final Path root;

  private ServerFiles(Path root) {
    this.root = root;
  }

  /** A new root, with the bodies of the classpath stub folder (or none, for {@code ""}). */
  static ServerFiles create(String mappings) {
    Path root;
    try {
      root = Files.createTempDirectory("localserver-");
      Files.createDirectory(root.resolve("mappings"));
      Path files = Files.createDirectory(root.resolve("__files"));
      if (!mappings.isEmpty()) {
        copyBodies(mappings + "/__files", files);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not create a files folder for a server", e);
    }
    return new ServerFiles(root);
  }

  Path root() {
    return root;
  }

  private static void copyBodies(String classpathFolder, Path target) throws IOException {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    URL url = (loader != null ? loader : ServerFiles.class.getClassLoader()).getResource(classpathFolder);
    if (url == null) {
      return;
    }
    if (url.getProtocol().equals("file")) {
      Path source;
      try {
        source = Path.of(url.toURI());
      } catch (URISyntaxException e) {
        throw new IllegalStateException("Unreadable folder " + url, e);
      }
      try (Stream<Path> walk = Files.walk(source)) {
        for (Path path : (Iterable<Path>) walk::iterator) {
          Path copy = target.resolve(source.relativize(path).toString());
          if (Files.isDirectory(path)) {
            Files.createDirectories(copy);
          } else {
            Files.copy(path, copy, StandardCopyOption.REPLACE_EXISTING);
          }
        }
      }
    } else if (url.getProtocol().equals("jar")) {
      JarURLConnection connection = (JarURLConnection) url.openConnection();
      connection.setUseCaches(false);
      String prefix = connection.getEntryName() + "/";
      try (JarFile jar = connection.getJarFile()) {
        for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
          JarEntry entry = e.nextElement();
          if (entry.isDirectory() || !entry.getName().startsWith(prefix)) {
            continue;
          }
          Path copy = target.resolve(entry.getName().substring(prefix.length())).normalize();
          if (!copy.startsWith(target)) {
            continue; // a "../" entry: never written outside the server's folder
          }
          Files.createDirectories(copy.getParent());
          try (InputStream in = jar.getInputStream(entry)) {
            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
          }
        }
      }
    }
  }

  /** Deletes the folder and everything written into it. */
  @Override
  public void close() {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path path : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not delete the server's files folder " + root, e);
    }
  }
}

package io.github.localserver.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
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
      // No mappings/ folder: LocalServer loads stub files itself, and WireMock's own mapping source
      // is one that reads and writes nothing (file operations cost ~0.1 ms each here).
      Path files = Files.createDirectory(root.resolve("__files"));
      MappingFiles.copyBodies(mappings, files);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not create a files folder for a server", e);
    }
    return new ServerFiles(root);
  }

  Path root() {
    return root;
  }

  /** Deletes the folder and everything written into it. */
  @Override
  public void close() {
    try {
      Files.deleteIfExists(root.resolve("__files"));
      Files.deleteIfExists(root);
      return; // nothing was written: the common case, two deletions
    } catch (DirectoryNotEmptyException written) {
      // a body file or a file written over the admin API: walk it all
    } catch (IOException e) {
      throw new UncheckedIOException("Could not delete the server's files folder " + root, e);
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path path : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not delete the server's files folder " + root, e);
    }
  }
}

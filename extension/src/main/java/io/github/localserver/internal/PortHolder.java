package io.github.localserver.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Finds which process listens on a TCP port, where the OS tells: on Linux, by matching the socket
 * inodes of {@code /proc/net/tcp*} with the descriptors under {@code /proc/<pid>/fd}. Elsewhere, or
 * without permission, it says nothing rather than guess.
 */
final class PortHolder {

  private PortHolder() {}

  /** For example {@code "pid 4242 (python3 -m http.server 8080)"} or {@code "this JVM (pid 17)"}. */
  static Optional<String> describe(int port) {
    try {
      Set<String> inodes = listeningInodes(port);
      if (inodes.isEmpty()) {
        return Optional.empty();
      }
      try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
        for (Path process : processes) {
          if (holdsAny(process, inodes)) {
            long pid = Long.parseLong(process.getFileName().toString());
            if (pid == ProcessHandle.current().pid()) {
              return Optional.of("this JVM (pid " + pid + ")");
            }
            return Optional.of("pid " + pid + commandLine(process));
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      // No /proc, or no right to read it: the caller says less.
    }
    return Optional.empty();
  }

  private static Set<String> listeningInodes(int port) throws IOException {
    Set<String> inodes = new HashSet<>();
    String hexPort = String.format(Locale.ROOT, ":%04X", port);
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      Path path = Path.of(table);
      if (!Files.isReadable(path)) {
        continue;
      }
      for (String line : Files.readAllLines(path, StandardCharsets.US_ASCII)) {
        String[] columns = line.trim().split("\\s+");
        // sl local_address rem_address st tx:rx tr:tm retrnsmt uid timeout inode
        if (columns.length > 9 && columns[1].endsWith(hexPort) && columns[3].equals("0A")) {
          inodes.add("socket:[" + columns[9] + "]");
        }
      }
    }
    return inodes;
  }

  private static boolean holdsAny(Path process, Set<String> inodes) {
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(process.resolve("fd"))) {
      for (Path fd : fds) {
        try {
          if (inodes.contains(Files.readSymbolicLink(fd).toString())) {
            return true;
          }
        } catch (IOException e) {
          // The descriptor closed while we looked.
        }
      }
    } catch (IOException | SecurityException e) {
      // Not ours to read.
    }
    return false;
  }

  private static String commandLine(Path process) {
    try {
      String command =
          new String(Files.readAllBytes(process.resolve("cmdline")), StandardCharsets.UTF_8)
              .replace('\0', ' ')
              .trim();
      if (command.length() > 120) {
        command = command.substring(0, 117) + "...";
      }
      return command.isEmpty() ? "" : " (" + command + ")";
    } catch (IOException e) {
      return "";
    }
  }
}

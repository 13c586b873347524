package io.github.localserver.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * A server's recording of a real API: a folder of WireMock stub files ({@code mappings/}, {@code
 * __files/}) in the test sources. In replay (the default) it is served from the classpath as a
 * {@code mappings} folder is, and the network is never touched; in record mode ({@code
 * localserver.record}) the server proxies to {@link #target()} and {@link RecordedExchanges} writes
 * what it answered into {@link #writeTo()}.
 *
 * @param folder the classpath folder, normalized ({@code recordings/rates})
 * @param target the real API's base URL, or {@code null} when only replaying
 * @param redact extra header and query parameter names whose values are never written, lower case
 * @param records whether the server records rather than replays
 * @param writeTo the source folder written in record mode, or {@code null} in replay
 */
record Recording(String folder, URI target, List<String> redact, boolean records, Path writeTo) {

  /**
   * Where recordings are written unless {@code localserver.recordings-root} says otherwise,
   * relative to the working directory (the module's directory under Maven and Gradle).
   */
  static final String DEFAULT_ROOT = "src/test/resources";

  /**
   * Reads and validates a declaration's recording attributes; {@code early} (a builder's own
   * check) does not look for the recording yet.
   *
   * @return the recording, or {@code null} when the declaration names none
   */
  static Recording resolve(
      ServerSettings.Declared declared, String name, String mappings, RunConfiguration run, boolean early) {
    String folder = declared.recording() == null ? "" : MappingFiles.normalize(declared.recording());
    String target = declared.target() == null ? "" : declared.target().trim();
    List<String> redact = declared.redact() == null ? List.of() : declared.redact();
    if (folder.isEmpty()) {
      if (!target.isEmpty()) {
        throw new ExtensionConfigurationException(
            declared.describe("target", declared.target())
                + " needs a recording folder to record into; add recording, e.g. recording = \"recordings/api\"");
      }
      if (!redact.isEmpty()) {
        throw new ExtensionConfigurationException(
            declared.describe("redact", redact) + " applies to recordings only; add recording or remove redact");
      }
      return null;
    }
    if (folder.equals(MappingFiles.ROOT)) {
      throw new ExtensionConfigurationException(
          declared.describe("recording", declared.recording())
              + " is the classpath root; name a folder of its own, e.g. \"recordings/api\"");
    }
    if (!mappings.isEmpty()) {
      throw new ExtensionConfigurationException(
          declared.describe("recording", declared.recording())
              + " cannot be combined with mappings; a server serves either a recording or a stub folder,"
              + " so remove one (put hand-written stubs in the test, or in a second server)");
    }
    for (String redacted : redact) {
      if (redacted == null || redacted.isBlank()) {
        throw new ExtensionConfigurationException(
            declared.describe("redact", redact) + " holds an empty name; name headers or query parameters, e.g. \"X-Api-Key\"");
      }
    }
    URI targetUri = target.isEmpty() ? null : target(declared, target);
    List<String> lowerCase = redact.stream().map(r -> r.trim().toLowerCase(Locale.ROOT)).distinct().sorted().toList();
    boolean records = run.record().includes(name);
    if (!records) {
      if (!early) {
        requireOnClasspath(declared, folder, name, targetUri);
      }
      return new Recording(folder, targetUri, lowerCase, false, null);
    }
    if (targetUri == null) {
      throw new ExtensionConfigurationException(
          ServerSettings.capitalized(ServerSettings.label(name))
              + " is to record ("
              + ConfigurationKeys.RECORD
              + "), but names no target to record from; add target, e.g. target = \"https://api.example.com\"");
    }
    return new Recording(folder, targetUri, lowerCase, true, writeRoot(run).resolve(folder));
  }

  private static URI target(ServerSettings.Declared declared, String target) {
    String described = declared.describe("target", declared.target());
    URI uri;
    try {
      uri = new URI(target);
    } catch (URISyntaxException e) {
      throw new ExtensionConfigurationException(
          described + " is not a URL (" + e.getReason() + "); use the API's base URL, e.g. https://api.example.com", e);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
      throw new ExtensionConfigurationException(
          described + " is not an http or https URL; use the API's base URL, e.g. https://api.example.com");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new ExtensionConfigurationException(
          described + " has a query or fragment; use the API's base URL, e.g. https://api.example.com/v1");
    }
    String text = uri.toString();
    return URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
  }

  private static void requireOnClasspath(ServerSettings.Declared declared, String folder, String name, URI target) {
    try {
      MappingFiles.requireFolder(folder, declared.describe("recording", declared.recording()));
    } catch (ExtensionConfigurationException e) {
      throw new ExtensionConfigurationException(
          declared.describe("recording", declared.recording())
              + " names no recording on the classpath (src/test/resources/"
              + folder
              + "/mappings); record it first: run the tests once with "
              + ConfigurationKeys.RECORD
              + "="
              + (name.isEmpty() ? "all" : name)
              + (target == null ? " and a target" : " while " + target + " is reachable"),
          e);
    }
  }

  private static Path writeRoot(RunConfiguration run) {
    if (run.recordingsRoot().isPresent()) {
      Path root = Path.of(run.recordingsRoot().get()).toAbsolutePath().normalize();
      if (!Files.isDirectory(root)) {
        throw new ExtensionConfigurationException(
            RunConfiguration.described(ConfigurationKeys.RECORDINGS_ROOT, run.recordingsRoot().get())
                + " is not a directory; name the test resources folder recordings are written under,"
                + " e.g. src/test/resources");
      }
      return root;
    }
    Path workingDirectory = Path.of(System.getProperty("user.dir", ".")).toAbsolutePath().normalize();
    Path root = workingDirectory.resolve(DEFAULT_ROOT);
    if (!Files.isDirectory(root)) {
      throw new ExtensionConfigurationException(
          "Cannot record: there is no "
              + DEFAULT_ROOT
              + " under the working directory "
              + workingDirectory
              + "; run the tests from the module's directory (as Maven and Gradle do), or set "
              + ConfigurationKeys.RECORDINGS_ROOT
              + " to the folder recordings are written under");
    }
    return root;
  }
}

package io.github.localserver.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * Checks that the libraries LocalServer is built on are the ones on the class path, and says which
 * jar to add, remove or exclude when they are not, instead of letting a {@code NoSuchMethodError}
 * or {@code NoClassDefFoundError} surface from deep inside WireMock or OkHttp.
 *
 * <p>When: WireMock is checked before the first server starts ({@link #requireWireMock}), as every
 * HTTP server needs it. OkHttp and the Kotlin standard library it runs on are checked only where
 * they are used ({@link #requireOkHttp}): before the OkHttp client is made, an {@code HttpUrl} is
 * built, or an HTTPS certificate is made (okhttp-tls). A suite that never asks for an OkHttp type
 * or HTTPS works with whatever OkHttp and Kotlin a project brings, and never loads them.
 *
 * <p>How it works: resource lookups only ({@code ClassLoader.getResources} for a class file, then
 * the manifest, {@code version.properties} or {@code pom.properties} beside it, then the jar's file
 * name); no class of the checked library is loaded. Each check runs once per class loader (a lazy
 * holder) and its verdict is kept: every later server start or client fails with the same message.
 */
public final class ClasspathCheck {

  /** The OkHttp LocalServer is built with (the parent POM's {@code okhttp.version}). */
  static final String OKHTTP_VERSION = "5.5.1";
  /** The kotlin-stdlib that {@link #OKHTTP_VERSION}'s POM depends on. */
  static final String KOTLIN_STDLIB_VERSION = "2.1.21";

  private static final String WIREMOCK_CLASS = "com/github/tomakehurst/wiremock/WireMockServer.class";
  /** Jetty as wiremock-standalone shades it; LocalServer's Jetty code is compiled against it. */
  private static final String SHADED_JETTY = "wiremock/org/eclipse/jetty/server/Server.class";
  private static final String OKHTTP_CLASS = "okhttp3/OkHttpClient.class";
  private static final String KOTLIN_CLASS = "kotlin/KotlinVersion.class";
  private static final Pattern JAR_NAME = Pattern.compile("(.+?)-(\\d+(?:\\.\\d+)*(?:[.-].*)?)\\.jar");

  private ClasspathCheck() {}

  /**
   * Fails unless exactly one WireMock, the shaded wiremock-standalone 3.x, is on the class path.
   *
   * @throws ExtensionConfigurationException naming the jar to remove or replace
   */
  public static void requireWireMock() {
    WireMockVerdict.PROBLEM.ifPresent(ClasspathCheck::fail);
  }

  /**
   * Fails unless OkHttp 5 alone holds package {@code okhttp3} and the kotlin-stdlib is as new as
   * OkHttp 5 needs.
   *
   * @throws ExtensionConfigurationException naming the jar to remove or the dependency to add
   */
  public static void requireOkHttp() {
    OkHttpVerdict.PROBLEM.ifPresent(ClasspathCheck::fail);
  }

  private static void fail(String message) {
    throw new ExtensionConfigurationException(message);
  }

  private static final class WireMockVerdict {
    static final Optional<String> PROBLEM = wireMockProblem(loader());
  }

  private static final class OkHttpVerdict {
    static final Optional<String> PROBLEM = okHttpProblem(loader());
  }

  private static ClassLoader loader() {
    ClassLoader loader = ClasspathCheck.class.getClassLoader();
    return loader != null ? loader : ClassLoader.getSystemClassLoader();
  }

  // ---- WireMock ------------------------------------------------------------------------------

  static Optional<String> wireMockProblem(ClassLoader loader) {
    List<Jar> jars = Jar.holding(loader, WIREMOCK_CLASS);
    Optional<Jar> ours =
        jars.stream()
            .filter(j -> j.property("version.properties", "version").filter(v -> major(v) >= 3).isPresent())
            .filter(j -> j.has(SHADED_JETTY))
            .findFirst();
    List<Jar> others = jars.stream().filter(j -> ours.isEmpty() || j != ours.get()).toList();
    if (others.isEmpty()) {
      return Optional.empty();
    }
    List<String> coordinates = others.stream().map(ClasspathCheck::wireMockCoordinates).toList();
    String remove = join(coordinates);
    String tree = treeHint(coordinates);
    if (ours.isPresent()) {
      return Optional.of(
          "WireMock is on the class path more than once: com.github.tomakehurst.wiremock.WireMockServer is in "
              + join(jars.stream().map(Jar::fileName).toList())
              + ", so WireMock would run with classes of different versions. LocalServer needs"
              + " org.wiremock:wiremock-standalone 3.x alone; remove "
              + remove
              + " from the test dependencies, or exclude it from the dependency that brings it"
              + tree);
    }
    String found = others.get(0).wireMockVersion().map(v -> "WireMock " + v).orElse("WireMock");
    return Optional.of(
        found
            + " is on the class path ("
            + join(others.stream().map(Jar::fileName).toList())
            + "), and LocalServer needs the shaded WireMock 3, org.wiremock:wiremock-standalone 3.x;"
            + " replace "
            + remove
            + " with it, or exclude it from the dependency that brings it"
            + tree);
  }

  private static String wireMockCoordinates(Jar jar) {
    return jar.artifact()
        .map(
            a -> {
              String version = jar.wireMockVersion().orElse(a.version());
              String group = major(version) >= 3 ? "org.wiremock" : "com.github.tomakehurst";
              return group + ":" + a.id() + ":" + version;
            })
        .orElse("the dependency that holds " + jar.fileName());
  }

  // ---- OkHttp and Kotlin ---------------------------------------------------------------------

  static Optional<String> okHttpProblem(ClassLoader loader) {
    List<Jar> jars = Jar.holding(loader, OKHTTP_CLASS);
    String needs = "LocalServer's OkHttp client, HttpUrl and HTTPS certificates need OkHttp " + OKHTTP_VERSION;
    String dependency = "com.squareup.okhttp3:okhttp-jvm:" + OKHTTP_VERSION;
    if (jars.isEmpty()) {
      return Optional.of(
          "OkHttp is not on the class path; " + needs + ": add " + dependency + " (or stop excluding it)");
    }
    Optional<Jar> ours =
        jars.stream().filter(j -> j.manifest("Bundle-Version").filter(v -> major(v) >= 5).isPresent()).findFirst();
    List<Jar> others = jars.stream().filter(j -> ours.isEmpty() || j != ours.get()).toList();
    if (!others.isEmpty()) {
      List<String> coordinates = others.stream().map(ClasspathCheck::okHttpCoordinates).toList();
      Jar first = others.get(0);
      String found =
          first.property("META-INF/maven/com.squareup.okhttp3/okhttp/pom.properties", "version")
                  .or(() -> first.artifact().map(Artifact::version))
                  .map(v -> "OkHttp " + v)
                  .orElse("An older OkHttp")
              + " is on the class path ("
              + join(others.stream().map(Jar::fileName).toList())
              + ")";
      String beside =
          ours.map(j -> " beside " + j.fileName() + ", and both hold package okhttp3, so OkHttp would run with"
              + " classes of two versions. ").orElse(". ");
      return Optional.of(
          found
              + beside
              + needs
              + " alone; remove "
              + join(coordinates)
              + " from the test dependencies, or exclude it from the dependency that brings it"
              + treeHint(coordinates)
              + (ours.isEmpty() ? ", and add " + dependency : ""));
    }
    return kotlinProblem(loader);
  }

  private static String okHttpCoordinates(Jar jar) {
    return jar.property("META-INF/maven/com.squareup.okhttp3/okhttp/pom.properties", "version")
        .map(v -> "com.squareup.okhttp3:okhttp:" + v)
        .or(() -> jar.artifact().map(a -> "com.squareup.okhttp3:" + a.id() + ":" + a.version()))
        .orElse("the dependency that holds " + jar.fileName());
  }

  private static Optional<String> kotlinProblem(ClassLoader loader) {
    String dependency = "org.jetbrains.kotlin:kotlin-stdlib:" + KOTLIN_STDLIB_VERSION;
    String needs =
        "OkHttp " + OKHTTP_VERSION + ", which LocalServer's OkHttp client, HttpUrl and HTTPS certificates use,"
            + " needs kotlin-stdlib " + KOTLIN_STDLIB_VERSION + " or newer";
    List<Jar> jars = Jar.holding(loader, KOTLIN_CLASS);
    if (jars.isEmpty()) {
      return Optional.of("kotlin-stdlib is not on the class path; " + needs + ": add " + dependency);
    }
    Jar found = jars.get(0); // the one whose classes are loaded
    Optional<String> version =
        found.manifest("Implementation-Version")
            .map(v -> v.split("[\\s-]", 2)[0])
            .filter(v -> v.matches("\\d+(\\.\\d+)*"))
            .or(() -> found.artifact().map(Artifact::version));
    boolean old =
        version.map(v -> compare(v, KOTLIN_STDLIB_VERSION) < 0)
            .orElseGet(() -> loader.getResource("kotlin/enums/EnumEntriesKt.class") == null);
    if (!old) {
      return Optional.empty();
    }
    String which = version.map(v -> "kotlin-stdlib " + v).orElse("An old kotlin-stdlib");
    return Optional.of(
        which
            + " is on the class path ("
            + found.fileName()
            + "), and "
            + needs
            + " (older ones fail with NoClassDefFoundError: kotlin/enums/EnumEntriesKt and the like); add "
            + dependency
            + " to the test dependencies or to <dependencyManagement> (under Spring Boot's parent, set the"
            + " property kotlin.version to "
            + KOTLIN_STDLIB_VERSION
            + ")"
            + "; mvn dependency:tree -Dincludes=org.jetbrains.kotlin shows what brings "
            + version.orElse("the old one"));
  }

  // ---- helpers -------------------------------------------------------------------------------

  private static String treeHint(List<String> coordinates) {
    List<String> patterns =
        coordinates.stream()
            .filter(c -> !c.startsWith("the "))
            .map(c -> c.substring(0, c.lastIndexOf(':')))
            .distinct()
            .toList();
    if (patterns.isEmpty()) {
      return " (mvn dependency:tree shows which)";
    }
    return " (mvn dependency:tree -Dincludes=" + String.join(",", patterns) + " shows which)";
  }

  private static String join(List<String> items) {
    if (items.size() == 1) {
      return items.get(0);
    }
    return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
  }

  private static int major(String version) {
    Matcher m = Pattern.compile("(\\d+)").matcher(version);
    return m.lookingAt() ? Integer.parseInt(m.group(1)) : -1;
  }

  /** Compares dotted numeric versions ({@code 1.3.72} before {@code 2.1.21}). */
  static int compare(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      int p = i < x.length ? number(x[i]) : 0;
      int q = i < y.length ? number(y[i]) : 0;
      if (p != q) {
        return Integer.compare(p, q);
      }
    }
    return 0;
  }

  private static int number(String part) {
    Matcher m = Pattern.compile("(\\d+)").matcher(part);
    return m.lookingAt() ? Integer.parseInt(m.group(1)) : 0;
  }

  private record Artifact(String id, String version) {}

  /** A class path entry (a jar, or a folder) that holds a given resource. */
  private record Jar(String root) {

    static List<Jar> holding(ClassLoader loader, String resource) {
      try {
        List<Jar> jars = new ArrayList<>();
        for (URL url : Collections.list(loader.getResources(resource))) {
          String text = url.toString();
          if (text.endsWith(resource)) {
            Jar jar = new Jar(text.substring(0, text.length() - resource.length()));
            if (!jars.contains(jar)) {
              jars.add(jar);
            }
          }
        }
        return jars;
      } catch (IOException e) {
        return List.of(); // the class path cannot be read: nothing to say about it
      }
    }

    /** The jar's file name, or a folder's path. */
    String fileName() {
      String path = root;
      if (path.startsWith("jar:")) {
        path = path.substring("jar:".length());
        int bang = path.lastIndexOf("!/");
        path = bang >= 0 ? path.substring(0, bang) : path;
        path = path.substring(path.lastIndexOf('/') + 1);
      } else if (path.startsWith("file:")) {
        path = path.substring("file:".length());
      }
      return URLDecoder.decode(path, StandardCharsets.UTF_8);
    }

    /** Artifact id and version from a Maven-style file name ({@code okhttp-3.14.9.jar}). */
    Optional<Artifact> artifact() {
      Matcher m = JAR_NAME.matcher(fileName());
      return m.matches() ? Optional.of(new Artifact(m.group(1), m.group(2))) : Optional.empty();
    }

    Optional<String> wireMockVersion() {
      return property("version.properties", "version").or(() -> artifact().map(Artifact::version));
    }

    boolean has(String resource) {
      try {
        open(resource).close();
        return true;
      } catch (IOException e) {
        return false;
      }
    }

    Optional<String> property(String file, String key) {
      try (InputStream in = open(file)) {
        Properties properties = new Properties();
        properties.load(in);
        return Optional.ofNullable(properties.getProperty(key)).map(String::trim);
      } catch (IOException e) {
        return Optional.empty();
      }
    }

    Optional<String> manifest(String attribute) {
      try (InputStream in = open("META-INF/MANIFEST.MF")) {
        return Optional.ofNullable(new Manifest(in).getMainAttributes().getValue(attribute)).map(String::trim);
      } catch (IOException e) {
        return Optional.empty();
      }
    }

    private InputStream open(String resource) throws IOException {
      // Not the JDK's cached jar file: a class loader that closes its jars (a test's, an IDE's)
      // would close it under us, or we under it ("zip file closed").
      java.net.URLConnection connection = new URL(root + resource).openConnection();
      connection.setUseCaches(false);
      return connection.getInputStream();
    }
  }
}

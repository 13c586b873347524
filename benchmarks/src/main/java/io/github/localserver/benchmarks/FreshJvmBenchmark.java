package io.github.localserver.benchmarks;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * The suites as users run them: each in a fresh JVM, as every {@code mvn test} and every IDE run of
 * one class starts one. Wall time of the process, from its start to its exit (JVM start, class
 * loading, discovery, the tests, a cold JIT: everything the user waits for).
 *
 * <p>Two suites: one class × 5 tests (an IDE run of one class) and 100 classes × 5 tests (the
 * whole suite), each for the floor (the same tests with no server), {@code @LocalServer}, {@code
 * @WireMockTest}, MockWebServer and MockWebServer with {@code TCP_NODELAY}, and, for the whole
 * suite, {@code @LocalServer} with the JVM recipes the README gives (C1 only; C1 with an AppCDS
 * archive). Every round runs every contender once, in an order that rotates from round to round,
 * so that the load of a shared machine falls on all of them alike. Plain MockWebServer's whole
 * suite waits out ~40 ms delayed ACKs (about 20 s), so it runs in the first round only.
 */
final class FreshJvmBenchmark {

  /**
   * One contender: a suite of a variant, in a JVM with these options.
   *
   * @param key the label in results
   */
  record Run(String key, Variant variant, Shape shape, List<String> jvmOptions) {}

  /** Seconds and loaded classes per run key, in round order. */
  record Results(Map<String, List<Double>> seconds, Map<String, List<Double>> loadedClasses) {
    List<Double> of(String key) {
      return seconds.getOrDefault(key, List.of());
    }

    boolean has(String key) {
      return !of(key).isEmpty();
    }
  }

  static final String C1 = "-XX:TieredStopAtLevel=1";

  private final Path classes;
  private final Path work;
  private String classPath;

  FreshJvmBenchmark(Path classes, Path work) {
    this.classes = classes;
    this.work = work;
  }

  /** The key of a variant's suite with the default JVM. */
  static String key(Variant variant, Shape shape) {
    return variant.name() + "/" + (shape.name().isEmpty() ? "suite" : shape.name());
  }

  /** Key of {@code @LocalServer}'s whole suite with C1 only. */
  static final String LOCALSERVER_C1 = key(Variant.LOCALSERVER, Shape.SUITE) + "+c1";

  /** Key of {@code @LocalServer}'s whole suite with C1 and an AppCDS archive of its classes. */
  static final String LOCALSERVER_CDS = key(Variant.LOCALSERVER, Shape.SUITE) + "+c1+appcds";

  Results run(int rounds, Progress progress) {
    classPath = jarredClassPath();
    Path archive = work.resolve("localserver-suite.jsa");
    // AppCDS on JDK 17: one run writes the archive at exit (JDK 19+ does both at once with
    // -XX:+AutoCreateSharedArchive -XX:SharedArchiveFile=...), later runs map it.
    once(new Run("cds-training", Variant.LOCALSERVER, Shape.SUITE, List.of(C1, "-XX:ArchiveClassesAtExit=" + archive)));
    List<Run> single = new ArrayList<>();
    List<Run> suite = new ArrayList<>();
    for (Variant variant : List.of(
        Variant.FLOOR, Variant.LOCALSERVER, Variant.WIREMOCK, Variant.MOCKWEBSERVER, Variant.MOCKWEBSERVER_NODELAY)) {
      single.add(new Run(key(variant, Shape.SINGLE_CLASS), variant, Shape.SINGLE_CLASS, List.of()));
      suite.add(new Run(key(variant, Shape.SUITE), variant, Shape.SUITE, List.of()));
    }
    suite.add(new Run(LOCALSERVER_C1, Variant.LOCALSERVER, Shape.SUITE, List.of(C1)));
    if (Files.exists(archive)) {
      suite.add(new Run(LOCALSERVER_CDS, Variant.LOCALSERVER, Shape.SUITE, List.of(C1, "-XX:SharedArchiveFile=" + archive)));
    }
    // one untimed run of each, so that the OS's file cache holds every jar alike
    for (Run warm : single) {
      once(warm);
    }
    Map<String, List<Double>> seconds = new LinkedHashMap<>();
    Map<String, List<Double>> loaded = new LinkedHashMap<>();
    for (int round = 0; round < rounds; round++) {
      List<Run> order = new ArrayList<>(SuiteBenchmark.rotated(single, round));
      order.addAll(SuiteBenchmark.rotated(suite, round));
      for (Run run : order) {
        if (run.variant() == Variant.MOCKWEBSERVER && run.shape() == Shape.SUITE && round > 0) {
          continue;
        }
        double[] result = once(run);
        seconds.computeIfAbsent(run.key(), k -> new ArrayList<>()).add(result[0]);
        loaded.computeIfAbsent(run.key(), k -> new ArrayList<>()).add(result[1]);
        progress.note(
            String.format(
                Locale.ROOT, "fresh JVM round %d/%d %s: %.2f s, %.0f classes", round + 1, rounds, run.key(), result[0],
                result[1]));
      }
    }
    return new Results(seconds, loaded);
  }

  /**
   * The generated classes and this JVM's class path, with every folder in it turned into a jar:
   * CDS archives classes from jars only, and refuses to write an archive while a non-empty folder is
   * on the class path. All contenders get the same class path.
   */
  private String jarredClassPath() {
    List<String> entries = new ArrayList<>();
    entries.add(classes.toString());
    entries.addAll(List.of(System.getProperty("java.class.path").split(File.pathSeparator)));
    List<String> jarred = new ArrayList<>();
    try {
      for (String entry : entries) {
        Path path = Path.of(entry);
        if (!Files.isDirectory(path)) {
          jarred.add(entry);
          continue;
        }
        Path jar = work.resolve("classpath-" + jarred.size() + ".jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
            Stream<Path> files = Files.walk(path)) {
          for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
            out.putNextEntry(new JarEntry(path.relativize(file).toString().replace(File.separatorChar, '/')));
            Files.copy(file, out);
            out.closeEntry();
          }
        }
        jarred.add(jar.toString());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return String.join(File.pathSeparator, jarred);
  }

  /** Runs one JVM to its end; returns its wall time in seconds and the classes it loaded. */
  private double[] once(Run run) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(run.jvmOptions());
    command.add("-cp");
    command.add(classPath);
    command.add(SuiteMain.class.getName());
    command.add(run.variant().name());
    command.add("sequential");
    command.add("0");
    command.add(String.valueOf(run.shape().classes()));
    command.add(run.shape().name());
    try {
      long start = System.nanoTime();
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int exit = process.waitFor();
      double seconds = (System.nanoTime() - start) / 1e9;
      if (exit != 0) {
        throw new IllegalStateException("A fresh JVM of " + run.key() + " failed:\n" + output);
      }
      String classCount = Jvm.keyValues(output.lines().toList()).get("loadedClasses");
      return new double[] {seconds, classCount == null ? Double.NaN : Double.parseDouble(classCount)};
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Where progress lines go. */
  interface Progress {
    void note(String line);
  }
}

package io.github.localserver.benchmarks;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * The whole-suite benchmark: 100 classes × 5 tests per {@link Variant}, generated at run time
 * ({@link SuiteGenerator}), compiled with {@code javax.tools}, and run through the JUnit Platform
 * launcher.
 *
 * <ul>
 *   <li>In this JVM: {@value #WARM_UP_ROUNDS} warm-up rounds, then rounds in which every variant runs once,
 *       in an order that rotates from round to round; sequential rounds, then rounds with JUnit
 *       parallel execution (classes concurrent on 4 threads). Each run gets a fresh launcher
 *       execution, so LocalServer's pool is new for each (the first class starts a server, later
 *       classes reuse it), as in a real build. Each sequential round also runs, for {@code
 *       @LocalServer} and {@code @WireMockTest}, 100 classes × 1 test and 1 class × 100 tests: the
 *       difference ÷ 99 is what a class costs end to end (JUnit's share included).
 *   <li>Forks, as Surefire's {@code forkCount}: a fresh JVM running the whole suite, against two
 *       fresh JVMs at once running half each; wall time of the processes, JVM start included.
 * </ul>
 */
final class SuiteBenchmark {


  /** Timings in seconds, per variant, in round order. */
  record Timings(Map<Variant, List<Double>> seconds) {
    static Timings empty() {
      Map<Variant, List<Double>> map = new EnumMap<>(Variant.class);
      for (Variant variant : Variant.values()) {
        map.put(variant, new ArrayList<>());
      }
      return new Timings(map);
    }

    List<Double> of(Variant variant) {
      return seconds.get(variant);
    }

    boolean has(Variant variant) {
      return !seconds.get(variant).isEmpty();
    }
  }

  /**
   * @param classCost milliseconds a class costs end to end, per round: (100 classes × 1 test − 1
   *     class × 100 tests) ÷ 99
   */
  record Results(Timings sequential, Timings parallel, Timings oneFork, Timings twoForks, Timings classCost) {
    static Results empty() {
      return new Results(Timings.empty(), Timings.empty(), Timings.empty(), Timings.empty(), Timings.empty());
    }
  }

  static final int WARM_UP_ROUNDS = 3;

  private final Path classes;

  private SuiteBenchmark(Path classes) {
    this.classes = classes;
  }

  /** Where the compiled suites are. */
  Path classes() {
    return classes;
  }

  /** Generates and compiles the three suites below {@code workDir}. */
  static SuiteBenchmark prepare(Path workDir) {
    Path sources = workDir.resolve("src");
    Path classes = workDir.resolve("classes");
    try {
      Files.createDirectories(classes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Path> files = SuiteGenerator.write(sources);
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    if (compiler == null) {
      throw new IllegalStateException("The whole-suite benchmark needs a JDK (javax.tools), not a JRE");
    }
    try (StandardJavaFileManager fileManager = compiler.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
      Iterable<? extends JavaFileObject> units = fileManager.getJavaFileObjectsFromPaths(files);
      List<String> options =
          List.of(
              "--release", "17",
              "-proc:none",
              "-classpath", System.getProperty("java.class.path"),
              "-d", classes.toString());
      Boolean ok = compiler.getTask(null, fileManager, null, options, null, units).call();
      if (!Boolean.TRUE.equals(ok)) {
        throw new IllegalStateException("The generated suites did not compile; sources in " + sources);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new SuiteBenchmark(classes);
  }

  /**
   * In this JVM: warm-up, then rounds of sequential runs, then rounds of parallel runs.
   *
   * @param slowRounds rounds for plain MockWebServer (at most {@code rounds}): its suite waits out
   *     TCP delayed ACKs and takes about 20 times longer than the others
   */
  Results runInJvm(int rounds, int slowRounds, Progress progress) {
    Results results = Results.empty();
    List<Variant> classCostVariants = List.of(Variant.LOCALSERVER, Variant.WIREMOCK);
    try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
      // The JIT keeps improving for a few runs: three warm-up rounds (one for plain MockWebServer,
      // whose time is almost all waiting).
      for (int warmRound = 1; warmRound <= WARM_UP_ROUNDS; warmRound++) {
        for (Variant variant : Variant.SERVERS) {
          if (variant == Variant.MOCKWEBSERVER && warmRound > 1) {
            continue;
          }
          double warm = once(loader, variant, Shape.SUITE, false);
          double warmParallel = once(loader, variant, Shape.SUITE, true);
          progress.note(
              "suite warm-up " + warmRound + " " + variant.label + ": " + seconds(warm) + " sequential, "
                  + seconds(warmParallel) + " parallel");
        }
      }
      for (Variant variant : classCostVariants) {
        once(loader, variant, Shape.MANY_CLASSES, false);
        once(loader, variant, Shape.ONE_CLASS, false);
      }
      for (boolean isParallel : new boolean[] {false, true}) {
        Timings timings = isParallel ? results.parallel() : results.sequential();
        for (int round = 0; round < rounds; round++) {
          for (Variant variant : rotated(round)) {
            if (variant == Variant.MOCKWEBSERVER && round >= slowRounds) {
              continue;
            }
            double s = once(loader, variant, Shape.SUITE, isParallel);
            timings.of(variant).add(s);
            progress.note(
                "suite " + (isParallel ? "parallel" : "sequential") + " round " + (round + 1) + "/" + rounds + " "
                    + variant.label + ": " + seconds(s));
          }
          if (!isParallel) {
            for (Variant variant : classCostVariants) {
              double many = once(loader, variant, Shape.MANY_CLASSES, false);
              double one = once(loader, variant, Shape.ONE_CLASS, false);
              double perClassMs = (many - one) / (Shape.MANY_CLASSES.classes() - 1) * 1000;
              results.classCost().of(variant).add(perClassMs);
              progress.note(
                  "class cost round " + (round + 1) + "/" + rounds + " " + variant.label + ": "
                      + String.format(Locale.ROOT, "%.2f ms", perClassMs));
            }
          }
        }
      }
    } catch (MalformedURLException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return results;
  }

  private static double once(ClassLoader loader, Variant variant, Shape shape, boolean parallel) {
    System.gc(); // start each run on a clean heap; not timed
    return SuiteRunner.run(loader, SuiteGenerator.classNames(variant, shape), parallel, shape.testCount());
  }

  /** The list turned left by {@code round} places: each round starts with the next one. */
  static <T> List<T> rotated(List<T> all, int round) {
    List<T> order = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      order.add(all.get((round + i) % all.size()));
    }
    return order;
  }

  private static List<Variant> rotated(int round) {
    return rotated(Variant.SERVERS, round);
  }

  /** Fresh JVMs: the whole suite in one, then halves in two at once; rounds alternate. */
  Results runForks(Results inJvm, int rounds, List<Variant> variants, Progress progress) {
    Timings oneFork = Timings.empty();
    Timings twoForks = Timings.empty();
    for (int round = 0; round < rounds; round++) {
      for (Variant variant : variants) {
        double one = forks(variant, 1);
        double two = forks(variant, 2);
        oneFork.of(variant).add(one);
        twoForks.of(variant).add(two);
        progress.note(
            "forks round " + (round + 1) + "/" + rounds + " " + variant.label + ": 1 fork " + seconds(one) + ", 2 forks "
                + seconds(two));
      }
    }
    return new Results(inJvm.sequential(), inJvm.parallel(), oneFork, twoForks, inJvm.classCost());
  }

  private double forks(Variant variant, int count) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classPath = classes + File.pathSeparator + System.getProperty("java.class.path");
    List<Process> processes = new ArrayList<>();
    long start = System.nanoTime();
    try {
      for (int i = 0; i < count; i++) {
        int from = Shape.SUITE.classes() * i / count;
        int to = Shape.SUITE.classes() * (i + 1) / count;
        processes.add(
            new ProcessBuilder(
                    java, "-cp", classPath, SuiteMain.class.getName(), variant.name(), "sequential",
                    String.valueOf(from), String.valueOf(to))
                .redirectErrorStream(true)
                .start());
      }
      List<String> outputs = new ArrayList<>();
      for (Process process : processes) {
        outputs.add(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
      }
      for (int i = 0; i < processes.size(); i++) {
        if (processes.get(i).waitFor() != 0) {
          throw new IllegalStateException("A forked suite run failed:\n" + outputs.get(i));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return (System.nanoTime() - start) / 1e9;
  }

  private static String seconds(double s) {
    return String.format(Locale.ROOT, "%.2f s", s);
  }

  /** Where progress lines go. */
  interface Progress {
    void note(String line);
  }
}

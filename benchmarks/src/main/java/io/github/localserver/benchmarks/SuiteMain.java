package io.github.localserver.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * One forked JVM of the fork benchmark, as Surefire starts it: runs a slice of a generated suite
 * (compiled classes on the class path) and exits non-zero unless every test passed.
 *
 * <p>Arguments: variant, {@code parallel} or {@code sequential}, first class index, end index, and
 * optionally the {@link Shape}'s name (the main suite's is {@code ""}, the default). Prints the
 * suite's seconds (discovery and execution) and the classes the JVM loaded.
 */
public final class SuiteMain {

  private SuiteMain() {}

  public static void main(String[] args) {
    Variant variant = Variant.valueOf(args[0]);
    boolean parallel = args[1].equals("parallel");
    int from = Integer.parseInt(args[2]);
    int to = Integer.parseInt(args[3]);
    Shape shape = args.length > 4 ? Shape.named(args[4]) : Shape.SUITE;
    List<String> names = SuiteGenerator.classNames(variant, shape).subList(from, to);
    double seconds = SuiteRunner.run(SuiteMain.class.getClassLoader(), names, parallel, names.size() * shape.tests());
    System.out.println("suiteSeconds=" + seconds);
    System.out.println("loadedClasses=" + ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount());
    System.exit(0); // Surefire ends its forks the same way, whatever threads are left
  }
}

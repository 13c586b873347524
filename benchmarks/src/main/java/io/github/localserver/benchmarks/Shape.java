package io.github.localserver.benchmarks;

import java.util.List;

/**
 * A generated suite's shape: so many classes of so many tests, in a package of its own below the
 * variant's.
 *
 * @param name the package below the variant's, {@code ""} for the main suite
 */
record Shape(String name, int classes, int tests) {

  /** The whole-suite benchmark's suite. */
  static final Shape SUITE = new Shape("", 100, 5);

  /** With {@link #ONE_CLASS}: the end-to-end cost of a class, (many − one) ÷ 99. */
  static final Shape MANY_CLASSES = new Shape("classes", 100, 1);

  static final Shape ONE_CLASS = new Shape("tests", 1, 100);

  /** The fresh-JVM runs' smallest suite: one class of 5 tests, as an IDE run of one class. */
  static final Shape SINGLE_CLASS = new Shape("single", 1, 5);

  /** By package name below the variant's. */
  static Shape named(String name) {
    for (Shape shape : List.of(SUITE, MANY_CLASSES, ONE_CLASS, SINGLE_CLASS)) {
      if (shape.name.equals(name)) {
        return shape;
      }
    }
    throw new IllegalArgumentException("No shape named '" + name + "'");
  }

  String packageName(Variant variant) {
    return name.isEmpty() ? variant.packageName() : variant.packageName() + "." + name;
  }

  int testCount() {
    return classes * tests;
  }
}

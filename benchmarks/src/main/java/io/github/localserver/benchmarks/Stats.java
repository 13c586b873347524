package io.github.localserver.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A measured value: its centre (median of rounds, or JMH's mean) and its spread (min and max of
 * rounds or iterations).
 */
record Stats(double centre, double min, double max, int n) {

  static Stats of(List<Double> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("no values");
    }
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int size = sorted.size();
    double median =
        size % 2 == 1 ? sorted.get(size / 2) : (sorted.get(size / 2 - 1) + sorted.get(size / 2)) / 2;
    return new Stats(median, sorted.get(0), sorted.get(size - 1), size);
  }

  /** This ÷ that: centre over centre, spread from the extremes (this.min ÷ that.max ...). */
  Stats over(Stats that) {
    return new Stats(centre / that.centre, min / that.max, max / that.min, Math.min(n, that.n));
  }

  /** Paired ratios: a[i] ÷ b[i] per round; median and min–max of those. */
  static Stats pairedRatios(List<Double> a, List<Double> b) {
    List<Double> ratios = new ArrayList<>();
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      ratios.add(a.get(i) / b.get(i));
    }
    return of(ratios);
  }

  /** This + that: two parts measured apart; centres add, and so do the extremes. */
  Stats plus(Stats that) {
    return new Stats(centre + that.centre, min + that.min, max + that.max, Math.min(n, that.n));
  }

  Stats times(double factor) {
    return new Stats(centre * factor, min * factor, max * factor, n);
  }
}

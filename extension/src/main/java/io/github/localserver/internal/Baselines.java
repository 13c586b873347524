package io.github.localserver.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a shared server goes back to before each test: the state each class's {@code @BeforeAll}
 * methods left it in, by class, so that a nested class starts from its enclosing class's baseline
 * and adds its own.
 *
 * @param <B> the server's kind of snapshot
 */
final class Baselines<B> {

  private final Map<String, B> byClass = new ConcurrentHashMap<>();

  /** Records a class's baseline, taken when its {@code @BeforeAll} phase ended. */
  void record(String classId, B baseline) {
    byClass.put(classId, baseline);
  }

  /** The baseline of the innermost of these classes that has one. */
  Optional<B> nearest(List<String> classesInnermostFirst) {
    for (String id : classesInnermostFirst) {
      B baseline = byClass.get(id);
      if (baseline != null) {
        return Optional.of(baseline);
      }
    }
    return Optional.empty();
  }
}

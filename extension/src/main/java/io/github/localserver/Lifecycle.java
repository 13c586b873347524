package io.github.localserver;

/**
 * How long a server declared with {@link LocalServer} lives.
 *
 * <h2>Since</h2>
 * 0.1.0
 */
public enum Lifecycle {

  /**
   * One server for the whole test class: ready before the class's first test (before {@code
   * @BeforeAll} methods run) and released after its last. Before each test its stubs, request
   * journal and scenarios go back to the class baseline: what was registered before the first test
   * began (for example in {@code @BeforeAll}). Tests of one class that run concurrently take turns
   * on the server, so none ever sees another's stubs or requests. The server is started for this
   * class alone and stopped for good after it.
   */
  PER_CLASS,

  /**
   * A fresh server for each test: ready before its {@code @BeforeEach} methods, released after its
   * {@code @AfterEach} methods. Tests of one class that run concurrently each have their own server
   * and port. "Fresh" means new: a server started for that test alone, which no other test has
   * touched, whose port refuses connections once the test ends (see {@link LocalServerExtension},
   * "Isolation").
   */
  PER_METHOD
}

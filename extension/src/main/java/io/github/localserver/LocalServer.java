package io.github.localserver;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Declares a mock HTTP server on loopback for a test class or a single test method.
 *
 * <pre>{@code
 * @LocalServer
 * class OrdersClientTest {
 *   @Test
 *   void fetchesAnOrder(LocalHttpServer server, @ServerUrl String baseUrl, OkHttpClient http) { ... }
 * }
 * }</pre>
 *
 * <p>The server is a WireMock 3 engine bound to a literal loopback address and, by default, a free
 * port chosen by the OS. Repeat the annotation, with distinct {@link #name()}s, for several
 * servers; put it on a custom annotation to share a declaration between classes.
 *
 * <h2>Lifecycle</h2>
 * On a class, {@link #lifecycle()} decides between one server for the class ({@link
 * Lifecycle#PER_CLASS}, the default) and one per test ({@link Lifecycle#PER_METHOD}). On a test
 * method the server exists for that test alone, whatever {@link #lifecycle()} says. A {@code
 * @Nested} class sees its enclosing classes' servers and may declare its own; a server it declares
 * with an enclosing server's name replaces that one inside it. Servers are stopped, their threads
 * ended and ports released when their scope ends, whether tests passed, failed or aborted.
 *
 * <h2>Parameters</h2>
 * See {@link LocalServerExtension} for what can be injected into tests, lifecycle methods,
 * constructors and fields.
 *
 * <h2>Configuration</h2>
 * The JUnit configuration parameters {@value LocalServerExtension#HOST_KEY}, {@value
 * LocalServerExtension#LIFECYCLE_KEY}, {@value LocalServerExtension#FAIL_ON_UNMATCHED_KEY} and {@value
 * LocalServerExtension#FAIL_ON_UNUSED_STUBS_KEY} set project-wide defaults; an attribute that differs
 * from its default wins over them. {@value LocalServerExtension#RECORD_KEY} switches servers with a
 * {@link #recording()} from replay to record mode, and {@value
 * LocalServerExtension#RECORDINGS_ROOT_KEY} says where recordings are written.
 *
 * <h2>Errors</h2>
 * Two servers in scope marked {@link #staticDsl()}, options that set network settings, a
 * non-loopback {@link #host()}, a {@link #port()} outside 0–65535 or already in use, two
 * servers with one name in one class, a missing {@link #mappings()} folder or a stub file that is
 * not valid JSON, a {@link #recording()} that is not on the classpath in replay, a {@link #target()}
 * that is no http(s) URL or, in record mode, cannot be reached, fail the test class before any
 * server starts, with a message that names the value and says what would be valid.
 *
 * <h2>Since</h2>
 * 0.1.0
 */
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Documented
@Repeatable(LocalServers.class)
@ExtendWith(LocalServerExtension.class)
public @interface LocalServer {

  /**
   * The server's name, used to qualify injection ({@code @Server("orders")}); {@code ""} is the
   * default server, injected without a qualifier. Unique per class.
   *
   * @return the server's name; {@code ""} by default
   */
  String name() default "";

  /**
   * The address to bind: any 127.0.0.0/8 literal, {@code ::1}, or {@code localhost} (which binds
   * 127.0.0.1). Nothing else is accepted. URLs always carry the bound literal address.
   *
   * @return the address to bind; {@code "127.0.0.1"} by default
   */
  String host() default "127.0.0.1";

  /**
   * {@code 0} for a free port chosen by the OS (the default); otherwise that exact port.
   *
   * @return the port to bind; {@code 0} by default
   */
  int port() default 0;

  /**
   * Serve HTTPS only, with a self-signed certificate made once per test run (subject alternative
   * names 127.0.0.1, ::1 and localhost). The injected clients trust it.
   *
   * @return whether the server serves HTTPS; {@code false} by default
   */
  boolean https() default false;

  /**
   * Whether one server serves the whole class or each test gets its own.
   *
   * @return the server's lifecycle; {@link Lifecycle#PER_CLASS} by default
   */
  Lifecycle lifecycle() default Lifecycle.PER_CLASS;

  /**
   * A classpath folder holding WireMock stub files: JSON under {@code mappings/}, response bodies
   * under {@code __files/}. Its stubs are loaded at start and restored by every reset. {@code ""}
   * loads nothing (in particular, {@code src/test/resources} is never scanned).
   *
   * @return the classpath folder of stub files; {@code ""} by default
   */
  String mappings() default "";

  /**
   * After each test, fail it when the server received a request that matched no stub, listing each
   * such request with WireMock's diff against the nearest stub.
   *
   * @return whether an unmatched request fails the test; {@code true} by default
   */
  boolean failOnUnmatched() default true;

  /**
   * A server of another kind than HTTP, started by this {@link LocalServerFactory}; the default,
   * {@code LocalServerFactory.class} itself, means the built-in WireMock HTTP server. With a
   * factory, {@link #https()}, {@link #mappings()} and {@link #failOnUnmatched()} do not apply and
   * must be left at their defaults.
   *
   * @return the factory of the server; {@code LocalServerFactory.class} (HTTP) by default
   */
  @SuppressWarnings("rawtypes") // an annotation cannot name LocalServerFactory<?>.class
  Class<? extends LocalServerFactory> factory() default LocalServerFactory.class;

  /**
   * Marks the server that WireMock's static DSL ({@code WireMock.stubFor(...)}, {@code
   * WireMock.verify(...)}) points at while several servers are in scope. With one server in scope
   * it points at that one anyway; with several and none marked, a static DSL call fails with a
   * message naming the servers and this attribute (it never reaches {@code localhost:8080}). At
   * most one server in scope may be marked.
   *
   * @return whether the static DSL points at this server; {@code false} by default
   */
  boolean staticDsl() default false;

  /**
   * WireMock options for this server (extensions, templating, notifier, proxy and gzip settings,
   * and the rest), from a {@link WireMockOptions} class; the default, {@code
   * WireMockOptions.class} itself, means none. The network settings come from this annotation's
   * own attributes. The counterpart of {@link LocalServerExtension.Builder#options}.
   *
   * @return the class supplying the options; {@code WireMockOptions.class} (none) by default
   */
  Class<? extends WireMockOptions> options() default WireMockOptions.class;

  /**
   * Strict stubs: after each test, fail it when a stub registered during the test (in the test or
   * its {@code @BeforeEach} methods, through any handle or WireMock's DSL) matched no request,
   * listing each such stub. Stubs of the class baseline ({@code @BeforeAll} on a {@code PER_CLASS}
   * server), of {@link #mappings()} and of a {@link #recording()} are exempt. A test that failed
   * anyway is not failed again for its unused stubs.
   *
   * @return whether an unused stub fails the test; {@code false} by default (or the value of
   *     {@value LocalServerExtension#FAIL_ON_UNUSED_STUBS_KEY})
   */
  boolean failOnUnusedStubs() default false;

  /**
   * A recording of the real API this server stands in for: a classpath folder under {@code
   * src/test/resources} holding WireMock stub files ({@code mappings/}, {@code __files/}). In replay,
   * the default, the server serves the recording (as it serves {@link #mappings()}) and never
   * touches the network; a request the recording does not hold fails the test (with {@link
   * #failOnUnmatched()}) and the message says how to record again. Stubs a test registers take
   * precedence, so faults can be layered on real payloads. When the configuration parameter
   * {@value LocalServerExtension#RECORD_KEY} names this server, the server instead proxies every
   * request to {@link #target()} and writes the answers into {@code src/test/resources/<folder>},
   * replacing the previous recording. Cannot be combined with {@link #mappings()}.
   *
   * @return the classpath folder of the recording; {@code ""} (none) by default
   */
  String recording() default "";

  /**
   * The base URL of the real API that {@link #recording()} is recorded from, e.g. {@code
   * https://api.example.com/v1}; used in record mode only (replay never connects to it).
   *
   * @return the API's base URL; {@code ""} by default
   */
  String target() default "";

  /**
   * Header and query parameter names (any case) whose values are never written into a recording,
   * on top of {@code Authorization}, {@code Cookie} and {@code Set-Cookie}: a recorded response
   * header keeps its name with the value {@code REDACTED}, a recorded query parameter matches any
   * value in replay. Request headers are never recorded at all.
   *
   * @return the names to redact; none by default
   */
  String[] redact() default {};
}

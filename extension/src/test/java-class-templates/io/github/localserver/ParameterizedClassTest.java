package io.github.localserver;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static io.github.localserver.LocalServerTestKit.describe;
import static io.github.localserver.LocalServerTestKit.reported;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * {@code @ParameterizedClass} (JUnit 5.13+): JUnit runs {@code @BeforeAll} once, in the class
 * template's context, and each invocation in a context of its own with the same class. The
 * invocations share the template's server and its baseline, as the tests of a plain class do.
 */
class ParameterizedClassTest {

  @Test
  void everyInvocationSharesTheTemplatesServerAndBaseline() {
    EngineExecutionResults results = LocalServerTestKit.run(TemplateTestCase.class);

    assertThat(results.testEvents().succeeded().count()).as(describe(results)).isEqualTo(4);
    assertThat(reported(results, "baseline stubs")).containsExactly("1", "1", "1", "1");
    assertThat(reported(results, "port")).containsOnly(reported(results, "static port").get(0));
  }

  @LocalServer
  @ParameterizedClass
  @ValueSource(strings = {"a", "b"})
  static class TemplateTestCase {
    @ServerPort static int staticPort;

    @Parameter String letter;

    @BeforeAll
    static void baseline(LocalHttpServer server, TestReporter reporter) {
      server.stubFor(get("/baseline").willReturn(ok()));
      reporter.publishEntry("static port", String.valueOf(staticPort));
    }

    @Test
    void first(LocalHttpServer server, TestReporter reporter) {
      reporter.publishEntry("port", String.valueOf(server.port()));
      reporter.publishEntry("baseline stubs", String.valueOf(server.wireMock().allStubMappings().getMappings().size()));
      server.stubFor(get("/" + letter).willReturn(ok()));
    }

    @Test
    void second(LocalHttpServer server, TestReporter reporter) {
      reporter.publishEntry("port", String.valueOf(server.port()));
      reporter.publishEntry("baseline stubs", String.valueOf(server.wireMock().allStubMappings().getMappings().size()));
      server.stubFor(get("/" + letter).willReturn(ok()));
    }
  }
}

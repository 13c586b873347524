package io.github.localserver.rewrite;

import static org.openrewrite.java.Assertions.java;

import org.junit.jupiter.api.Test;
import org.openrewrite.java.JavaParser;
import org.openrewrite.test.RecipeSpec;
import org.openrewrite.test.RewriteTest;

class MigrateWireMockTestAnnotationTest implements RewriteTest {

  @Override
  public void defaults(RecipeSpec spec) {
    spec.recipe(new MigrateWireMockJUnit5())
        .parser(JavaParser.fromJavaVersion().classpath("wiremock-standalone", "junit-jupiter-api"));
  }

  @Test
  void annotationWithoutAttributes() {
    rewriteRun(
        java(
            """
            import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
            import com.github.tomakehurst.wiremock.junit5.WireMockTest;
            import org.junit.jupiter.api.Test;

            import static com.github.tomakehurst.wiremock.client.WireMock.*;

            @WireMockTest
            class ClientTest {
              @Test
              void gets(WireMockRuntimeInfo info) {
                stubFor(get("/a").willReturn(ok()));
                String url = info.getHttpBaseUrl();
              }
            }
            """,
            """
            import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
            import io.github.localserver.LocalServer;
            import org.junit.jupiter.api.Test;

            import static com.github.tomakehurst.wiremock.client.WireMock.*;

            @LocalServer(failOnUnmatched = false, mappings = "/")
            class ClientTest {
              @Test
              void gets(WireMockRuntimeInfo info) {
                stubFor(get("/a").willReturn(ok()));
                String url = info.getHttpBaseUrl();
              }
            }
            """));
  }
}

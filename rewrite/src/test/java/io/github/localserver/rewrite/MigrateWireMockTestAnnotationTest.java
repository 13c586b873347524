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
  private static String annotated(String imports, String annotation) {
    return imports
        + "import org.junit.jupiter.api.Test;\n\n"
        + annotation + "\n"
        + "class ClientTest {\n"
        + "  @Test\n"
        + "  void gets(WireMockRuntimeInfo info) {\n"
        + "    int port = info.getHttpPort();\n"
        + "  }\n"
        + "}\n";
  }

  private static final String WIREMOCK =
      "import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;\n"
          + "import com.github.tomakehurst.wiremock.junit5.WireMockTest;\n";

  private static final String LOCALSERVER =
      "import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;\n"
          + "import io.github.localserver.LocalServer;\n";

  @Test
  void httpPortBecomesPort() {
    rewriteRun(
        java(
            annotated(WIREMOCK, "@WireMockTest(httpPort = 8089)"),
            annotated(LOCALSERVER, "@LocalServer(port = 8089, failOnUnmatched = false, mappings = \"/\")")));
  }

  @Test
  void httpsEnabledKeepsTheHttpServer() {
    rewriteRun(
        java(
            annotated(WIREMOCK, "@WireMockTest(httpsEnabled = true, httpsPort = 8443, proxyMode = false)"),
            annotated(LOCALSERVER, "@LocalServer(failOnUnmatched = false, mappings = \"/\")")));
  }

  @Test
  void leavesATestReadingTheHttpsSide() {
    rewriteRun(
        java(
            WIREMOCK
                + """
                import org.junit.jupiter.api.Test;

                @WireMockTest(httpsEnabled = true)
                class ClientTest {
                  @Test
                  void gets(WireMockRuntimeInfo info) {
                    String url = info.getHttpsBaseUrl();
                  }
                }
                """));
  }

  @Test
  void leavesProxyMode() {
    rewriteRun(java(annotated(WIREMOCK, "@WireMockTest(proxyMode = true)")));
  }

  @Test
  void leavesExtensionScanning() {
    rewriteRun(java(annotated(WIREMOCK, "@WireMockTest(extensionScanningEnabled = true)")));
  }

  @Test
  void annotationAndFieldBothMigrateWithTheAnnotationOwningTheStaticDsl() {
    rewriteRun(
        java(
            """
            import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
            import com.github.tomakehurst.wiremock.junit5.WireMockTest;
            import org.junit.jupiter.api.Test;
            import org.junit.jupiter.api.extension.RegisterExtension;

            import static com.github.tomakehurst.wiremock.client.WireMock.*;

            @WireMockTest
            class ClientTest {
              @RegisterExtension
              static WireMockExtension other = WireMockExtension.newInstance().build();

              @Test
              void gets() {
                stubFor(get("/a").willReturn(ok()));
                other.stubFor(get("/b").willReturn(ok()));
              }
            }
            """,
            """
            import io.github.localserver.LocalServer;
            import io.github.localserver.LocalServerExtension;
            import org.junit.jupiter.api.Test;
            import org.junit.jupiter.api.extension.RegisterExtension;

            import static com.github.tomakehurst.wiremock.client.WireMock.*;

            @LocalServer(failOnUnmatched = false, mappings = "/", staticDsl = true)
            class ClientTest {
              @RegisterExtension
              static LocalServerExtension other = LocalServerExtension.builder().name("other").failOnUnmatched(false).mappings("/").build();

              @Test
              void gets() {
                stubFor(get("/a").willReturn(ok()));
                other.stubFor(get("/b").willReturn(ok()));
              }
            }
            """));
  }

  @Test
  void leavesAnnotationAndFieldBothClaimingTheStaticDsl() {
    rewriteRun(
        java(
            """
            import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
            import com.github.tomakehurst.wiremock.junit5.WireMockTest;
            import org.junit.jupiter.api.extension.RegisterExtension;

            @WireMockTest
            class ClientTest {
              @RegisterExtension
              static WireMockExtension other = WireMockExtension.newInstance().configureStaticDsl(true).build();
            }
            """));
  }

  @Test
  void leavesFilesWithoutWireMockJUnitAlone() {
    rewriteRun(
        java(
            """
            import static com.github.tomakehurst.wiremock.client.WireMock.*;

            class Stubs {
              void stub() {
                stubFor(get("/a").willReturn(ok()));
              }
            }
            """));
  }
}

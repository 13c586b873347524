package io.github.localserver.rewrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openrewrite.java.Assertions.java;

import org.junit.jupiter.api.Test;
import org.openrewrite.java.JavaParser;
import org.openrewrite.test.RecipeSpec;
import org.openrewrite.test.RewriteTest;

class MigrateWireMockExtensionTest implements RewriteTest {

  @Override
  public void defaults(RecipeSpec spec) {
    spec.recipe(new MigrateWireMockJUnit5())
        .parser(JavaParser.fromJavaVersion().classpath("wiremock-standalone", "junit-jupiter-api"));
  }

  private static final String IMPORTS =
      """
      import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
      import org.junit.jupiter.api.Test;
      import org.junit.jupiter.api.extension.RegisterExtension;

      import static com.github.tomakehurst.wiremock.client.WireMock.*;
      import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

      """;

  private static final String MIGRATED_IMPORTS =
      """
      import io.github.localserver.LocalServerExtension;
      import org.junit.jupiter.api.Test;
      import org.junit.jupiter.api.extension.RegisterExtension;

      import static com.github.tomakehurst.wiremock.client.WireMock.*;
      import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

      """;

  /** A class declaring {@code field} and calling {@code body} in a test. */
  private static String testClass(String imports, String field, String body) {
    return imports
        + "class ClientTest {\n"
        + "  @RegisterExtension\n"
        + "  " + field + "\n"
        + "\n"
        + "  @Test\n"
        + "  void calls() throws Exception {\n"
        + body.indent(4)
        + "  }\n"
        + "}\n";
  }

  private void migrates(String field, String body, String migratedField, String migratedBody) {
    rewriteRun(
        java(testClass(IMPORTS, field, body), testClass(MIGRATED_IMPORTS, migratedField, migratedBody)));
  }

  private void leavesAlone(String field, String body) {
    rewriteRun(java(testClass(IMPORTS, field, body)));
  }

  @Test
  void instanceFieldWithoutOptions() {
    migrates(
        "WireMockExtension wm = WireMockExtension.newInstance().build();",
        "int port = wm.getPort(); wireMockConfig();",
        "LocalServerExtension wm = LocalServerExtension.builder().failOnUnmatched(false).mappings(\"/\").build();",
        "int port = wm.port(); wireMockConfig();");
  }

  @Test
  void extensionOptionsIsNewInstance() {
    migrates(
        "static WireMockExtension wm = WireMockExtension.extensionOptions().failOnUnmatchedRequests(true).build();",
        "wireMockConfig();",
        "static LocalServerExtension wm = LocalServerExtension.builder().failOnUnmatched(true).mappings(\"/\").build();",
        "wireMockConfig();");
  }

  @Test
  void optionsKeepTheirNonNetworkSettings() {
    migrates(
        "static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().port(8089).bindAddress(\"127.0.0.1\").gzipDisabled(true).maxRequestJournalEntries(50)).failOnUnmatchedRequests(false).build();",
        "",
        "static LocalServerExtension wm = LocalServerExtension.builder().options(wireMockConfig().gzipDisabled(true).maxRequestJournalEntries(50)).port(8089).failOnUnmatched(false).mappings(\"/\").build();",
        "");
  }

  @Test
  void localhostBindAddressBecomesHost() {
    migrates(
        "static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort().bindAddress(\"localhost\")).build();",
        "wireMockConfig();",
        "static LocalServerExtension wm = LocalServerExtension.builder().host(\"localhost\").failOnUnmatched(false).mappings(\"/\").build();",
        "wireMockConfig();");
  }

  @Test
  void filesUnderClasspathBecomeMappings() {
    migrates(
        "static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort().usingFilesUnderClasspath(\"wiremock\")).build();",
        "wireMockConfig();",
        "static LocalServerExtension wm = LocalServerExtension.builder().failOnUnmatched(false).mappings(\"wiremock\").build();",
        "wireMockConfig();");
  }

  @Test
  void filesUnderTestResourcesBecomeMappings() {
    migrates(
        "static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().usingFilesUnderDirectory(\"src/test/resources/stubs\")).build();",
        "wireMockConfig();",
        "static LocalServerExtension wm = LocalServerExtension.builder().failOnUnmatched(false).mappings(\"stubs\").build();",
        "wireMockConfig();");
  }

  @Test
  void httpsOnlyBecomesHttps() {
    migrates(
        "static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().httpDisabled(true).dynamicHttpsPort()).build();",
        "int port = wm.getHttpsPort(); String url = wm.baseUrl(); wireMockConfig();",
        "static LocalServerExtension wm = LocalServerExtension.builder().https(true).failOnUnmatched(false).mappings(\"/\").build();",
        "int port = wm.port(); String url = wm.baseUrl(); wireMockConfig();");
  }

  @Test
  void httpsOnlyOnAFixedPort() {
    migrates(
        "static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().httpDisabled(true).httpsPort(8443)).build();",
        "wireMockConfig();",
        "static LocalServerExtension wm = LocalServerExtension.builder().port(8443).https(true).failOnUnmatched(false).mappings(\"/\").build();",
        "wireMockConfig();");
  }

  @Test
  void callsOnTheFieldBecomeLocalServerOrWireMockClientCalls() {
    migrates(
        "static WireMockExtension wm = WireMockExtension.newInstance().build();",
        """
        wm.givenThat(get("/a").willReturn(ok()));
        wm.verify(moreThan(1), getRequestedFor(urlEqualTo("/a")));
        int port = wm.getRuntimeInfo().getHttpPort();
        String base = wm.getRuntimeInfo().getHttpBaseUrl();
        var client = wm.getRuntimeInfo().getWireMock();
        var events = wm.getAllServeEvents();
        var found = wm.findAll(getRequestedFor(urlEqualTo("/a")));
        var unmatched = wm.findAllUnmatchedRequests();
        var misses = wm.findNearMissesForAllUnmatchedRequests();
        var near = wm.findAllNearMissesFor(getRequestedFor(urlEqualTo("/a")));
        var stubs = wm.getStubMappings();
        var stub = wm.stubFor(get("/b").willReturn(ok()));
        wm.editStub(get("/b").willReturn(notFound()));
        wm.removeStub(stub);
        wm.removeStub(get("/b"));
        wm.removeStub(stub.getId());
        wm.setGlobalFixedDelay(10);
        wm.setScenarioState("s", "Started");
        wm.resetScenario("s");
        wm.resetScenarios();
        wm.resetRequests();
        wm.resetMappings();
        wireMockConfig();
        """,
        "static LocalServerExtension wm = LocalServerExtension.builder().failOnUnmatched(false).mappings(\"/\").build();",
        """
        wm.stubFor(get("/a").willReturn(ok()));
        wm.wireMock().verifyThat(moreThan(1), getRequestedFor(urlEqualTo("/a")));
        int port = wm.port();
        String base = wm.baseUrl();
        var client = wm.wireMock();
        var events = wm.wireMock().getServeEvents();
        var found = wm.wireMock().find(getRequestedFor(urlEqualTo("/a")));
        var unmatched = wm.wireMock().findAllUnmatchedRequests();
        var misses = wm.wireMock().findNearMissesForAllUnmatchedRequests();
        var near = wm.wireMock().findAllNearMissesFor(getRequestedFor(urlEqualTo("/a")));
        var stubs = wm.wireMock().allStubMappings().getMappings();
        var stub = wm.stubFor(get("/b").willReturn(ok()));
        wm.wireMock().editStubMapping(get("/b").willReturn(notFound()));
        wm.wireMock().removeStubMapping(stub);
        wm.wireMock().removeStubMapping(get("/b"));
        wm.wireMock().removeStubMapping(stub.getId());
        wm.wireMock().setGlobalFixedDelayVariable(10);
        wm.wireMock().setSingleScenarioState("s", "Started");
        wm.wireMock().resetScenarioState("s");
        wm.wireMock().resetScenarios();
        wm.wireMock().resetRequests();
        wm.wireMock().resetMappings();
        wireMockConfig();
        """);
  }

  @Test
  void qualifiedReceivers() {
    migrates(
        "WireMockExtension wm = WireMockExtension.newInstance().build();",
        "int a = this.wm.getPort(); String b = new Object() { String url() { return ClientTest.this.wm.baseUrl(); } }.url(); wireMockConfig();",
        "LocalServerExtension wm = LocalServerExtension.builder().failOnUnmatched(false).mappings(\"/\").build();",
        "int a = this.wm.port(); String b = new Object() { String url() { return ClientTest.this.wm.baseUrl(); } }.url(); wireMockConfig();");
  }

  @Test
  void twoFieldsGetTheirFieldNames() {
    rewriteRun(
        java(
            IMPORTS
                + """
                class ClientTest {
                  @RegisterExtension
                  static WireMockExtension orders = WireMockExtension.newInstance().configureStaticDsl(true).build();
                  @RegisterExtension
                  static WireMockExtension payments = WireMockExtension.newInstance().build();

                  @Test
                  void calls() {
                    String a = orders.baseUrl() + payments.baseUrl();
                    wireMockConfig();
                  }
                }
                """,
            MIGRATED_IMPORTS
                + """
                class ClientTest {
                  @RegisterExtension
                  static LocalServerExtension orders = LocalServerExtension.builder().name("orders").staticDsl(true).failOnUnmatched(false).mappings("/").build();
                  @RegisterExtension
                  static LocalServerExtension payments = LocalServerExtension.builder().name("payments").failOnUnmatched(false).mappings("/").build();

                  @Test
                  void calls() {
                    String a = orders.baseUrl() + payments.baseUrl();
                    wireMockConfig();
                  }
                }
                """));
  }

  @Test
  void optionsRootsOtherThanWireMockConfig() {
    rewriteRun(
        java(
            """
            import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
            import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
            import org.junit.jupiter.api.extension.RegisterExtension;

            class ClientTest {
              @RegisterExtension
              static WireMockExtension a = WireMockExtension.newInstance()
                  .options(WireMockConfiguration.options().port(8089).gzipDisabled(true))
                  .build();
              @RegisterExtension
              static WireMockExtension b = WireMockExtension.newInstance()
                  .options(new WireMockConfiguration().dynamicPort().gzipDisabled(true))
                  .build();
            }
            """,
            """
            import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
            import io.github.localserver.LocalServerExtension;
            import org.junit.jupiter.api.extension.RegisterExtension;

            class ClientTest {
              @RegisterExtension
              static LocalServerExtension a = LocalServerExtension.builder()
                  .name("a")
                  .options(WireMockConfiguration.options().gzipDisabled(true))
                  .port(8089)
                  .failOnUnmatched(false)
                  .mappings("/")
                  .build();
              @RegisterExtension
              static LocalServerExtension b = LocalServerExtension.builder()
                  .name("b")
                  .options(new WireMockConfiguration().gzipDisabled(true))
                  .failOnUnmatched(false)
                  .mappings("/")
                  .build();
            }
            """));
  }

  @Test
  void leavesHttpAndHttpsOnOneServer() {
    leavesAlone(
        "static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort().dynamicHttpsPort()).build();",
        "");
  }

  @Test
  void leavesFilesOutsideTestResources() {
    leavesAlone(
        "static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().usingFilesUnderDirectory(\"wiremock\")).build();",
        "");
  }

  @Test
  void leavesANonLoopbackBindAddress() {
    leavesAlone(
        "static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().bindAddress(\"0.0.0.0\")).build();",
        "");
  }

  @Test
  void leavesOptionsNotWrittenInline() {
    leavesAlone(
        "static WireMockExtension wm = WireMockExtension.newInstance().options(CONFIG).build();\n"
            + "  static final com.github.tomakehurst.wiremock.core.WireMockConfiguration CONFIG = wireMockConfig();",
        "");
  }

  @Test
  void leavesKeystores() {
    leavesAlone(
        "static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().httpDisabled(true).dynamicHttpsPort().keystorePath(\"ks.jks\")).build();",
        "");
  }

  @Test
  void leavesNoResetBetweenTests() {
    leavesAlone("static WireMockExtension wm = WireMockExtension.newInstance().resetOnEachTest(false).build();", "");
  }

  @Test
  void leavesProxyMode() {
    leavesAlone("static WireMockExtension wm = WireMockExtension.newInstance().proxyMode(true).build();", "");
  }

  @Test
  void leavesCallsWithoutAnExactEquivalent() {
    leavesAlone(
        "static WireMockExtension wm = WireMockExtension.newInstance().build();",
        "wm.stubFor(get(\"/a\").willReturn(ok())); var result = wm.findUnmatchedRequests();");
  }

  @Test
  void saysWhyAFileIsLeftOnWireMock() {
    rewriteRun(
        spec ->
            spec.dataTable(
                FilesLeftOnWireMock.Row.class,
                rows ->
                    assertThat(rows)
                        .containsExactly(
                            new FilesLeftOnWireMock.Row(
                                "ClientTest.java",
                                "no exact LocalServer equivalent: findUnmatchedRequests()"))),
        java(
            testClass(
                IMPORTS,
                "static WireMockExtension wm = WireMockExtension.newInstance().build();",
                "var result = wm.findUnmatchedRequests();")));
  }

  @Test
  void leavesOtherRuntimeInfoUses() {
    leavesAlone(
        "static WireMockExtension wm = WireMockExtension.newInstance().build();",
        "var info = wm.getRuntimeInfo();");
  }

  @Test
  void leavesTheHttpPortOfAnHttpsServer() {
    leavesAlone(
        "static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().httpDisabled(true).dynamicHttpsPort()).build();",
        "int port = wm.getPort();");
  }

  @Test
  void leavesTheHttpsPortOfAnHttpServer() {
    leavesAlone("static WireMockExtension wm = WireMockExtension.newInstance().build();", "int port = wm.getHttpsPort();");
  }

  @Test
  void leavesAnExtensionPassedAround() {
    leavesAlone(
        "static WireMockExtension wm = WireMockExtension.newInstance().build();",
        "helper(wm); }\n  static void helper(WireMockExtension server) {");
  }

  @Test
  void leavesAWireMockClientBuiltFromThePort() {
    leavesAlone(
        "static WireMockExtension wm = WireMockExtension.newInstance().build();",
        "new com.github.tomakehurst.wiremock.client.WireMock(wm.getPort()).resetRequests();");
  }

  @Test
  void leavesRawAdminRequests() {
    leavesAlone(
        "static WireMockExtension wm = WireMockExtension.newInstance().build();",
        "String admin = wm.baseUrl() + \"/__admin/requests\";");
  }

  @Test
  void leavesAStaticDslPointedElsewhere() {
    leavesAlone(
        "static WireMockExtension wm = WireMockExtension.newInstance().build();",
        "configureFor(wm.getPort());");
  }

  @Test
  void leavesAnInstanceFieldUnderPerClassTestInstances() {
    rewriteRun(
        java(
            IMPORTS
                + """
                @org.junit.jupiter.api.TestInstance(org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS)
                class ClientTest {
                  @RegisterExtension
                  WireMockExtension wm = WireMockExtension.newInstance().build();
                }
                """));
  }

  @Test
  void leavesAWireMockServerStartedByTheTest() {
    leavesAlone(
        "static WireMockExtension wm = WireMockExtension.newInstance().build();",
        "var other = new com.github.tomakehurst.wiremock.WireMockServer(8080);");
  }

  @Test
  void leavesExtendWithWireMockExtension() {
    rewriteRun(
        java(
            """
            import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
            import org.junit.jupiter.api.extension.ExtendWith;

            @ExtendWith(WireMockExtension.class)
            class ClientTest {}
            """));
  }

  @Test
  void leavesAFieldWithoutRegisterExtension() {
    rewriteRun(
        java(
            IMPORTS
                + """
                class ClientTest {
                  static WireMockExtension wm = WireMockExtension.newInstance().build();
                }
                """));
  }

  @Test
  void staticFieldWithDynamicPortOptions() {
    rewriteRun(
        java(
            """
            import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
            import org.junit.jupiter.api.Test;
            import org.junit.jupiter.api.extension.RegisterExtension;

            import static com.github.tomakehurst.wiremock.client.WireMock.*;
            import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

            class ClientTest {
              @RegisterExtension
              static WireMockExtension wm = WireMockExtension.newInstance()
                  .options(wireMockConfig().dynamicPort())
                  .configureStaticDsl(true)
                  .build();

              @Test
              void gets() {
                wm.stubFor(get("/a").willReturn(ok()));
                int port = wm.getPort();
                String url = wm.url("/a");
                String base = wm.baseUrl();
                wm.verify(getRequestedFor(urlEqualTo("/a")));
                wm.verify(2, getRequestedFor(urlEqualTo("/a")));
                wm.resetAll();
              }
            }
            """,
            """
            import io.github.localserver.LocalServerExtension;
            import org.junit.jupiter.api.Test;
            import org.junit.jupiter.api.extension.RegisterExtension;

            import static com.github.tomakehurst.wiremock.client.WireMock.*;

            class ClientTest {
              @RegisterExtension
              static LocalServerExtension wm = LocalServerExtension.builder()
                  .staticDsl(true)
                  .failOnUnmatched(false)
                  .mappings("/")
                  .build();

              @Test
              void gets() {
                wm.stubFor(get("/a").willReturn(ok()));
                int port = wm.port();
                String url = wm.uri("/a").toString();
                String base = wm.baseUrl();
                wm.verify(getRequestedFor(urlEqualTo("/a")));
                wm.verify(2, getRequestedFor(urlEqualTo("/a")));
                wm.reset();
              }
            }
            """));
  }
}

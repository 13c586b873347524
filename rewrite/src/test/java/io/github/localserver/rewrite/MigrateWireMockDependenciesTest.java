package io.github.localserver.rewrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openrewrite.java.Assertions.java;
import static org.openrewrite.java.Assertions.mavenProject;
import static org.openrewrite.java.Assertions.srcTestJava;
import static org.openrewrite.maven.Assertions.pomXml;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openrewrite.java.JavaParser;
import org.openrewrite.test.RecipeSpec;
import org.openrewrite.test.RewriteTest;

class MigrateWireMockDependenciesTest implements RewriteTest {

  private static final String WIREMOCK_TEST_SOURCE =
      """
      import com.github.tomakehurst.wiremock.junit5.WireMockTest;

      @WireMockTest
      class ClientTest {}
      """;

  @Override
  public void defaults(RecipeSpec spec) {
    spec.recipe(new MigrateWireMockDependencies("0.1.0", "3.13.2"))
        .parser(JavaParser.fromJavaVersion().classpath("wiremock-standalone", "junit-jupiter-api"));
  }

  /**
   * A Maven repository on loopback serving a stand-in pom of localserver-junit 0.1.0, so that the
   * tests need no release. (OpenRewrite reads no {@code file:} repository declared in a pom.)
   */
  private static final WireMockServer REPOSITORY =
      new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));

  private static String fixtures;

  @BeforeAll
  static void serveFixtures() throws Exception {
    REPOSITORY.start();
    String pom =
        new String(
            MigrateWireMockDependenciesTest.class
                .getResourceAsStream(
                    "/repository/io/github/localserver/localserver-junit/0.1.0/localserver-junit-0.1.0.pom")
                .readAllBytes(),
            StandardCharsets.UTF_8);
    REPOSITORY.stubFor(
        WireMock.get("/io/github/localserver/localserver-junit/0.1.0/localserver-junit-0.1.0.pom")
            .willReturn(WireMock.ok(pom)));
    REPOSITORY.stubFor(WireMock.any(WireMock.urlEqualTo("/")).willReturn(WireMock.ok()));
    fixtures = "http://127.0.0.1:" + REPOSITORY.port() + "/";
  }

  @AfterAll
  static void stopFixtures() {
    REPOSITORY.stop();
  }

  private static String pom(String dependencies) {
    return """
        <project>
          <modelVersion>4.0.0</modelVersion>
          <groupId>com.example</groupId>
          <artifactId>client</artifactId>
          <version>1.0</version>
          <repositories>
            <repository>
              <id>fixtures</id>
              <url>%s</url>
            </repository>
          </repositories>
          <dependencies>
        %s  </dependencies>
        </project>
        """
        .formatted(fixtures, dependencies.indent(4));
  }

  private static String dependency(String groupId, String artifactId, String version) {
    return """
        <dependency>
          <groupId>%s</groupId>
          <artifactId>%s</artifactId>
          <version>%s</version>
          <scope>test</scope>
        </dependency>
        """
        .formatted(groupId, artifactId, version);
  }

  private static String migrated() {
    return pom(
        dependency("io.github.localserver", "localserver-junit", "0.1.0")
            + dependency("org.wiremock", "wiremock-standalone", "3.13.2"));
  }

  @Test
  void wireMockBecomesStandaloneBesideLocalServer() {
    rewriteRun(
        mavenProject(
            "client",
            pomXml(pom(dependency("org.wiremock", "wiremock", "3.9.1")), migrated()),
            srcTestJava(java(WIREMOCK_TEST_SOURCE))));
  }

  @Test
  void standaloneMovesToLocalServersWireMockVersion() {
    rewriteRun(
        mavenProject(
            "client",
            pomXml(pom(dependency("org.wiremock", "wiremock-standalone", "3.3.1")), migrated()),
            srcTestJava(java(WIREMOCK_TEST_SOURCE))));
  }

  @Test
  void wireMock2IsReplaced() {
    rewriteRun(
        mavenProject(
            "client",
            pomXml(pom(dependency("com.github.tomakehurst", "wiremock-jre8", "2.35.2")), migrated()),
            srcTestJava(java(WIREMOCK_TEST_SOURCE))));
  }

  @Test
  void wireMock2StandaloneIsReplaced() {
    rewriteRun(
        mavenProject(
            "client",
            pomXml(
                pom(dependency("com.github.tomakehurst", "wiremock-jre8-standalone", "2.35.2")),
                migrated()),
            srcTestJava(java(WIREMOCK_TEST_SOURCE))));
  }

  @Test
  void aManagedWireMockIsReplacedWhereItIsManaged() {
    String before =
        """
        <project>
          <modelVersion>4.0.0</modelVersion>
          <groupId>com.example</groupId>
          <artifactId>client</artifactId>
          <version>1.0</version>
          <properties>
            <wiremock.version>3.9.1</wiremock.version>
          </properties>
          <repositories>
            <repository>
              <id>fixtures</id>
              <url>%s</url>
            </repository>
          </repositories>
          <dependencyManagement>
            <dependencies>
              <dependency>
                <groupId>org.wiremock</groupId>
                <artifactId>wiremock</artifactId>
                <version>${wiremock.version}</version>
              </dependency>
            </dependencies>
          </dependencyManagement>
          <dependencies>
            <dependency>
              <groupId>org.wiremock</groupId>
              <artifactId>wiremock</artifactId>
              <scope>test</scope>
            </dependency>
          </dependencies>
        </project>
        """
            .formatted(fixtures);
    String after =
        before
            .replace("<artifactId>wiremock</artifactId>", "<artifactId>wiremock-standalone</artifactId>")
            .replace("<wiremock.version>3.9.1</wiremock.version>", "<wiremock.version>3.13.2</wiremock.version>")
            .replace(
                "  <dependencies>\n    <dependency>\n      <groupId>org.wiremock</groupId>",
                "  <dependencies>\n"
                    + "    <dependency>\n"
                    + "      <groupId>io.github.localserver</groupId>\n"
                    + "      <artifactId>localserver-junit</artifactId>\n"
                    + "      <version>0.1.0</version>\n"
                    + "      <scope>test</scope>\n"
                    + "    </dependency>\n"
                    + "    <dependency>\n"
                    + "      <groupId>org.wiremock</groupId>");
    rewriteRun(mavenProject("client", pomXml(before, after), srcTestJava(java(WIREMOCK_TEST_SOURCE))));
  }

  @Test
  void localServerIsNotAddedWithoutWireMocksJUnitSupport() {
    rewriteRun(
        mavenProject(
            "client",
            pomXml(
                pom(dependency("org.wiremock", "wiremock-standalone", "3.3.1")),
                pom(dependency("org.wiremock", "wiremock-standalone", "3.13.2"))),
            srcTestJava(
                java(
                    """
                    import com.github.tomakehurst.wiremock.WireMockServer;

                    class ServerTest {
                      WireMockServer server = new WireMockServer();
                    }
                    """))));
  }

  @Test
  void defaultsAreTheVersionsTheRecipeWasBuiltWith() {
    assertThat(Versions.localServer()).doesNotContain("${");
    assertThat(Versions.wireMock()).isEqualTo("3.13.2");
  }
}

package io.github.localserver.rewrite;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.openrewrite.Option;
import org.openrewrite.Recipe;
import org.openrewrite.maven.AddDependency;
import org.openrewrite.maven.ChangeDependencyGroupIdAndArtifactId;
import org.openrewrite.maven.UpgradeDependencyVersion;

/**
 * The pom side of the migration: adds {@code io.github.localserver:localserver-junit} (test scope)
 * where WireMock's JUnit support is used, and leaves exactly one WireMock on the classpath,
 * {@code org.wiremock:wiremock-standalone} at the version LocalServer is built on, in place of
 * {@code org.wiremock:wiremock} or WireMock 2's {@code com.github.tomakehurst} artifacts (whose
 * Jetty 9 breaks LocalServer). The stub DSL stays WireMock's, so WireMock stays a dependency.
 */
public final class MigrateWireMockDependencies extends Recipe {

  private static final String[][] OLD_WIREMOCKS = {
    {"com.github.tomakehurst", "wiremock-jre8"},
    {"com.github.tomakehurst", "wiremock-jre8-standalone"},
    {"com.github.tomakehurst", "wiremock"},
    {"com.github.tomakehurst", "wiremock-standalone"},
    {"org.wiremock", "wiremock"},
  };

  @Option(
      displayName = "LocalServer version",
      description = "The version of `localserver-junit` to add. Defaults to this recipe's own version.",
      example = "0.1.0",
      required = false)
  private final @Nullable String version;

  @Option(
      displayName = "WireMock version",
      description = "The version of `org.wiremock:wiremock-standalone` to use. Defaults to the one "
          + "LocalServer is built on.",
      example = "3.13.2",
      required = false)
  private final @Nullable String wireMockVersion;

  /** With the versions this recipe was built with. */
  public MigrateWireMockDependencies() {
    this(null, null);
  }

  /**
   * With chosen versions; {@code null} means the one this recipe was built with.
   *
   * @param version LocalServer's version
   * @param wireMockVersion the version of {@code org.wiremock:wiremock-standalone}
   */
  public MigrateWireMockDependencies(@Nullable String version, @Nullable String wireMockVersion) {
    this.version = version;
    this.wireMockVersion = wireMockVersion;
  }

  /**
   * LocalServer's version, as the option gave it.
   *
   * @return the version, or {@code null} for the one this recipe was built with
   */
  public @Nullable String getVersion() {
    return version;
  }

  /**
   * WireMock's version, as the option gave it.
   *
   * @return the version, or {@code null} for the one LocalServer is built on
   */
  public @Nullable String getWireMockVersion() {
    return wireMockVersion;
  }

  @Override
  public String getDisplayName() {
    return "Depend on LocalServer and WireMock standalone";
  }

  @Override
  public String getDescription() {
    return "Adds `io.github.localserver:localserver-junit` in test scope where WireMock's JUnit 5 "
        + "support is used, and replaces any WireMock artifact with "
        + "`org.wiremock:wiremock-standalone` at LocalServer's WireMock version.";
  }

  @Override
  public List<Recipe> getRecipeList() {
    String localServer = version == null ? Versions.localServer() : version;
    String wireMock = wireMockVersion == null ? Versions.wireMock() : wireMockVersion;
    List<Recipe> recipes = new ArrayList<>();
    for (String[] old : OLD_WIREMOCKS) {
      recipes.add(
          new ChangeDependencyGroupIdAndArtifactId(
              old[0], old[1], "org.wiremock", "wiremock-standalone", wireMock, null, true, true));
    }
    // Same coordinates: ChangeDependencyGroupIdAndArtifactId refuses them; this one only upgrades,
    // so a project already on a newer WireMock 3 keeps it.
    recipes.add(
        new UpgradeDependencyVersion("org.wiremock", "wiremock-standalone", wireMock, null, true, null));
    recipes.add(
        new AddDependency(
            "io.github.localserver",
            "localserver-junit",
            localServer,
            null,
            "test",
            null,
            MigrationPlan.JUNIT5 + "*",
            null,
            null,
            null,
            null,
            null));
    return recipes;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MigrateWireMockDependencies other
        && Objects.equals(version, other.version)
        && Objects.equals(wireMockVersion, other.wireMockVersion);
  }

  @Override
  public int hashCode() {
    return Objects.hash(version, wireMockVersion);
  }
}

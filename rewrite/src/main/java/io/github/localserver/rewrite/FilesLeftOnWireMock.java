package io.github.localserver.rewrite;

import org.openrewrite.Column;
import org.openrewrite.DataTable;
import org.openrewrite.Recipe;

/**
 * The source files {@link MigrateWireMockJUnit5} left on WireMock, and why: what a user reads
 * (rewrite-maven-plugin's {@code -Drewrite.exportDatatables=true}) to finish the migration by hand.
 */
public final class FilesLeftOnWireMock extends DataTable<FilesLeftOnWireMock.Row> {

  /**
   * The table of one recipe run.
   *
   * @param recipe the recipe that fills it
   */
  public FilesLeftOnWireMock(Recipe recipe) {
    super(
        recipe,
        "Files left on WireMock",
        "Source files using WireMock's JUnit 5 support in a shape LocalServer cannot reproduce "
            + "exactly, left unchanged, and the shape.");
  }

  /** One file left unchanged. */
  public record Row(
      @Column(displayName = "Source path", description = "The file left on WireMock.")
          String sourcePath,
      @Column(displayName = "Reason", description = "The shape LocalServer cannot reproduce.")
          String reason) {}
}

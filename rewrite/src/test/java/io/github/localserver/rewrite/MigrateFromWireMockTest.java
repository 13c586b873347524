package io.github.localserver.rewrite;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openrewrite.config.Environment;
import org.openrewrite.config.RecipeDescriptor;

class MigrateFromWireMockTest {

  @Test
  void theDeclarativeRecipeComposesTheJavaAndThePomRecipes() {
    RecipeDescriptor recipe =
        Environment.builder().scanRuntimeClasspath("io.github.localserver").build()
            .listRecipeDescriptors().stream()
            .filter(r -> r.getName().equals("io.github.localserver.MigrateFromWireMock"))
            .findFirst()
            .orElseThrow();

    assertThat(recipe.getRecipeList())
        .extracting(RecipeDescriptor::getName)
        .containsExactly(
            "io.github.localserver.rewrite.MigrateWireMockJUnit5",
            "io.github.localserver.rewrite.MigrateWireMockDependencies");
  }
}

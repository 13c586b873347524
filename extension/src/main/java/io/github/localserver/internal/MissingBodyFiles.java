package io.github.localserver.internal;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Answers a stub whose body file ({@code withBodyFile("order.json")}) the server does not hold with
 * a {@code 500} that says so, where to put the file, and which folder the server reads.
 *
 * <p>WireMock itself fails such a request inside Jetty ("Not found in blob store", an HTML page)
 * before it journals it, so the request was missing from the test's report too; answered here, it
 * is journaled and reported like any other.
 */
final class MissingBodyFiles implements ResponseDefinitionTransformerV2 {

  private final Path bodies;
  private final String mappings;

  /**
   * @param root the server's files folder
   * @param mappings the declared stub folder, for the message ({@code ""} for none)
   */
  MissingBodyFiles(Path root, String mappings) {
    this.bodies = root.resolve("__files");
    this.mappings = mappings;
  }

  @Override
  public ResponseDefinition transform(ServeEvent serveEvent) {
    ResponseDefinition response = serveEvent.getResponseDefinition();
    String name = response.getBodyFileName();
    if (name == null || name.contains("{{") || Files.isRegularFile(bodies.resolve(name).normalize())) {
      return response;
    }
    String where =
        mappings.isEmpty()
            ? "this server has no stub folder; declare mappings = \"folder\" and put the file in src/test/resources/folder/__files/"
                + name
            : "put it in src/test/resources/"
                + MappingFiles.child(mappings, "__files").replaceFirst("^/", "")
                + "/"
                + name;
    return WireMock.aResponse()
        .withStatus(500)
        .withHeader("Content-Type", "text/plain; charset=utf-8")
        .withBody("LocalServer: the stub's body file \"" + name + "\" does not exist; " + where + "\n")
        .build();
  }

  @Override
  public String getName() {
    return "localserver-missing-body-files";
  }
}

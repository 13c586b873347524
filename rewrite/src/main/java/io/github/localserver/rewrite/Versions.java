package io.github.localserver.rewrite;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The LocalServer and WireMock versions this recipe jar was built with. */
final class Versions {

  private static final Properties VERSIONS = load();

  private Versions() {}

  /** This recipe's own version, which is LocalServer's. */
  static String localServer() {
    return VERSIONS.getProperty("localserver.version");
  }

  /** The WireMock version LocalServer is built on. */
  static String wireMock() {
    return VERSIONS.getProperty("wiremock.version");
  }

  private static Properties load() {
    Properties properties = new Properties();
    try (InputStream in = Versions.class.getResourceAsStream("versions.properties")) {
      if (in == null) {
        throw new IllegalStateException("versions.properties is missing from the recipe jar");
      }
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties;
  }
}

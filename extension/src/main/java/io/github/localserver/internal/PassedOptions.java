package io.github.localserver.internal;

import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ExtensionDeclarations;
import com.github.tomakehurst.wiremock.jetty.JettyHttpServerFactory;
import io.github.localserver.WireMockOptions;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * WireMock options a declaration passes through ({@code builder().options(...)} or {@code
 * @LocalServer(options = ...)}), checked to leave the network settings to LocalServer, and copied
 * afresh for each server so that no two servers share a mutable configuration (or an extension
 * list LocalServer adds its own to).
 *
 * <p>Compared by {@link #source()}: the builder's configuration object or the annotation's class,
 * so that a server started ahead with these options only goes to a scope that declared the same.
 *
 * @param source what the declaration named
 * @param config the checked options
 */
record PassedOptions(Object source, WireMockConfiguration config) {

  private static final WireMockConfiguration DEFAULTS = WireMockConfiguration.wireMockConfig();

  @Override
  public boolean equals(Object other) {
    return other instanceof PassedOptions passed && passed.source == source;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(source);
  }

  /** The declaration's options, checked; {@code null} when it has none. */
  static PassedOptions of(ServerSettings.Declared declared) {
    Object source = declared.options();
    if (source == null) {
      return null;
    }
    WireMockConfiguration config;
    String described;
    if (source instanceof WireMockConfiguration given) {
      config = given;
      described = "LocalServerExtension.builder().options(...)";
    } else {
      Class<?> type = (Class<?>) source;
      described = "@LocalServer(options = " + type.getSimpleName() + ".class)";
      config = fromClass(type, described);
    }
    requireNoNetworkSettings(config, described, declared.fromBuilder());
    return new PassedOptions(source, config);
  }

  private static WireMockConfiguration fromClass(Class<?> type, String described) {
    if (!WireMockOptions.class.isAssignableFrom(type)) {
      throw new ExtensionConfigurationException(
          described + " is not a WireMockOptions; implement io.github.localserver.WireMockOptions");
    }
    WireMockConfiguration config;
    try {
      config = ((WireMockOptions) ReflectionSupport.newInstance(type)).options();
    } catch (Exception e) { // newInstance rethrows NoSuchMethodException and others unwrapped
      throw new ExtensionConfigurationException(
          described + " failed (" + e + "); give it a public no-argument constructor and an options() that returns"
              + " WireMock's options",
          e);
    }
    if (config == null) {
      throw new ExtensionConfigurationException(
          described + " returned null from options(); return WireMockConfiguration.wireMockConfig() with your settings");
    }
    return config;
  }

  private static void requireNoNetworkSettings(WireMockConfiguration config, String described, boolean builder) {
    int port = config.portNumber();
    if (port != DEFAULTS.portNumber() && port != 0) {
      throw network(described, "the port (" + port + ")", builder ? "port(" + port + ")" : "port = " + port);
    }
    if (config.httpsSettings().port() != DEFAULTS.httpsSettings().port() || config.getHttpDisabled()) {
      throw network(described, "an HTTPS port or disables HTTP", builder ? "https(true)" : "https = true");
    }
    if (!config.bindAddress().equals(DEFAULTS.bindAddress())) {
      throw network(
          described,
          "the bind address (" + config.bindAddress() + ")",
          builder ? "host(\"" + config.bindAddress() + "\")" : "host = \"" + config.bindAddress() + "\"");
    }
    if (!Objects.equals(config.httpsSettings().keyStorePath(), DEFAULTS.httpsSettings().keyStorePath())) {
      throw new ExtensionConfigurationException(
          described
              + " sets a keystore; LocalServer makes the certificate itself (and its clients trust it):"
              + " remove the keystore settings and use "
              + (builder ? "https(true)" : "https = true"));
    }
    if (!config.filesRoot().getPath().equals(DEFAULTS.filesRoot().getPath())) {
      throw new ExtensionConfigurationException(
          described
              + " sets the file root ("
              + config.filesRoot().getPath()
              + "); name a classpath folder holding mappings/ and __files/ with "
              + (builder ? "mappings(\"folder\")" : "mappings = \"folder\"")
              + " instead (\"/\" for the classpath root, WireMock's src/test/resources layout)");
    }
    if (read(config, "stores") != null || read(config, "mappingsSource") != null) {
      throw new ExtensionConfigurationException(
          described + " sets WireMock's stores or mappings source; LocalServer keeps its own: remove them, and"
              + " load stub files with " + (builder ? "mappings(\"folder\")" : "mappings = \"folder\""));
    }
    if (config.httpServerFactory().getClass() != JettyHttpServerFactory.class) {
      throw new ExtensionConfigurationException(
          described + " sets an HTTP server factory; LocalServer runs its own Jetty server: remove it");
    }
  }

  private static ExtensionConfigurationException network(String described, String what, String instead) {
    return new ExtensionConfigurationException(
        described + " sets " + what + ", which LocalServer decides; use " + instead + " instead");
  }

  private static Object read(WireMockConfiguration config, String field) {
    try {
      Field f = WireMockConfiguration.class.getDeclaredField(field);
      f.setAccessible(true);
      return f.get(config);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("This WireMock has no WireMockConfiguration." + field, e);
    }
  }

  /**
   * A copy of the options for one server: every setting, and lists and extensions of its own.
   *
   * <p>How it works: WireMock's configuration has no copy method, so its fields are copied one by
   * one; collections, maps and the extension declarations are copied in turn, so that what the new
   * server adds (LocalServer's own extensions) lands in the copy only.
   */
  WireMockConfiguration copy() {
    WireMockConfiguration copy = WireMockConfiguration.wireMockConfig();
    try {
      for (Field field : WireMockConfiguration.class.getDeclaredFields()) {
        if (Modifier.isStatic(field.getModifiers())) {
          continue;
        }
        field.setAccessible(true);
        Object value = field.get(config);
        if (value instanceof ExtensionDeclarations extensions) {
          field.set(copy, copy(extensions));
        } else if (value instanceof Collection<?> collection && Modifier.isFinal(field.getModifiers())) {
          @SuppressWarnings("unchecked")
          Collection<Object> target = (Collection<Object>) field.get(copy);
          target.clear();
          target.addAll(collection);
        } else {
          field.set(copy, value);
        }
      }
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("Could not copy WireMock's options", e);
    }
    return copy;
  }

  @SuppressWarnings("unchecked")
  private static ExtensionDeclarations copy(ExtensionDeclarations extensions) {
    ExtensionDeclarations copy = new ExtensionDeclarations();
    copy.add(extensions.getClassNames().toArray(String[]::new));
    copy.add(extensions.getClasses().toArray(Class[]::new));
    Map<String, ?> instances = extensions.getInstances();
    copy.add(instances.values().toArray(com.github.tomakehurst.wiremock.extension.Extension[]::new));
    copy.add(extensions.getFactories().toArray(com.github.tomakehurst.wiremock.extension.ExtensionFactory[]::new));
    copy.addFactories(extensions.getFactoryClasses().toArray(Class[]::new));
    return copy;
  }
}

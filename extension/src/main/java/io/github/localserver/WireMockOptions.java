package io.github.localserver;

import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

/**
 * WireMock options for a server declared with the annotation: {@code @LocalServer(options =
 * Templating.class)}, the counterpart of {@link LocalServerExtension.Builder#options}.
 *
 * <pre>{@code
 * public class Templating implements WireMockOptions {
 *   public WireMockConfiguration options() {
 *     return wireMockConfig().globalTemplating(true).extensions(new MyTransformer());
 *   }
 * }
 *
 * @LocalServer(options = Templating.class)
 * class QuotesClientTest { ... }
 * }</pre>
 *
 * <p>Everything but the network settings passes through to WireMock: extensions, templating,
 * notifier, proxy and gzip settings, and the rest. The network settings come from {@link
 * LocalServer}'s own attributes; setting them here fails with a message naming the attribute to
 * use.
 *
 * <h2>Lifecycle</h2>
 * The class is made (public no-argument constructor) and {@link #options()} called once per
 * declaring class, before its server starts; each server gets a copy of the result.
 *
 * <h2>Errors</h2>
 * A class that cannot be made, {@code options()} returning null or throwing, or options that set
 * the port, the HTTPS port, the bind address, a keystore, the file root, the stores or the HTTP
 * server factory fail the class with an {@code ExtensionConfigurationException} that names the
 * setting and the attribute to use instead.
 *
 * <h2>Since</h2>
 * 0.1.0
 */
@FunctionalInterface
public interface WireMockOptions {

  /**
   * The options, typically {@code WireMockConfiguration.wireMockConfig()} with some set.
   *
   * @return the options for the server
   */
  WireMockConfiguration options();
}

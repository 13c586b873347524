package io.github.localserver.internal;

import org.junit.platform.launcher.LauncherDiscoveryListener;
import org.junit.platform.launcher.LauncherDiscoveryRequest;

/**
 * Fails a run whose configuration parameters ({@code junit-platform.properties} or parameters
 * passed to the launcher, such as Surefire's {@code configurationParameters} or the console
 * launcher's {@code --config}) hold a {@code localserver.*} key that LocalServer does not read.
 *
 * <p>How it works: the extension can ask JUnit for a parameter by name but cannot list them, so a
 * misspelt key would be ignored. The launcher can: it hands every discovery request, with its
 * parameters, to the {@code LauncherDiscoveryListener}s registered through {@code
 * META-INF/services}, as this one is. Their key set also holds the JVM system properties, which
 * builds use for their own purposes, so those are left out. Only a launcher loads that service,
 * so this class, which links to the launcher API, is never touched where the launcher is absent.
 */
public final class ConfigurationKeyCheck implements LauncherDiscoveryListener {

  /** Made by {@code ServiceLoader}. */
  public ConfigurationKeyCheck() {}

  @Override
  public void launcherDiscoveryStarted(LauncherDiscoveryRequest request) {
    ConfigurationKeys.requireKnown(
        request.getConfigurationParameters().keySet(), System.getProperties().stringPropertyNames());
  }
}

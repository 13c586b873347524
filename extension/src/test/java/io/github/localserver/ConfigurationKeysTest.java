package io.github.localserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.github.localserver.LocalServerTestKit.OneTest;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;
import org.junit.platform.commons.PreconditionViolationException;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryListener;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * A {@code localserver.*} configuration key that LocalServer does not know fails the run. These
 * tests use JUnit's real launcher, as Maven, Gradle and IDEs do: {@code EngineTestKit} runs an
 * engine without the launcher's service-loaded listeners, which is where the check lives.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ConfigurationKeysTest {

  private static final String KNOWN =
      "use localserver.host, localserver.lifecycle, localserver.fail-on-unmatched,"
          + " localserver.report-requests, localserver.admin-api, localserver.fail-on-unused-stubs, localserver.record,"
          + " localserver.recordings-root (JVM system properties are not checked)";

  @LocalServer
  static class KeysTestCase extends OneTest {}

  @Test
  void aMisspeltKeyPassedToTheLauncherFailsTheRunNamingItAndListingTheKnownKeys() {
    LauncherDiscoveryRequest request =
        request().configurationParameter("localserver.lifecyle", "per_method").build();
    assertThatThrownBy(() -> execute(request))
        .isExactlyInstanceOf(PreconditionViolationException.class)
        .hasMessage("Configuration parameter localserver.lifecyle is not a LocalServer key; " + KNOWN);
  }

  @Test
  void severalUnknownKeysAreNamedTogether() {
    LauncherDiscoveryRequest request =
        request()
            .configurationParameter("localserver.lifecyle", "per_method")
            .configurationParameter("localserver.failOnUnmatched", "false")
            .configurationParameter("localserver.lifecycle", "per_method")
            .build();
    assertThatThrownBy(() -> execute(request))
        .isExactlyInstanceOf(PreconditionViolationException.class)
        .hasMessage(
            "Configuration parameters localserver.failOnUnmatched, localserver.lifecyle are not LocalServer keys; "
                + KNOWN);
  }

  @Test
  void aMisspeltKeyInJunitPlatformPropertiesFailsTheRun(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("junit-platform.properties"), "localserver.report-request=always\n");
    Thread thread = Thread.currentThread();
    ClassLoader original = thread.getContextClassLoader();
    try (URLClassLoader loader = new OwnPropertiesFirst(dir, original)) {
      thread.setContextClassLoader(loader); // JUnit reads the file through it, when the request is built
      LauncherDiscoveryRequest request = request().enableImplicitConfigurationParameters(true).build();
      assertThatThrownBy(() -> execute(request))
          .isExactlyInstanceOf(PreconditionViolationException.class)
          .hasMessage("Configuration parameter localserver.report-request is not a LocalServer key; " + KNOWN);
    } finally {
      thread.setContextClassLoader(original);
    }
  }

  @Test
  void knownKeysPass() {
    LauncherDiscoveryRequest request =
        request()
            .configurationParameter("localserver.host", "127.0.0.1")
            .configurationParameter("localserver.lifecycle", "per_class")
            .configurationParameter("localserver.fail-on-unmatched", "true")
            .configurationParameter("localserver.report-requests", "on-failure")
            .configurationParameter("localserver.admin-api", "protected")
            .configurationParameter("localserverx.anything", "is not ours")
            .build();
    TestExecutionSummary summary = execute(request);
    assertThat(summary.getTestsSucceededCount()).as(failures(summary)).isEqualTo(1);
  }

  /** Builds use localserver.* system properties for their own purposes: those are never checked. */
  @Test
  @ResourceLock(Resources.SYSTEM_PROPERTIES)
  void jvmSystemPropertiesAreNotChecked() {
    String key = "localserver.build-version";
    System.setProperty(key, "1.2.3");
    try {
      TestExecutionSummary summary = execute(request().build());
      assertThat(summary.getTestsSucceededCount()).as(failures(summary)).isEqualTo(1);
    } finally {
      System.clearProperty(key);
    }
  }

  @Test
  void aBadAdminApiValueFailsTheClass() {
    Throwable failure =
        LocalServerTestKit.classFailure(
            LocalServerTestKit.run(KeysTestCase.class, "localserver.admin-api", "closed"), KeysTestCase.class);
    LocalServerTestKit.assertFailure(
        failure,
        ExtensionConfigurationException.class,
        "Configuration parameter localserver.admin-api = \"closed\" is not an admin API mode; use protected or open");
  }

  @Test
  void theCheckIsRegisteredForEveryLauncher() {
    assertThat(ServiceLoader.load(LauncherDiscoveryListener.class).stream().map(p -> p.type().getName()))
        .contains("io.github.localserver.internal.ConfigurationKeyCheck");
  }

  private static LauncherDiscoveryRequestBuilder request() {
    return LauncherDiscoveryRequestBuilder.request()
        .selectors(selectClass(KeysTestCase.class))
        .enableImplicitConfigurationParameters(false);
  }

  private static TestExecutionSummary execute(LauncherDiscoveryRequest request) {
    Launcher launcher = LauncherFactory.create();
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    launcher.execute(request, listener);
    return listener.getSummary();
  }

  private static String failures(TestExecutionSummary summary) {
    StringBuilder text = new StringBuilder();
    summary.getFailures().forEach(f -> text.append(f.getTestIdentifier().getDisplayName()).append(": ")
        .append(f.getException()).append('\n'));
    return text.toString();
  }

  /**
   * A class loader whose own {@code junit-platform.properties} comes first: JUnit reads the first
   * one found, and the parent has the suite's own.
   */
  private static final class OwnPropertiesFirst extends URLClassLoader {
    OwnPropertiesFirst(Path dir, ClassLoader parent) throws IOException {
      super(new URL[] {dir.toUri().toURL()}, parent);
    }

    @Override
    public URL getResource(String name) {
      URL own = name.equals("junit-platform.properties") ? findResource(name) : null;
      return own != null ? own : super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
      if (name.equals("junit-platform.properties")) {
        return Collections.enumeration(Collections.list(findResources(name)));
      }
      return super.getResources(name);
    }
  }
}

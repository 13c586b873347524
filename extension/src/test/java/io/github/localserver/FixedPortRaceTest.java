package io.github.localserver;

import static io.github.localserver.LocalServerTestKit.describe;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;

/**
 * Classes that declare the same fixed port and run in parallel: one gets the port, and every other
 * fails saying the port is in use, whichever way it lost the race (before binding or while Jetty
 * was binding), never with Jetty's own "STOPPED".
 */
// Holds one fixed port number: alone, so that no other test's server is given it meanwhile.
@Isolated
class FixedPortRaceTest {

  static final int PORT = freePort();

  /** Lets the classes that got the port overlap with the ones trying for it. */
  static final CountDownLatch ALL_TRIED = new CountDownLatch(4);

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void everyClassThatLosesTheRaceSaysThePortIsInUse() {
    EngineExecutionResults results =
        LocalServerTestKit.runParallel(
            4, FirstTestCase.class, SecondTestCase.class, ThirdTestCase.class, FourthTestCase.class);

    List<Event> failed = results.containerEvents().failed().list();
    long passed = results.testEvents().succeeded().count();
    assertThat(passed + failed.size()).as(describe(results)).isEqualTo(4);
    assertThat(passed).as(describe(results)).isPositive();
    for (Event event : failed) {
      Throwable failure = LocalServerTestKit.failure(event);
      assertThat(failure).isInstanceOf(ExtensionConfigurationException.class);
      assertThat(failure.getMessage())
          .startsWith("Port " + PORT + " on 127.0.0.1 is already in use")
          .endsWith(
              ", so the default server cannot listen there; free the port, choose another, or use port 0 to let"
                  + " the OS choose a free one");
    }
  }

  abstract static class RaceBase {
    @Test
    void holdsThePort() throws InterruptedException {
      ALL_TRIED.countDown();
      ALL_TRIED.await(2, TimeUnit.SECONDS); // the others fail before their tests: do not wait long
    }
  }

  static class FirstTestCase extends RaceBase {
    @RegisterExtension static LocalServerExtension server = LocalServerExtension.builder().port(PORT).build();
  }

  static class SecondTestCase extends RaceBase {
    @RegisterExtension static LocalServerExtension server = LocalServerExtension.builder().port(PORT).build();
  }

  static class ThirdTestCase extends RaceBase {
    @RegisterExtension static LocalServerExtension server = LocalServerExtension.builder().port(PORT).build();
  }

  static class FourthTestCase extends RaceBase {
    @RegisterExtension static LocalServerExtension server = LocalServerExtension.builder().port(PORT).build();
  }
}

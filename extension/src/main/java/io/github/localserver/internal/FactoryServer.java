package io.github.localserver.internal;

import io.github.localserver.LocalServerFactory;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * A server made by a {@link LocalServerFactory}: started, reset and stopped through it, checked to
 * be unreachable from outside the machine's loopback.
 */
final class FactoryServer extends StartedServer<FactoryServer.Clean> {

  private static final int REACHABILITY_TIMEOUT_MILLIS = 200;

  /** A factory's server has no snapshot: before each test it is reset to its clean state. */
  enum Clean {
    STATE
  }

  private final LocalServerFactory<Object> factory;
  private final Object server;
  private final int port;
  private final String url;

  private FactoryServer(ServerSettings settings, LocalServerFactory<Object> factory, Object server) {
    super(settings);
    this.factory = factory;
    this.server = server;
    this.port = factory.port(server);
    this.url = factory.url(server, Loopback.urlHost(settings.address()));
  }

  @SuppressWarnings("unchecked") // the factory made the server it is given back
  static FactoryServer start(ServerSettings settings) {
    LocalServerFactory<Object> factory = (LocalServerFactory<Object>) settings.factory();
    String described = settings.label() + " (" + factory.getClass().getName() + ")";
    if (settings.port() != 0) {
      HttpEngine.requireFree(settings);
    }
    Object server;
    try {
      server = factory.start(settings.address(), settings.port());
    } catch (Exception e) {
      if (settings.port() != 0 && HttpEngine.hasCause(e, BindException.class)) {
        throw HttpEngine.portInUse(settings, settings.port(), e);
      }
      throw new ExtensionConfigurationException(
          "Could not start " + described + " on " + settings.host() + ": " + e, e);
    }
    if (server == null) {
      throw new ExtensionConfigurationException(
          factory.getClass().getName() + ".start(...) returned null; return the started server");
    }
    FactoryServer started;
    try {
      started = new FactoryServer(settings, factory, server);
      started.requireLoopbackOnly(described);
    } catch (RuntimeException | Error e) {
      try {
        factory.stop(server);
      } catch (Exception suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    return started;
  }

  /** Connects to the port through every other address of the machine: each must fail. */
  private void requireLoopbackOnly(String described) {
    for (InetAddress address : otherAddresses()) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(address, port), REACHABILITY_TIMEOUT_MILLIS);
      } catch (IOException expected) {
        continue; // refused or unreachable: as it should be
      }
      throw new ExtensionConfigurationException(
          ServerSettings.capitalized(described)
              + " accepts connections on "
              + address.getHostAddress()
              + ":"
              + port
              + ", not only on "
              + settings().host()
              + "; make the factory bind only the address it is given");
    // (For ::1 the IPv4 probe says nothing: a wildcard IPv6 socket may or may not take IPv4.)
    }
  }

  /**
   * The machine's other addresses, and one more loopback address: on Linux all of 127.0.0.0/8
   * answers, so a server bound to the wildcard is caught even where loopback is the only
   * interface (a sandbox without network).
   */
  private List<InetAddress> otherAddresses() {
    List<InetAddress> addresses = nonLoopbackAddresses();
    // An address nobody binds on purpose, so a server of another test (which may hold the same
    // port number on an address of its own) does not answer for this one.
    String other = settings().host().equals("127.254.254.254") ? "127.254.254.253" : "127.254.254.254";
    if (!settings().host().equals("::1")) {
      Loopback.parse(other).ifPresent(addresses::add);
    }
    return addresses;
  }

  private static List<InetAddress> nonLoopbackAddresses() {
    List<InetAddress> addresses = new ArrayList<>();
    try {
      for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (!network.isUp() || network.isLoopback()) {
          continue;
        }
        for (InetAddress address : Collections.list(network.getInetAddresses())) {
          if (!address.isLoopbackAddress() && !address.isLinkLocalAddress()) {
            addresses.add(address);
          }
        }
      }
    } catch (SocketException e) {
      // No interfaces to list: nothing else to reach the server through.
    }
    return addresses;
  }

  /** The object the factory started. */
  Object server() {
    return server;
  }

  @Override
  public int port() {
    return port;
  }

  @Override
  public String url() {
    return url;
  }

  @Override
  public Clean snapshot() {
    return Clean.STATE;
  }

  @Override
  public void restore(Clean baseline) {
    restoreInitial();
  }

  @Override
  public void restoreInitial() {
    try {
      factory.reset(server);
    } catch (Exception e) {
      throw new IllegalStateException(
          "Could not reset " + settings().label() + " with " + factory.getClass().getName() + ": " + e, e);
    }
  }

  @Override
  public void ensureRunning() {
    // A factory's server has no outage to end: its own type decides how it stops and starts.
  }

  @Override
  void stopForGood() {
    try {
      factory.stop(server);
    } catch (Exception e) {
      throw new IllegalStateException(
          "Could not stop " + settings().label() + " with " + factory.getClass().getName() + ": " + e, e);
    }
  }

  @Override
  public String toString() {
    return "LocalServer[" + (settings().name().isEmpty() ? "default" : settings().name()) + " " + url + "]";
  }

}

package io.github.localserver.internal;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;

/**
 * WireMock's runtime info for one server, so that tests written for {@code @WireMockTest} run
 * unchanged: the server's real address (a loopback literal, never {@code localhost}), its one
 * scheme, and the scope's {@code WireMock} client.
 */
final class HttpRuntimeInfo extends WireMockRuntimeInfo {

  private final RunningServer server;

  HttpRuntimeInfo(RunningServer server) {
    super(server.engine().wireMock());
    this.server = server;
  }

  @Override
  public int getHttpPort() {
    return server.isHttps() ? -1 : server.port();
  }

  @Override
  public int getHttpsPort() {
    return server.isHttps() ? server.port() : -1;
  }

  @Override
  public boolean isHttpEnabled() {
    return !server.isHttps();
  }

  @Override
  public boolean isHttpsEnabled() {
    return server.isHttps();
  }

  @Override
  public String getHttpBaseUrl() {
    return server.isHttps() ? null : server.baseUrl();
  }

  @Override
  public String getHttpsBaseUrl() {
    return server.isHttps() ? server.baseUrl() : null;
  }

  @Override
  public WireMock getWireMock() {
    return server.wireMock();
  }
}

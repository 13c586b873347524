package io.github.localserver.internal;

import com.github.tomakehurst.wiremock.core.Options;
import com.github.tomakehurst.wiremock.http.client.HttpClient;
import com.github.tomakehurst.wiremock.http.client.HttpClientFactory;
import com.github.tomakehurst.wiremock.http.client.LazyHttpClient;
import java.util.List;

/**
 * WireMock's proxy clients, built when a stub first proxies rather than when the server starts.
 *
 * <p>WireMock builds two Apache HTTP clients for every server it starts (one for proxy stubs, one
 * for browser proxying), with their SSL contexts and trust material: about a tenth of a server's
 * start, for clients most test servers never use. This factory hands WireMock clients that build
 * the real one, with the same factory and arguments, on their first request.
 */
final class LazyProxyClients implements HttpClientFactory {

  private final HttpClientFactory factory;

  /** @param factory the factory that builds the real clients (WireMock's, or the user's) */
  LazyProxyClients(HttpClientFactory factory) {
    this.factory = factory;
  }

  @Override
  public HttpClient buildHttpClient(
      Options options, boolean trustAllCertificates, List<String> trustedHosts, boolean useSystemProperties) {
    List<String> hosts = List.copyOf(trustedHosts);
    return new LazyHttpClient(
        () -> factory.buildHttpClient(options, trustAllCertificates, hosts, useSystemProperties));
  }
}

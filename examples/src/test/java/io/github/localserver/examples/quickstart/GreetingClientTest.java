package io.github.localserver.examples.quickstart;

// snippet:quickstart
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.localserver.LocalHttpServer;
import io.github.localserver.LocalServer;
import io.github.localserver.ServerUrl;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

@LocalServer
class GreetingClientTest {

  @Test
  void greetsByName(LocalHttpServer server, @ServerUrl String baseUrl, OkHttpClient http) {
    server.stubFor(get("/greetings/ada").willReturn(ok("Hello, Ada!")));

    GreetingClient client = new GreetingClient(http, baseUrl);

    assertThat(client.greet("ada")).isEqualTo("Hello, Ada!");
    server.verify(1, getRequestedFor(urlEqualTo("/greetings/ada")));
  }
}
// end:quickstart

package io.github.localserver.examples.quickstart;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.localserver.LocalHttpServer;
import io.github.localserver.LocalServer;
import io.github.localserver.ServerUrl;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/** The quickstart's other half: what the client does when the server fails. */
@LocalServer
class GreetingClientErrorTest {

  @Test
  void reportsAServerError(LocalHttpServer server, @ServerUrl String baseUrl, OkHttpClient http) {
    server.stubFor(get("/greetings/bob").willReturn(serverError()));

    GreetingClient client = new GreetingClient(http, baseUrl);

    assertThatThrownBy(() -> client.greet("bob"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("GET " + baseUrl + "/greetings/bob answered 500");
  }
}

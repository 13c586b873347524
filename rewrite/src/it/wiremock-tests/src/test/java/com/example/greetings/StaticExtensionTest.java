package com.example.greetings;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class StaticExtensionTest {

  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @Test
  void greetsOnItsPort() throws Exception {
    wm.stubFor(get("/greetings/ada").willReturn(ok("Hello, Ada!")));

    GreetingClient client = new GreetingClient("http://localhost:" + wm.getPort());

    assertEquals("Hello, Ada!", client.get("/greetings/ada").body());
    wm.verify(1, getRequestedFor(urlEqualTo("/greetings/ada")));
  }

  @Test
  void buildsUrls() throws Exception {
    wm.stubFor(get("/greetings/bob").willReturn(ok("Hello, Bob!")));
    String url = wm.url("/greetings/bob");

    assertTrue(url.endsWith(":" + wm.getPort() + "/greetings/bob"), url);
    assertEquals("Hello, Bob!", new GreetingClient(wm.baseUrl()).get("/greetings/bob").body());
  }

  @Test
  void resetsOnRequest() throws Exception {
    wm.stubFor(get("/greetings/eve").willReturn(ok("Hello, Eve!")));
    GreetingClient client = new GreetingClient(wm.baseUrl());
    assertEquals(200, client.get("/greetings/eve").status());

    wm.resetAll();

    assertEquals(404, client.get("/greetings/eve").status());
    assertEquals(1, wm.getAllServeEvents().size());
  }
}

package com.example.greetings;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import org.junit.jupiter.api.Test;

@WireMockTest
class AnnotatedTest {

  @Test
  void greetsThroughTheStaticDsl(WireMockRuntimeInfo info) throws Exception {
    stubFor(get("/greetings/ada").willReturn(ok("Hello, Ada!")));

    GreetingClient client = new GreetingClient(info.getHttpBaseUrl());

    assertEquals("Hello, Ada!", client.get("/greetings/ada").body());
    verify(1, getRequestedFor(urlEqualTo("/greetings/ada")));
  }

  @Test
  void greetsThroughTheInjectedClient(WireMockRuntimeInfo info) throws Exception {
    info.getWireMock().register(get("/greetings/bob").willReturn(ok("Hello, Bob!")));

    GreetingClient client = new GreetingClient("http://localhost:" + info.getHttpPort());

    assertEquals("Hello, Bob!", client.get("/greetings/bob").body());
  }

  @Test
  void startsEachTestWithoutTheOthersStubs(WireMockRuntimeInfo info) throws Exception {
    GreetingClient client = new GreetingClient(info.getHttpBaseUrl());

    assertEquals(404, client.get("/greetings/ada").status());
  }
}

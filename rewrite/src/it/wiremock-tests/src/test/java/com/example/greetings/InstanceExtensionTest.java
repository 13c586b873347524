package com.example.greetings;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An instance field: a server per test. */
class InstanceExtensionTest {

  @RegisterExtension
  WireMockExtension wm = WireMockExtension.newInstance().failOnUnmatchedRequests(false).build();

  @Test
  void greets() throws Exception {
    wm.stubFor(get("/greetings/ada").willReturn(ok("Hello, Ada!")));

    assertEquals("Hello, Ada!", new GreetingClient(wm.baseUrl()).get("/greetings/ada").body());
  }

  @Test
  void seesOnlyItsOwnRequests() throws Exception {
    new GreetingClient(wm.baseUrl()).get("/greetings/nobody");

    assertEquals(1, wm.findAll(anyRequestedFor(anyUrl())).size());
  }
}

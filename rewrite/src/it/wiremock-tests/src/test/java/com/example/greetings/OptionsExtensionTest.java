package com.example.greetings;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** WireMock options passed through (a journal of one entry), and the static DSL bound to the field. */
class OptionsExtensionTest {

  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().maxRequestJournalEntries(1))
          .configureStaticDsl(true)
          .build();

  @Test
  void keepsTheLastRequestOnly() throws Exception {
    stubFor(get("/greetings/ada").willReturn(ok("Hello, Ada!")));
    GreetingClient client = new GreetingClient(wm.baseUrl());

    assertEquals("Hello, Ada!", client.get("/greetings/ada").body());
    assertEquals(404, client.get("/greetings/nobody").status());

    assertEquals(1, wm.getAllServeEvents().size());
    assertEquals("/greetings/nobody", wm.getAllServeEvents().get(0).getRequest().getUrl());
  }
}

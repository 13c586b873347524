package com.example.greetings;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import org.junit.jupiter.api.Test;

/** Relies on WireMock answering a request that matches no stub with 404, and not failing. */
@WireMockTest
class UnmatchedTest {

  @Test
  void anUnknownGreetingIsNotFound(WireMockRuntimeInfo info) throws Exception {
    stubFor(get("/greetings/ada").willReturn(ok("Hello, Ada!")));

    GreetingClient client = new GreetingClient(info.getHttpBaseUrl());

    assertEquals(404, client.get("/greetings/nobody").status());
  }
}

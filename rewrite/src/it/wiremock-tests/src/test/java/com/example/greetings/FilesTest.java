package com.example.greetings;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import org.junit.jupiter.api.Test;

/** Uses WireMock's default file root, src/test/resources: __files/ bodies and mappings/ stubs. */
@WireMockTest
class FilesTest {

  @Test
  void servesABodyFile(WireMockRuntimeInfo info) throws Exception {
    stubFor(get("/greetings/ada").willReturn(aResponse().withBodyFile("ada.json")));

    GreetingClient client = new GreetingClient(info.getHttpBaseUrl());

    assertEquals("{\"greeting\":\"Hello, Ada!\"}", client.get("/greetings/ada").body().strip());
  }

  @Test
  void servesAStubFile(WireMockRuntimeInfo info) throws Exception {
    GreetingClient client = new GreetingClient(info.getHttpBaseUrl());

    GreetingClient.Reply reply = client.get("/health");

    assertEquals(200, reply.status());
    assertEquals("UP", reply.body());
  }
}

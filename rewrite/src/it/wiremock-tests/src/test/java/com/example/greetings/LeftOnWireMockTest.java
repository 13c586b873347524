package com.example.greetings;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Calls findUnmatchedRequests(), which has no exact LocalServer equivalent: the recipe leaves this
 * file on WireMock, and it keeps passing beside the migrated ones.
 */
class LeftOnWireMockTest {

  @RegisterExtension
  static WireMockExtension wm = WireMockExtension.newInstance().build();

  @Test
  void listsTheUnmatchedRequest() throws Exception {
    new GreetingClient(wm.baseUrl()).get("/greetings/nobody");

    assertEquals(1, wm.findUnmatchedRequests().getRequests().size());
  }
}

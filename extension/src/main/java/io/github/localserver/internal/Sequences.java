package io.github.localserver.internal;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Answers {@code stubSequence} stubs: one stub per sequence, whose response this transformer picks
 * with an atomic counter. WireMock's scenarios would do it with one stub per step, but their state
 * changes race (wiremock/wiremock#456): two requests at once could both get the first response.
 * One instance per server.
 */
final class Sequences implements ResponseDefinitionTransformerV2 {

  static final String NAME = "localserver-sequence";
  private static final String PARAMETER = "localserver-sequence";

  private record Sequence(List<ResponseDefinition> responses, AtomicInteger next) {
    ResponseDefinition take() {
      int last = responses.size() - 1;
      return responses.get(next.getAndUpdate(i -> i < last ? i + 1 : i));
    }
  }

  private final Map<String, Sequence> byId = new ConcurrentHashMap<>();

  /** Registers the responses; the stub answering them names the returned id. */
  ResponseDefinition register(List<ResponseDefinition> responses) {
    String id = UUID.randomUUID().toString();
    byId.put(id, new Sequence(List.copyOf(responses), new AtomicInteger()));
    return WireMock.aResponse().withTransformers(NAME).withTransformerParameter(PARAMETER, id).build();
  }

  /** After a reset: the baseline's sequences start afresh, the others are forgotten. */
  void restart(Collection<StubMapping> baseline) {
    Set<String> kept = new HashSet<>();
    for (StubMapping stub : baseline) {
      ResponseDefinition response = stub.getResponse();
      if (response != null && response.getTransformerParameters() != null) {
        Object id = response.getTransformerParameters().get(PARAMETER);
        if (id != null) {
          kept.add(id.toString());
        }
      }
    }
    byId.keySet().retainAll(kept);
    byId.values().forEach(sequence -> sequence.next().set(0));
  }

  @Override
  public ResponseDefinition transform(ServeEvent serveEvent) {
    Object id = serveEvent.getResponseDefinition().getTransformerParameters().get(PARAMETER);
    Sequence sequence = id == null ? null : byId.get(id.toString());
    if (sequence == null) {
      // Only a stub copied from another server could name an unknown sequence.
      return ResponseDefinition.notConfigured();
    }
    return sequence.take();
  }

  @Override
  public boolean applyGlobally() {
    return false;
  }

  @Override
  public String getName() {
    return NAME;
  }
}

package io.github.localserver.internal;

import com.github.tomakehurst.wiremock.common.FileSource;
import com.github.tomakehurst.wiremock.store.DefaultStores;
import com.github.tomakehurst.wiremock.store.InMemoryRequestJournalStore;
import com.github.tomakehurst.wiremock.store.RequestJournalStore;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * WireMock's request journal, capped at a number of entries at O(1) a request.
 *
 * <p>WireMock's own cap ({@code maxRequestJournalEntries}) counts the whole journal on every
 * request, so a full journal of 10,000 entries made a server serve a few hundred requests a second
 * instead of thousands; uncapped, the journal grows by tens of megabytes a minute under load. This
 * store keeps a count and drops the oldest entry when a new one goes past the cap, so heap stays
 * bounded and requests stay fast. Past the cap, {@code requests()} and {@code verify} see only the
 * newest {@value HttpEngine#JOURNAL_LIMIT} requests of a test.
 */
final class CappedJournal implements RequestJournalStore {

  private final InMemoryRequestJournalStore events = new InMemoryRequestJournalStore();
  private final AtomicInteger size = new AtomicInteger();
  private final int limit;

  private CappedJournal(int limit) {
    this.limit = limit;
  }

  /** WireMock's stores with this journal in place of its own. */
  static DefaultStores stores(FileSource files, int limit) {
    CappedJournal journal = new CappedJournal(limit);
    return new DefaultStores(files) {
      @Override
      public RequestJournalStore getRequestJournalStore() {
        return journal;
      }
    };
  }

  @Override
  public void add(ServeEvent event) {
    events.add(event);
    if (size.incrementAndGet() > limit) {
      removeLast();
    }
  }

  @Override
  public void removeLast() {
    events.removeLast();
    size.updateAndGet(n -> Math.max(0, n - 1));
  }

  @Override
  public Stream<ServeEvent> getAll() {
    return events.getAll();
  }

  @Override
  public Stream<UUID> getAllKeys() {
    return events.getAllKeys();
  }

  @Override
  public Optional<ServeEvent> get(UUID id) {
    return events.get(id);
  }

  @Override
  public void put(UUID id, ServeEvent event) {
    events.put(id, event); // WireMock puts a completed event over its received one
  }

  @Override
  public void remove(UUID id) {
    if (events.get(id).isPresent()) {
      events.remove(id);
      size.decrementAndGet();
    }
  }

  @Override
  public void clear() {
    events.clear();
    size.set(0);
  }
}

package io.github.localserver.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.common.SingleRootFileSource;
import com.github.tomakehurst.wiremock.http.ImmutableRequest;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.store.RequestJournalStore;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal keeps the newest entries up to its cap, in WireMock's order (newest first). */
class CappedJournalTest {

  @TempDir Path files;

  private RequestJournalStore journal(int limit) {
    return CappedJournal.stores(new SingleRootFileSource(files.toFile()), limit).getRequestJournalStore();
  }

  private static ServeEvent event(String url) {
    ImmutableRequest request =
        ImmutableRequest.create().withAbsoluteUrl("http://127.0.0.1:1" + url).withMethod(RequestMethod.GET).build();
    return ServeEvent.ofUnmatched(LoggedRequest.createFrom(request), ResponseDefinition.notConfigured());
  }

  private static List<String> urls(RequestJournalStore journal) {
    return journal.getAll().map(e -> e.getRequest().getUrl()).toList();
  }

  @Test
  void keepsTheNewestEntriesUpToTheCap() {
    RequestJournalStore journal = journal(3);
    for (int i = 1; i <= 5; i++) {
      journal.add(event("/" + i));
    }
    assertThat(urls(journal)).containsExactly("/5", "/4", "/3");
  }

  @Test
  void countsAgainAfterClearAndRemove() {
    RequestJournalStore journal = journal(2);
    ServeEvent first = event("/1");
    journal.add(first);
    journal.add(event("/2"));
    journal.remove(first.getId());
    journal.add(event("/3"));
    assertThat(urls(journal)).containsExactly("/3", "/2");

    journal.clear();
    journal.add(event("/4"));
    journal.add(event("/5"));
    assertThat(urls(journal)).containsExactly("/5", "/4");
    journal.add(event("/6"));
    assertThat(urls(journal)).containsExactly("/6", "/5");
  }

  @Test
  void aCompletedEventReplacesItsReceivedOneWithoutCountingTwice() {
    RequestJournalStore journal = journal(2);
    ServeEvent received = event("/1");
    journal.add(received);
    journal.put(received.getId(), received);
    journal.add(event("/2"));
    assertThat(urls(journal)).containsExactly("/2", "/1");
  }
}

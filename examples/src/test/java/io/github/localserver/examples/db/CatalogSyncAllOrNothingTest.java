package io.github.localserver.examples.db;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static io.github.localserver.examples.db.CatalogFixtures.ANVIL;
import static io.github.localserver.examples.db.CatalogFixtures.ANVIL_REPRICED;
import static io.github.localserver.examples.db.CatalogFixtures.BELLOWS;
import static io.github.localserver.examples.db.CatalogFixtures.CHISEL;
import static io.github.localserver.examples.db.CatalogFixtures.DRILL;
import static io.github.localserver.examples.db.CatalogFixtures.lastPage;
import static io.github.localserver.examples.db.CatalogFixtures.page;
import static io.github.localserver.examples.db.CatalogFixtures.pageRequest;
import static io.github.localserver.examples.db.CatalogFixtures.pageRequested;
import static io.github.localserver.examples.db.CatalogFixtures.rowCount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.localserver.Faults;
import io.github.localserver.LocalHttpServer;
import io.github.localserver.LocalServer;
import io.github.localserver.Server;
import io.github.localserver.ServerUrl;
import java.sql.SQLException;
import java.time.Duration;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An API that fails half-way through a sync leaves the database exactly as it was: page 1 is
 * already written, inside the sync's transaction, when page 2 fails, and it is rolled back. The
 * tables' row counts and contents are those from before the sync.
 */
@LocalServer(name = "api")
@LocalServer(name = "db", factory = H2TcpServerFactory.class)
class CatalogSyncAllOrNothingTest {

  private CatalogRepository repository;
  private CatalogSync sync;

  @BeforeEach
  void setUp(
      @Server("api") LocalHttpServer api,
      @Server("api") OkHttpClient http,
      @ServerUrl("db") String jdbcUrl) {
    repository = new CatalogRepository(jdbcUrl);
    repository.createSchema();
    sync = new CatalogSync(new CatalogApi(http, api.baseUrl()), repository);
  }

  @Test
  void aConnectionResetOnPage2LeavesTheLastSyncInPlace(
      @Server("api") LocalHttpServer api, @ServerUrl("db") String jdbcUrl) throws SQLException {
    // First sync: the catalog as it was. Second: Anvil repriced, Drill added, then page 2 breaks.
    api.stubSequence(
        pageRequest(1), okJson(page(2, ANVIL, BELLOWS)), okJson(page(2, ANVIL_REPRICED, DRILL)));
    api.stubSequence(pageRequest(2), okJson(lastPage(CHISEL)), Faults.connectionReset());
    sync.sync();

    assertThatThrownBy(sync::sync)
        .isInstanceOf(CatalogApiException.class)
        .hasMessage(
            "GET "
                + api.baseUrl()
                + "/catalog/items?page=2 failed: java.net.SocketException: Connection reset");

    api.verify(2, pageRequested(2)); // the second sync did reach page 2
    assertThat(repository.findAll()).containsExactly(ANVIL, BELLOWS, CHISEL);
    assertThat(rowCount(jdbcUrl, "catalog_item")).isEqualTo(3);
    assertThat(rowCount(jdbcUrl, "catalog_sync")).isEqualTo(1);
  }

  @Test
  void anErrorStatusOnPage2WritesNothing(
      @Server("api") LocalHttpServer api, @ServerUrl("db") String jdbcUrl) throws SQLException {
    api.stubFor(pageRequest(1).willReturn(okJson(page(2, ANVIL, BELLOWS))));
    api.stubFor(pageRequest(2).willReturn(Faults.serviceUnavailable(Duration.ofSeconds(30))));

    assertThatThrownBy(sync::sync)
        .isInstanceOf(CatalogApiException.class)
        .hasMessage("GET " + api.baseUrl() + "/catalog/items?page=2 answered 503");

    assertThat(rowCount(jdbcUrl, "catalog_item")).isZero();
    assertThat(rowCount(jdbcUrl, "catalog_sync")).isZero();
  }
}

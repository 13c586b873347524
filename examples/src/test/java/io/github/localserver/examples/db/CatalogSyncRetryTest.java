package io.github.localserver.examples.db;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static io.github.localserver.examples.db.CatalogFixtures.ANVIL;
import static io.github.localserver.examples.db.CatalogFixtures.BELLOWS;
import static io.github.localserver.examples.db.CatalogFixtures.CHISEL;
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
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Running a sync again never duplicates a row: after a sync that failed half-way, or after one that
 * succeeded (its caller may not have heard), the API's items are each stored once. The first holds
 * because the failed sync's rows were rolled back; the second because items are upserted by SKU (a
 * plain {@code INSERT} fails that test on the primary key).
 */
@LocalServer(name = "api")
@LocalServer(name = "db", factory = H2TcpServerFactory.class)
class CatalogSyncRetryTest {

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
  void aRetryAfterAFailureHalfWayStoresEachItemOnce(
      @Server("api") LocalHttpServer api, @ServerUrl("db") String jdbcUrl) throws SQLException {
    api.stubFor(pageRequest(1).willReturn(okJson(page(2, ANVIL, BELLOWS))));
    api.stubSequence(pageRequest(2), Faults.connectionReset(), okJson(lastPage(CHISEL)));
    assertThatThrownBy(sync::sync).isInstanceOf(CatalogApiException.class);

    int synced = sync.sync();

    assertThat(synced).isEqualTo(3);
    api.verify(2, pageRequested(1)); // page 1 was written by both attempts
    assertThat(repository.findAll()).containsExactly(ANVIL, BELLOWS, CHISEL);
    assertThat(rowCount(jdbcUrl, "catalog_item")).isEqualTo(3);
    assertThat(rowCount(jdbcUrl, "catalog_sync")).isEqualTo(1);
  }

  @Test
  void aSecondCompleteSyncStoresEachItemOnce(
      @Server("api") LocalHttpServer api, @ServerUrl("db") String jdbcUrl) throws SQLException {
    api.stubFor(pageRequest(1).willReturn(okJson(page(2, ANVIL, BELLOWS))));
    api.stubFor(pageRequest(2).willReturn(okJson(lastPage(CHISEL))));

    sync.sync();
    sync.sync();

    assertThat(repository.findAll()).containsExactly(ANVIL, BELLOWS, CHISEL);
    assertThat(rowCount(jdbcUrl, "catalog_item")).isEqualTo(3);
    assertThat(rowCount(jdbcUrl, "catalog_sync")).isEqualTo(2);
  }
}

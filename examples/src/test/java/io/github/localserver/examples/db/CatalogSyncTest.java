package io.github.localserver.examples.db;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static io.github.localserver.examples.db.CatalogFixtures.ANVIL;
import static io.github.localserver.examples.db.CatalogFixtures.BELLOWS;
import static io.github.localserver.examples.db.CatalogFixtures.CHISEL;
import static io.github.localserver.examples.db.CatalogFixtures.lastPage;
import static io.github.localserver.examples.db.CatalogFixtures.page;
import static io.github.localserver.examples.db.CatalogFixtures.pageRequest;
import static io.github.localserver.examples.db.CatalogFixtures.rowCount;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.localserver.LocalHttpServer;
import io.github.localserver.LocalServer;
import io.github.localserver.Server;
import io.github.localserver.ServerUrl;
import java.sql.SQLException;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/**
 * Two servers in one test class: a mock HTTP API and a real database server (H2 over TCP, through
 * {@link H2TcpServerFactory}). A sync stores every item of every page, once.
 */
// snippet:database
@LocalServer(name = "api")
@LocalServer(name = "db", factory = H2TcpServerFactory.class)
class CatalogSyncTest {

  @Test
  void storesEveryItemOfEveryPage(
      @Server("api") LocalHttpServer api,
      @Server("api") OkHttpClient http,
      @ServerUrl("db") String jdbcUrl)
      throws SQLException {
    api.stubFor(pageRequest(1).willReturn(okJson(page(2, ANVIL, BELLOWS))));
    api.stubFor(pageRequest(2).willReturn(okJson(lastPage(CHISEL))));
    CatalogRepository repository = new CatalogRepository(jdbcUrl);
    repository.createSchema(); // every test starts with an empty database

    int synced = new CatalogSync(new CatalogApi(http, api.baseUrl()), repository).sync();

    assertThat(synced).isEqualTo(3);
    assertThat(repository.findAll()).containsExactly(ANVIL, BELLOWS, CHISEL);
    assertThat(rowCount(jdbcUrl, "catalog_sync")).as("completed syncs").isEqualTo(1);
  }
}
// end:database

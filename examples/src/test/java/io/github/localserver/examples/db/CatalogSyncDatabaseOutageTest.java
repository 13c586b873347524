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
import static io.github.localserver.examples.db.CatalogFixtures.rowCount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.localserver.LocalHttpServer;
import io.github.localserver.LocalServer;
import io.github.localserver.Server;
import io.github.localserver.ServerUrl;
import java.sql.SQLException;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The database server goes down, then comes back: the sync reports a {@link
 * DatabaseUnavailableException} naming the database and the driver's reason, writes nothing, and
 * the next sync after the restart stores the new catalog: nothing lost, nothing duplicated.
 *
 * <p>{@link H2TcpServer#stop()} is a real outage: the TCP server closes its port and its sessions.
 * The data survives it, as a real database's does.
 */
@LocalServer(name = "api")
@LocalServer(name = "db", factory = H2TcpServerFactory.class)
class CatalogSyncDatabaseOutageTest {

  private CatalogRepository repository;

  @BeforeEach
  void setUp(@Server("api") LocalHttpServer api, @ServerUrl("db") String jdbcUrl) {
    repository = new CatalogRepository(jdbcUrl);
    repository.createSchema();
    // The catalog before the outage, then after it: Anvil repriced, Drill added.
    api.stubSequence(
        pageRequest(1), okJson(page(2, ANVIL, BELLOWS)), okJson(page(2, ANVIL_REPRICED, DRILL)));
    api.stubFor(pageRequest(2).willReturn(okJson(lastPage(CHISEL))));
  }

  @Test
  void aSyncWhileTheDatabaseIsDownFailsClearlyAndTheNextOneRecovers(
      @Server("api") LocalHttpServer api,
      @Server("api") OkHttpClient http,
      @Server("db") H2TcpServer db,
      @ServerUrl("db") String jdbcUrl)
      throws SQLException {
    CatalogSync sync = new CatalogSync(new CatalogApi(http, api.baseUrl()), repository);
    sync.sync();

    db.stop();
    int requestsBefore = api.requests().size();
    assertThatThrownBy(sync::sync)
        .isInstanceOf(DatabaseUnavailableException.class)
        .hasMessage(
            "Catalog database "
                + jdbcUrl
                + " is unavailable: Connection is broken:"
                + " \"java.net.ConnectException: Connection refused: 127.0.0.1:"
                + db.port()
                + "\" [90067-252]");
    assertThat(api.requests())
        .as("API requests while the database is down")
        .hasSize(requestsBefore);

    db.start();
    assertThat(repository.findAll())
        .as("after the restart")
        .containsExactly(ANVIL, BELLOWS, CHISEL);
    sync.sync();

    assertThat(repository.findAll()).containsExactly(ANVIL_REPRICED, BELLOWS, CHISEL, DRILL);
    assertThat(rowCount(jdbcUrl, "catalog_item")).isEqualTo(4);
    assertThat(rowCount(jdbcUrl, "catalog_sync")).isEqualTo(2);
  }

  @Test
  void anOutageHalfWayRollsBackWhatTheSyncHadWritten(
      @Server("api") LocalHttpServer api,
      @Server("api") OkHttpClient http,
      @Server("db") H2TcpServer db,
      @ServerUrl("db") String jdbcUrl)
      throws SQLException {
    new CatalogSync(new CatalogApi(http, api.baseUrl()), repository).sync();
    // The database goes down just as page 2 is requested: page 1 is written, not committed.
    OkHttpClient outageOnPage2 =
        http.newBuilder()
            .addInterceptor(
                chain -> {
                  if ("2".equals(chain.request().url().queryParameter("page"))) {
                    db.stop();
                  }
                  return chain.proceed(chain.request());
                })
            .build();
    CatalogSync sync = new CatalogSync(new CatalogApi(outageOnPage2, api.baseUrl()), repository);

    assertThatThrownBy(sync::sync)
        .isInstanceOf(DatabaseUnavailableException.class)
        .hasMessage(
            "Catalog database "
                + jdbcUrl
                + " is unavailable: Connection is broken: \"session closed\" [90067-252]");

    db.start();
    assertThat(repository.findAll()).containsExactly(ANVIL, BELLOWS, CHISEL);
    assertThat(rowCount(jdbcUrl, "catalog_item")).isEqualTo(3);
    assertThat(rowCount(jdbcUrl, "catalog_sync")).isEqualTo(1);
  }
}

package io.github.localserver.examples.db;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the catalog tests share: items, the API's pages as JSON, and row counts read with plain SQL,
 * independently of the repository under test.
 */
final class CatalogFixtures {

  static final CatalogItem ANVIL = new CatalogItem("A-1", "Anvil", 12_900);
  static final CatalogItem ANVIL_REPRICED = new CatalogItem("A-1", "Anvil", 9_900);
  static final CatalogItem BELLOWS = new CatalogItem("B-2", "Bellows", 4_500);
  static final CatalogItem CHISEL = new CatalogItem("C-3", "Chisel", 1_250);
  static final CatalogItem DRILL = new CatalogItem("D-4", "Drill", 8_000);

  private static final ObjectMapper JSON = new ObjectMapper();

  private CatalogFixtures() {}

  /** {@code GET /catalog/items?page={number}}, to stub. */
  static MappingBuilder pageRequest(int number) {
    return get(urlPathEqualTo("/catalog/items"))
        .withQueryParam("page", equalTo(String.valueOf(number)));
  }

  /** {@code GET /catalog/items?page={number}}, to verify. */
  static RequestPatternBuilder pageRequested(int number) {
    return getRequestedFor(urlPathEqualTo("/catalog/items"))
        .withQueryParam("page", equalTo(String.valueOf(number)));
  }

  /** A page that links to {@code nextPage}. */
  static String page(int nextPage, CatalogItem... items) {
    return json(nextPage, items);
  }

  /** The last page: {@code nextPage} is null. */
  static String lastPage(CatalogItem... items) {
    return json(null, items);
  }

  /** {@code SELECT COUNT(*) FROM {table}}. */
  static long rowCount(String jdbcUrl, String table) throws SQLException {
    try (Connection connection = DriverManager.getConnection(jdbcUrl);
        Statement statement = connection.createStatement();
        ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
      count.next();
      return count.getLong(1);
    }
  }

  private static String json(Integer nextPage, CatalogItem... items) {
    Map<String, Object> page = new LinkedHashMap<>();
    page.put("items", Arrays.asList(items));
    page.put("nextPage", nextPage);
    try {
      return JSON.writeValueAsString(page);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }
}

package io.github.localserver.examples.db;

/**
 * Copies the catalog from the API into the database, all or nothing: every page is written inside
 * one transaction, committed after the last page, so a sync that fails half-way leaves the database
 * exactly as it was. Items are upserted by SKU, so running a sync again, after a failure or a
 * success, never duplicates a row.
 *
 * <p>The database is opened before the API is called: when it is down, the sync fails at once with
 * a {@link DatabaseUnavailableException} and the API sees no request. An API failure is a {@link
 * CatalogApiException}.
 */
public final class CatalogSync {

  private final CatalogApi api;
  private final CatalogRepository repository;

  public CatalogSync(CatalogApi api, CatalogRepository repository) {
    this.api = api;
    this.repository = repository;
  }

  /**
   * Runs one sync.
   *
   * @return how many items the API listed
   * @throws CatalogApiException when a page cannot be fetched; nothing is written
   * @throws DatabaseUnavailableException when the database is down or the connection breaks;
   *     nothing is written
   */
  public int sync() {
    try (CatalogRepository.Transaction transaction = repository.begin()) {
      int items = 0;
      for (Integer page = 1; page != null; ) {
        CatalogApi.Page fetched = api.page(page);
        transaction.upsert(fetched.items());
        items += fetched.items().size();
        page = fetched.nextPage();
      }
      transaction.recordSync(items);
      transaction.commit();
      return items;
    }
  }
}

package io.github.localserver.examples.db;

/**
 * One item of the catalog, as the API sends it and as the database stores it.
 *
 * @param sku the stock-keeping unit: the item's key, in the API and in the table
 * @param name what the item is called
 * @param priceCents its price, in cents
 */
public record CatalogItem(String sku, String name, long priceCents) {}

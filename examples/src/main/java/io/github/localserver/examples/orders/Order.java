package io.github.localserver.examples.orders;

/**
 * An order as the orders API returns it: {@code {"id":7,"customer":"ada","product":"tea",
 * "quantity":2,"status":"PENDING"}}. Jackson maps it by its component names; fields the API adds
 * later are ignored.
 */
public record Order(long id, String customer, String product, int quantity, Status status) {

  /** Where an order is in its life. */
  public enum Status {
    PENDING,
    PAID,
    SHIPPED,
    CANCELLED
  }
}

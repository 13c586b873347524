package io.github.localserver.examples.orders;

/** What {@code POST /orders} takes: {@code {"customer":"ada","product":"tea","quantity":2}}. */
public record NewOrder(String customer, String product, int quantity) {}

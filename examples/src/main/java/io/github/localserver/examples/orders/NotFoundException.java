package io.github.localserver.examples.orders;

import okhttp3.Headers;

/** 404: no such order. The one client error most callers handle. */
public class NotFoundException extends HttpStatusException {

  private static final long serialVersionUID = 1L;

  public NotFoundException(String endpoint, String body, Headers headers) {
    super(endpoint, 404, body, headers);
  }
}

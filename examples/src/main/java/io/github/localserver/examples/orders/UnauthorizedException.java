package io.github.localserver.examples.orders;

import okhttp3.Headers;

/** 401 even after refreshing the token once: the credentials themselves are not accepted. */
public class UnauthorizedException extends HttpStatusException {

  private static final long serialVersionUID = 1L;

  public UnauthorizedException(String endpoint, String body, Headers headers) {
    super(endpoint, 401, body, headers);
  }
}

package io.github.localserver.examples.orders;

/** Where bearer tokens come from: usually an OAuth client; in tests, a fake. */
public interface TokenSource {

  /** The token to send now. */
  String currentToken();

  /** Obtains a new token, because the API rejected the current one, and returns it. */
  String refreshToken();
}

package io.github.localserver.examples.orders;

import java.io.IOException;
import okhttp3.Authenticator;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.Route;

/**
 * Bearer-token authentication, in OkHttp's own terms: an interceptor sends {@code Authorization:
 * Bearer <current token>}, and on a 401 OkHttp's {@link Authenticator} hook refreshes the token
 * once and repeats the request. A second 401 is returned as it is (the client then throws {@link
 * UnauthorizedException}): a refreshed token that is still refused will not get better.
 *
 * <pre>{@code
 * OrdersClient orders = new OrdersClient(BearerAuth.addTo(http, tokens), baseUrl);
 * }</pre>
 */
public final class BearerAuth implements Interceptor, Authenticator {

  private final TokenSource tokens;

  private BearerAuth(TokenSource tokens) {
    this.tokens = tokens;
  }

  /** A client like {@code http} that authenticates every request with {@code tokens}. */
  public static OkHttpClient addTo(OkHttpClient http, TokenSource tokens) {
    BearerAuth auth = new BearerAuth(tokens);
    return http.newBuilder().addInterceptor(auth).authenticator(auth).build();
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    return chain.proceed(withToken(chain.request(), tokens.currentToken()));
  }

  @Override
  public Request authenticate(Route route, Response response) {
    for (Response prior = response.priorResponse(); prior != null; prior = prior.priorResponse()) {
      if (prior.code() == 401) {
        return null; // refreshed once already: give up
      }
    }
    return withToken(response.request(), tokens.refreshToken());
  }

  private static Request withToken(Request request, String token) {
    return request.newBuilder().header("Authorization", "Bearer " + token).build();
  }
}

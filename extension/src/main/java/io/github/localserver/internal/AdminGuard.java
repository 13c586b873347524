package io.github.localserver.internal;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.extension.requestfilter.AdminRequestFilterV2;
import com.github.tomakehurst.wiremock.extension.requestfilter.RequestFilterAction;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Protects one server's WireMock admin API ({@code /__admin/...}), which shares the port with the
 * stubs: only a request carrying this server's secret in {@value #HEADER} gets through; any other
 * gets {@code 401} with a body saying why and how to opt out.
 *
 * <p>The test's own handles (the {@code LocalHttpServer}, the injected {@code WireMock} client,
 * {@code WireMockRuntimeInfo.getWireMock()}, the static DSL) call the server in-process and never
 * pass through here; so the code under test, or anything else that only knows the port, cannot
 * read the journal, reset, shut down or write files.
 */
final class AdminGuard implements AdminRequestFilterV2 {

  /** The header an HTTP admin request must carry the secret in. */
  static final String HEADER = "X-LocalServer-Admin-Secret";

  private static final SecureRandom RANDOM = new SecureRandom();

  private final byte[] secret;

  AdminGuard() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    this.secret = HexFormat.of().formatHex(bytes).getBytes(StandardCharsets.US_ASCII);
  }

  /** This server's secret. */
  String secret() {
    return new String(secret, StandardCharsets.US_ASCII);
  }

  @Override
  public RequestFilterAction filter(Request request, ServeEvent serveEvent) {
    String given = request.getHeader(HEADER);
    if (given != null && MessageDigest.isEqual(secret, given.getBytes(StandardCharsets.US_ASCII))) {
      return RequestFilterAction.continueWith(request);
    }
    return RequestFilterAction.stopWith(
        WireMock.aResponse()
            .withStatus(401)
            .withHeader("Content-Type", "text/plain; charset=utf-8")
            .withBody(
                "LocalServer protects WireMock's admin API ("
                    + request.getMethod()
                    + " "
                    + adminPath(request)
                    + " was refused): only the test's own handles may use it (LocalHttpServer, the"
                    + " injected WireMock client, WireMockRuntimeInfo.getWireMock(), WireMock's"
                    + " static DSL). To open it to any client, set the configuration parameter"
                    + " localserver.admin-api=open.\n")
            .build());
  }

  /** WireMock hands admin filters the URL below {@code /__admin}. */
  private static String adminPath(Request request) {
    String url = request.getUrl();
    return url.startsWith("/__admin") ? url : "/__admin" + url;
  }

  @Override
  public String getName() {
    return "localserver-admin-guard";
  }
}

package io.github.localserver.examples.rates;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A local stand-in for the real rates API, to record {@code recordings/rates} from without the
 * network (or an API key). Not a test: run it, then record.
 *
 * <pre>
 * mvn -q -pl extension,examples -am test-compile
 * java -cp examples/target/test-classes io.github.localserver.examples.rates.RatesStandIn &amp;
 * mvn -pl extension,examples test -Dtest=RatesClientTest -Dsurefire.failIfNoSpecifiedTests=false -Dlocalserver.record=rates
 * </pre>
 *
 * The stand-in answers like the real API would, with a date, a server name and a session cookie
 * that the recording leaves out.
 */
public final class RatesStandIn {

  /** Where the stand-in listens, and what {@link RatesClientTest} records from. */
  public static final String URL = "http://127.0.0.1:8089";

  private RatesStandIn() {}

  public static void main(String[] args) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 8089), 0);
    server.createContext("/rates/EUR", exchange -> answer(exchange, "{\"base\":\"EUR\",\"date\":\"2026-11-30\",\"rates\":{\"USD\":1.0842,\"GBP\":0.8571}}"));
    server.start();
    System.out.println("Rates stand-in listening on " + URL);
  }

  private static void answer(HttpExchange exchange, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.getResponseHeaders().add("Server", "rates-stand-in");
    exchange.getResponseHeaders().add("Set-Cookie", "session=" + System.nanoTime());
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}

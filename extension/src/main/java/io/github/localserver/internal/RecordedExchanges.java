package io.github.localserver.internal;

import com.github.tomakehurst.wiremock.common.Gzip;
import com.github.tomakehurst.wiremock.common.Json;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.LoggedResponse;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Record mode: what a server's proxy answered, written as WireMock stub files into the recording's
 * source folder.
 *
 * <p>How it works: after each test, the test's serve events that the proxy stub answered become
 * exchanges of the run's session for that folder (one per folder, in the root store, so that every
 * class and test recording into it adds to one recording). Each time, the whole folder is written
 * again: the first write of a run deletes the previous recording's {@code mappings/} and {@code
 * __files/}, so re-recording replaces and never duplicates. The output is deterministic: exchanges
 * are sorted by method, URL and body; files are named {@code <method>-<path-slug>-<n>.json}
 * ({@code __files/} gets the body under the same name); JSON is pretty printed in a fixed key
 * order; no ids, timestamps or volatile headers are written. Request headers are never written
 * (the stubs match on method, URL and body), response headers named by {@code redact} and {@code
 * Set-Cookie} keep their name with the value {@code REDACTED}, and redacted query parameters match
 * any value.
 */
final class RecordedExchanges {

  /** The value written in place of a redacted one. */
  static final String REDACTED = "REDACTED";

  /** Response headers that change from call to call, or that WireMock sets itself when replaying. */
  private static final Set<String> VOLATILE_HEADERS =
      Set.of(
          "age",
          "alt-svc",
          "cf-ray",
          "connection",
          "content-encoding",
          "content-length",
          "date",
          "etag",
          "expires",
          "keep-alive",
          "last-modified",
          "matched-stub-id",
          "matched-stub-name",
          "nel",
          "report-to",
          "request-id",
          "server",
          "transfer-encoding",
          "via",
          "x-amzn-trace-id",
          "x-request-id");

  /** Response headers always redacted. */
  private static final Set<String> SECRET_HEADERS = Set.of("set-cookie", "authorization", "cookie");

  private RecordedExchanges() {}

  /** One recorded request and the response the real API gave. */
  private record Exchange(
      String method,
      String url,
      String requestContentType,
      byte[] requestBody,
      int status,
      List<HttpHeader> headers,
      byte[] body,
      List<String> redact) {

    String sortKey() {
      return method + " " + url + "\n" + Base64.getEncoder().encodeToString(requestBody);
    }
  }

  /** The run's recordings, one per folder written. */
  private static final class Sessions {
    final Map<Path, Session> byFolder = new ConcurrentHashMap<>();
  }

  /** One folder's recording during a run. */
  private static final class Session {
    final TreeMap<String, Exchange> exchanges = new TreeMap<>();
    boolean cleared;
  }

  /** How WireMock's proxy answers when it cannot reach the target: a 500 with this in the body. */
  private static final String PROXY_FAILURE = " failure trying to make a proxied request from WireMock to ";

  /**
   * After a test: adds what the server's proxy answered during the test to its recording, and
   * writes the recording. Does nothing for a server that does not record.
   *
   * @return a failure message when the proxy could not reach the target for some requests (which
   *     are not recorded)
   */
  static Optional<String> capture(ExtensionContext context, RunningServer server) {
    Recording recording = server.settings().recording();
    if (recording == null || !recording.records()) {
      return Optional.empty();
    }
    List<Exchange> recorded = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    for (ServeEvent event : server.serveEvents()) {
      ResponseDefinition definition = event.getResponseDefinition();
      LoggedResponse response = event.getResponse();
      if (definition == null
          || !definition.isProxyResponse()
          || !recording.target().toString().equals(definition.getProxyBaseUrl())
          || response == null
          || response.getFault() != null) {
        continue; // answered by a stub of the test (a fault layered on the recording), or no answer
      }
      String text = response.getStatus() == 500 ? response.getBodyAsString() : "";
      if (text != null && text.contains(PROXY_FAILURE)) {
        failed.add(event.getRequest().getMethod() + " " + event.getRequest().getUrl() + ": " + text.lines().findFirst().orElse(text).strip());
        continue;
      }
      recorded.add(exchange(event.getRequest(), response, recording.redact()));
    }
    if (!recorded.isEmpty()) {
      save(context, recording, recorded);
    }
    if (failed.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        server.settings().sentenceLabel()
            + " could not reach "
            + recording.target()
            + " while recording "
            + recording.folder()
            + ", so these requests were not recorded:\n  "
            + String.join("\n  ", failed)
            + "\nKeep the API running while recording, then record again.");
  }

  private static void save(ExtensionContext context, Recording recording, List<Exchange> recorded) {
    Sessions sessions = ContextStore.compute(context.getRoot(), Sessions.class, key -> new Sessions(), Sessions.class);
    Session session = sessions.byFolder.computeIfAbsent(recording.writeTo(), folder -> new Session());
    synchronized (session) {
      for (Exchange exchange : recorded) {
        session.exchanges.putIfAbsent(exchange.sortKey(), exchange);
      }
      write(recording.writeTo(), session);
    }
  }

  private static Exchange exchange(LoggedRequest request, LoggedResponse response, List<String> redact) {
    byte[] body = response.getBody() == null ? new byte[0] : response.getBody();
    boolean gzipped = response.getHeaders().getHeader("Content-Encoding").containsValue("gzip");
    if (gzipped && Gzip.isGzipped(body)) {
      body = Gzip.unGzip(body);
    }
    List<HttpHeader> headers = new ArrayList<>();
    for (HttpHeader header : response.getHeaders().all()) {
      String name = header.key().toLowerCase(Locale.ROOT);
      if (VOLATILE_HEADERS.contains(name)) {
        continue;
      }
      if (SECRET_HEADERS.contains(name) || redact.contains(name)) {
        headers.add(new HttpHeader(header.key(), REDACTED));
      } else {
        headers.add(header);
      }
    }
    headers.sort(Comparator.comparing(h -> h.key().toLowerCase(Locale.ROOT)));
    String contentType = request.getHeader("Content-Type");
    return new Exchange(
        request.getMethod().getName(),
        request.getUrl(),
        contentType,
        request.getBody() == null ? new byte[0] : request.getBody(),
        response.getStatus(),
        headers,
        body,
        redact);
  }

  private static void write(Path folder, Session session) {
    try {
      Path mappings = folder.resolve("mappings");
      Path files = folder.resolve("__files");
      if (!session.cleared) {
        deleteTree(mappings);
        deleteTree(files);
        session.cleared = true;
      } else {
        deleteTree(mappings); // names shift as exchanges are added: write them all again
        deleteTree(files);
      }
      Files.createDirectories(mappings);
      Map<String, Integer> counts = new HashMap<>();
      for (Exchange exchange : session.exchanges.values()) {
        String slug = exchange.method().toLowerCase(Locale.ROOT) + "-" + slug(path(exchange.url()));
        int n = counts.merge(slug, 1, Integer::sum);
        String base = slug + "-" + n;
        String bodyFile = null;
        if (exchange.body().length > 0) {
          bodyFile = base + extension(exchange.headers());
          Files.createDirectories(files);
          Files.write(files.resolve(bodyFile), exchange.body());
        }
        String json = Json.write(stub(exchange, bodyFile)).replace("\r\n", "\n") + "\n";
        Files.writeString(mappings.resolve(base + ".json"), json, StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write the recording into " + folder, e);
    }
  }

  private static Map<String, Object> stub(Exchange exchange, String bodyFile) {
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("method", exchange.method());
    List<String[]> query = query(exchange.url(), exchange.redact());
    boolean redactsQuery = query.stream().anyMatch(p -> p[1] == null);
    if (redactsQuery) {
      request.put("urlPath", path(exchange.url()));
      Map<String, Object> parameters = new TreeMap<>();
      for (String[] parameter : query) {
        parameters.put(parameter[0], parameter[1] == null ? Map.of("matches", ".*") : Map.of("equalTo", parameter[1]));
      }
      request.put("queryParameters", parameters);
    } else {
      request.put("url", exchange.url());
    }
    if (exchange.requestBody().length > 0) {
      request.put("bodyPatterns", List.of(bodyPattern(exchange)));
    }
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("status", exchange.status());
    if (!exchange.headers().isEmpty()) {
      Map<String, Object> headers = new LinkedHashMap<>();
      for (HttpHeader header : exchange.headers()) {
        List<String> values = header.values();
        headers.put(header.key(), values.size() == 1 ? values.get(0) : values);
      }
      response.put("headers", headers);
    }
    if (bodyFile != null) {
      response.put("bodyFileName", bodyFile);
    }
    Map<String, Object> stub = new LinkedHashMap<>();
    stub.put("name", exchange.method() + " " + path(exchange.url()));
    stub.put("request", request);
    stub.put("response", response);
    return stub;
  }

  private static Map<String, Object> bodyPattern(Exchange exchange) {
    String type = exchange.requestContentType() == null ? "" : exchange.requestContentType().toLowerCase(Locale.ROOT);
    String text = text(exchange.requestBody());
    if (text == null) {
      return Map.of("binaryEqualTo", Base64.getEncoder().encodeToString(exchange.requestBody()));
    }
    if (type.contains("json")) {
      try {
        Json.node(text);
        return Map.of("equalToJson", text);
      } catch (RuntimeException e) {
        // not JSON after all: matched as text
      }
    }
    return Map.of("equalTo", text);
  }

  /** The query parameters, in URL order; a redacted one has a {@code null} value. */
  private static List<String[]> query(String url, List<String> redact) {
    int question = url.indexOf('?');
    if (question < 0) {
      return List.of();
    }
    return Arrays.stream(url.substring(question + 1).split("&"))
        .filter(p -> !p.isEmpty())
        .map(
            p -> {
              int equals = p.indexOf('=');
              String name = decode(equals < 0 ? p : p.substring(0, equals));
              String value = equals < 0 ? "" : decode(p.substring(equals + 1));
              return new String[] {name, redact.contains(name.toLowerCase(Locale.ROOT)) ? null : value};
            })
        .toList();
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }

  private static String path(String url) {
    int question = url.indexOf('?');
    return question < 0 ? url : url.substring(0, question);
  }

  /** {@code /v1/rates/EUR} as {@code v1-rates-eur}; the root as {@code root}. */
  static String slug(String path) {
    String slug = path.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    if (slug.length() > 60) {
      slug = slug.substring(0, 60).replaceAll("-+$", "");
    }
    return slug.isEmpty() ? "root" : slug;
  }

  private static String extension(List<HttpHeader> headers) {
    String type =
        headers.stream()
            .filter(h -> h.key().equalsIgnoreCase("Content-Type"))
            .map(HttpHeader::firstValue)
            .findFirst()
            .orElse("")
            .toLowerCase(Locale.ROOT);
    if (type.contains("json")) {
      return ".json";
    }
    if (type.contains("xml")) {
      return ".xml";
    }
    if (type.contains("html")) {
      return ".html";
    }
    return type.startsWith("text/") ? ".txt" : ".bin";
  }

  /** The bytes as UTF-8 text, or {@code null} when they are not. */
  private static String text(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path path : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(path);
      }
    }
  }
}

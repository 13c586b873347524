package io.github.localserver.internal;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import io.github.localserver.LocalHttpServer;
import io.github.localserver.Server;
import io.github.localserver.ServerPort;
import io.github.localserver.ServerUrl;
import java.lang.reflect.AnnotatedElement;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Turns a parameter or field (its type and qualifier annotation) into a value: a handle, a URL or
 * a port of one visible server.
 */
final class Injection {

  private static final Set<Class<?>> HANDLES =
      Set.of(LocalHttpServer.class, HttpClient.class, WireMock.class, WireMockRuntimeInfo.class); // and OkHttpClient
  private static final Set<Class<?>> CLIENT_HANDLES =
      Set.of(HttpClient.class, WireMock.class, WireMockRuntimeInfo.class); // and OkHttpClient
  private static final String HANDLE_TYPES =
      "LocalHttpServer, okhttp3.OkHttpClient, java.net.http.HttpClient, WireMock or WireMockRuntimeInfo";
  private static final String URL_TYPES = "String, java.net.URI, java.net.URL or okhttp3.HttpUrl";

  private Injection() {}

  /** Whether LocalServer answers for this target. */
  static boolean supports(AnnotatedElement element, Class<?> type, ExtensionContext context) {
    if (AnnotationSupport.isAnnotated(element, ServerUrl.class)
        || AnnotationSupport.isAnnotated(element, ServerPort.class)
        || AnnotationSupport.isAnnotated(element, Server.class)
        || type == LocalHttpServer.class) {
      return true;
    }
    // Client types are common: claim them only where an HTTP server is in scope.
    return (CLIENT_HANDLES.contains(type) || OkHttpTypes.isClient(type))
        && VisibleServers.of(context).outerFirst().stream().anyMatch(v -> v.declaration().settings().isHttp());
  }

  /**
   * Resolves the target.
   *
   * @param error makes the exception to throw, from a message
   */
  static Object resolve(
      AnnotatedElement element,
      Class<?> type,
      ExtensionContext context,
      Function<String, RuntimeException> error) {
    VisibleServers.Visible visible = target(element, type, VisibleServers.of(context), context, error);
    return value(element, type, ServerStore.acquire(visible, error), error);
  }

  /** Which visible server the target means; checks the target's type and qualifier. */
  static VisibleServers.Visible target(
      AnnotatedElement element,
      Class<?> type,
      VisibleServers scope,
      ExtensionContext context,
      Function<String, RuntimeException> error) {
    Optional<ServerUrl> url = AnnotationSupport.findAnnotation(element, ServerUrl.class);
    Optional<ServerPort> port = AnnotationSupport.findAnnotation(element, ServerPort.class);
    Optional<Server> server = AnnotationSupport.findAnnotation(element, Server.class);
    if (url.isPresent() && port.isPresent()) {
      throw error.apply("@ServerUrl and @ServerPort cannot both be on one target; use one of them");
    }
    String qualifier;
    String example;
    if (url.isPresent()) {
      if (!isUrlType(type)) {
        throw error.apply("@ServerUrl cannot be injected as " + type.getName() + "; use " + URL_TYPES);
      }
      qualifier = url.get().value();
      example = "@ServerUrl(\"%s\")";
    } else if (port.isPresent()) {
      if (type != int.class && type != Integer.class) {
        throw error.apply("@ServerPort cannot be injected as " + type.getName() + "; use int or Integer");
      }
      qualifier = port.get().value();
      example = "@ServerPort(\"%s\")";
    } else {
      // @Server on another type may name a factory's server; checked once the server is known.
      if (!isHandle(type) && server.isEmpty()) {
        throw error.apply(notAHandle(type));
      }
      qualifier = server.map(Server::value).orElse(null);
      example = "@Server(\"%s\")";
    }
    boolean httpOnly = url.isEmpty() && port.isEmpty() && isHandle(type);
    return choose(scope, qualifier, httpOnly, example, context, error);
  }

  private static VisibleServers.Visible choose(
      VisibleServers scope,
      String qualifier,
      boolean httpOnly,
      String example,
      ExtensionContext context,
      Function<String, RuntimeException> error) {
    if (scope.isEmpty()) {
      throw error.apply(
          "No @LocalServer is declared for "
              + context.getRequiredTestClass().getName()
              + "; annotate the test class or method with @LocalServer, or register"
              + " LocalServerExtension.builder().build() with @RegisterExtension");
    }
    String name = qualifier == null ? "" : qualifier;
    Optional<VisibleServers.Visible> named = scope.named(name);
    if (named.isPresent()) {
      return named.get();
    }
    if (qualifier == null || qualifier.isEmpty()) {
      if (scope.outerFirst().size() == 1) {
        return scope.outerFirst().get(0);
      }
      if (httpOnly) {
        // An HTTP client or handle can only mean an HTTP server: the only one, if there is one.
        List<VisibleServers.Visible> http =
            scope.outerFirst().stream().filter(v -> v.declaration().settings().isHttp()).toList();
        if (http.size() == 1) {
          return http.get(0);
        }
      }
      String first = scope.outerFirst().get(0).name();
      throw error.apply(
          "Several servers are in scope ("
              + scope.names()
              + ") and none is the default one; name the one you mean, for example "
              + String.format(example, first));
    }
    throw error.apply(
        "No server named \"" + qualifier + "\" is in scope; known servers: " + scope.names());
  }

  private static String notAHandle(Class<?> type) {
    return "@Server cannot be injected as "
        + type.getName()
        + "; use "
        + HANDLE_TYPES
        + " (for the URL use @ServerUrl, for the port @ServerPort)";
  }

  /** A factory's server: the object itself, its URL as a String or URI, its port. */
  private static Object customValue(
      AnnotatedElement element, Class<?> type, FactoryServer server, Function<String, RuntimeException> error) {
    String label = server.settings().sentenceLabel();
    if (AnnotationSupport.isAnnotated(element, ServerPort.class)) {
      return server.port();
    }
    if (AnnotationSupport.isAnnotated(element, ServerUrl.class)) {
      if (type == String.class) {
        return server.url();
      }
      if (type == URI.class) {
        return URI.create(server.url());
      }
      throw error.apply(
          "@ServerUrl cannot be injected as "
              + type.getName()
              + " for "
              + server.settings().label()
              + ", whose URL is "
              + server.url()
              + "; use String or java.net.URI");
    }
    if (type.isInstance(server.server())) {
      return server.server();
    }
    throw error.apply(
        label
            + " is a "
            + server.server().getClass().getName()
            + " made by "
            + server.settings().factory().getClass().getSimpleName()
            + ", not "
            + type.getName()
            + "; ask for "
            + server.server().getClass().getSimpleName()
            + " (or a supertype), @ServerUrl String or @ServerPort int");
  }

  private static boolean isUrlType(Class<?> type) {
    return type == String.class || type == URI.class || type == URL.class || OkHttpTypes.isUrl(type);
  }

  private static boolean isHandle(Class<?> type) {
    return HANDLES.contains(type) || OkHttpTypes.isClient(type);
  }

  /** The value for a target already checked by {@link #target}. */
  static Object value(
      AnnotatedElement element, Class<?> type, StartedServer<?> shared, Function<String, RuntimeException> error) {
    if (shared instanceof FactoryServer custom) {
      return customValue(element, type, custom, error);
    }
    RunningServer server = (RunningServer) shared;
    if (!AnnotationSupport.isAnnotated(element, ServerUrl.class)
        && !AnnotationSupport.isAnnotated(element, ServerPort.class)
        && !isHandle(type)) {
      throw error.apply(notAHandle(type));
    }
    boolean url = AnnotationSupport.isAnnotated(element, ServerUrl.class);
    if (AnnotationSupport.isAnnotated(element, ServerPort.class)) {
      return server.port();
    }
    if (url) {
      if (type == String.class) {
        return server.baseUrl();
      }
      if (type == URI.class) {
        return URI.create(server.baseUrl());
      }
      if (OkHttpTypes.isUrl(type)) {
        ClasspathCheck.requireOkHttp();
        return HttpUrl.get(server.baseUrl());
      }
      try {
        return URI.create(server.baseUrl()).toURL();
      } catch (MalformedURLException e) {
        throw new IllegalStateException(e);
      }
    }
    if (type == LocalHttpServer.class) {
      return server;
    }
    if (OkHttpTypes.isClient(type)) {
      return server.client();
    }
    if (type == HttpClient.class) {
      return server.httpClient();
    }
    if (type == WireMock.class) {
      return server.wireMock();
    }
    return server.runtimeInfo();
  }
}

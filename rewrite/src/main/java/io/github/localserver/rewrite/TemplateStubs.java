package io.github.localserver.rewrite;

import org.openrewrite.java.JavaParser;

/**
 * How it works: the code this recipe writes names LocalServer types that are not yet on the
 * migrated project's classpath, and WireMock types the recipe's own classpath does not carry. Its
 * templates are therefore parsed against these minimal declarations: the right fully qualified
 * names and signatures, so the inserted trees get real types, and nothing else.
 */
final class TemplateStubs {

  private static final String[] SOURCES = {
    """
    package io.github.localserver;
    import java.lang.annotation.*;
    @Retention(RetentionPolicy.RUNTIME)
    public @interface LocalServer {
      String name() default "";
      String host() default "127.0.0.1";
      int port() default 0;
      boolean https() default false;
      String mappings() default "";
      boolean failOnUnmatched() default true;
      boolean staticDsl() default false;
    }
    """,
    """
    package io.github.localserver;
    import com.github.tomakehurst.wiremock.client.CountMatchingStrategy;
    import com.github.tomakehurst.wiremock.client.MappingBuilder;
    import com.github.tomakehurst.wiremock.client.WireMock;
    import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
    import com.github.tomakehurst.wiremock.stubbing.StubMapping;
    import com.github.tomakehurst.wiremock.verification.LoggedRequest;
    import java.net.URI;
    import java.util.List;
    public interface LocalHttpServer {
      String name();
      String host();
      int port();
      boolean isHttps();
      String baseUrl();
      URI uri(String path);
      WireMock wireMock();
      StubMapping stubFor(MappingBuilder stub);
      void verify(RequestPatternBuilder pattern);
      void verify(int count, RequestPatternBuilder pattern);
      List<LoggedRequest> requests();
      List<LoggedRequest> unmatchedRequests();
      void reset();
    }
    """,
    """
    package io.github.localserver;
    import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
    public abstract class LocalServerExtension implements LocalHttpServer {
      public static Builder builder() { return null; }
      public static final class Builder {
        public Builder name(String name) { return this; }
        public Builder host(String host) { return this; }
        public Builder port(int port) { return this; }
        public Builder https(boolean https) { return this; }
        public Builder mappings(String mappings) { return this; }
        public Builder failOnUnmatched(boolean failOnUnmatched) { return this; }
        public Builder staticDsl(boolean staticDsl) { return this; }
        public Builder options(WireMockConfiguration options) { return this; }
        public LocalServerExtension build() { return null; }
      }
    }
    """,
    """
    package com.github.tomakehurst.wiremock.core;
    public class WireMockConfiguration {}
    """,
    """
    package com.github.tomakehurst.wiremock.client;
    public interface MappingBuilder {}
    """,
    """
    package com.github.tomakehurst.wiremock.client;
    public class CountMatchingStrategy {}
    """,
    """
    package com.github.tomakehurst.wiremock.matching;
    public class RequestPatternBuilder {}
    """,
    """
    package com.github.tomakehurst.wiremock.stubbing;
    public class StubMapping {}
    """,
    """
    package com.github.tomakehurst.wiremock.stubbing;
    public class ServeEvent {}
    """,
    """
    package com.github.tomakehurst.wiremock.verification;
    public class LoggedRequest {}
    """,
    """
    package com.github.tomakehurst.wiremock.verification;
    public class NearMiss {}
    """,
    """
    package com.github.tomakehurst.wiremock.admin.model;
    import com.github.tomakehurst.wiremock.stubbing.StubMapping;
    import java.util.List;
    public class ListStubMappingsResult {
      public List<StubMapping> getMappings() { return null; }
    }
    """,
    """
    package com.github.tomakehurst.wiremock.client;
    import com.github.tomakehurst.wiremock.admin.model.ListStubMappingsResult;
    import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
    import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
    import com.github.tomakehurst.wiremock.stubbing.StubMapping;
    import com.github.tomakehurst.wiremock.verification.LoggedRequest;
    import com.github.tomakehurst.wiremock.verification.NearMiss;
    import java.util.List;
    import java.util.UUID;
    public class WireMock {
      public void resetMappings() {}
      public void resetRequests() {}
      public void resetScenarios() {}
      public void resetToDefaultMappings() {}
      public void resetScenarioState(String name) {}
      public void setSingleScenarioState(String name, String state) {}
      public void editStubMapping(MappingBuilder b) {}
      public void removeStubMapping(MappingBuilder b) {}
      public void removeStubMapping(StubMapping s) {}
      public void removeStubMapping(UUID id) {}
      public ListStubMappingsResult allStubMappings() { return null; }
      public void verifyThat(CountMatchingStrategy s, RequestPatternBuilder p) {}
      public List<LoggedRequest> find(RequestPatternBuilder p) { return null; }
      public List<ServeEvent> getServeEvents() { return null; }
      public void setGlobalFixedDelayVariable(int ms) {}
      public List<LoggedRequest> findAllUnmatchedRequests() { return null; }
      public List<NearMiss> findNearMissesForAllUnmatchedRequests() { return null; }
      public List<NearMiss> findAllNearMissesFor(RequestPatternBuilder p) { return null; }
    }
    """,
  };

  private TemplateStubs() {}

  static JavaParser.Builder<?, ?> parser() {
    return JavaParser.fromJavaVersion().dependsOn(SOURCES);
  }
}

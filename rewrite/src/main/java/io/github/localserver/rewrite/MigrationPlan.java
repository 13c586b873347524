package io.github.localserver.rewrite;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.openrewrite.Cursor;
import org.openrewrite.java.JavaIsoVisitor;
import org.openrewrite.java.tree.Expression;
import org.openrewrite.java.tree.J;
import org.openrewrite.java.tree.JavaType;
import org.openrewrite.java.tree.TypeUtils;

/**
 * What one source file's migration will do, decided before anything is changed: for each
 * {@code @WireMockTest} and each {@code WireMockExtension} field, the LocalServer declaration that
 * keeps WireMock's behaviour; or, for a file using a shape that LocalServer cannot reproduce
 * faithfully, the reason it is left as it is ({@link #refusal()}).
 */
final class MigrationPlan {

  static final String JUNIT5 = "com.github.tomakehurst.wiremock.junit5.";
  static final String WIREMOCK_TEST = JUNIT5 + "WireMockTest";
  static final String EXTENSION = JUNIT5 + "WireMockExtension";
  static final String RUNTIME_INFO = JUNIT5 + "WireMockRuntimeInfo";
  static final String DSL_WRAPPER = "com.github.tomakehurst.wiremock.junit.DslWrapper";
  static final String CONFIGURATION = "com.github.tomakehurst.wiremock.core.WireMockConfiguration";
  static final String REGISTER_EXTENSION = "org.junit.jupiter.api.extension.RegisterExtension";
  static final String WIREMOCK_CLIENT = "com.github.tomakehurst.wiremock.client.WireMock";
  static final String WIREMOCK_SERVER = "com.github.tomakehurst.wiremock.WireMockServer";
  static final String TEST_INSTANCE = "org.junit.jupiter.api.TestInstance";

  private static final String TEST_RESOURCES = "src/test/resources";

  /** WireMock option methods that set up TLS or HTTP/2, which LocalServer owns. */
  private static final Set<String> UNSUPPORTED_NETWORK_OPTIONS =
      Set.of(
          "keystorePath",
          "keystorePassword",
          "keystoreType",
          "keyManagerPassword",
          "trustStorePath",
          "trustStorePassword",
          "trustStoreType",
          "needClientAuth",
          "http2PlainDisabled",
          "http2TlsDisabled",
          "fileSource",
          "httpServerFactory");

  /** {@code WireMockRuntimeInfo} methods whose HTTPS answers LocalServer's HTTP server cannot give. */
  private static final Set<String> HTTPS_RUNTIME_INFO =
      Set.of("getHttpsPort", "getHttpsBaseUrl", "isHttpsEnabled");

  /** The LocalServer declaration replacing one {@code @WireMockTest}. */
  static final class AnnotationPlan {
    @Nullable Expression port;
    boolean staticDsl;
  }

  /** The LocalServer declaration replacing one {@code WireMockExtension} field's builder chain. */
  static final class FieldPlan {
    final String field;
    @Nullable String name;
    @Nullable Expression options;
    @Nullable Expression port;
    @Nullable String host;
    boolean https;
    String mappings = "/";
    boolean staticDsl;
    boolean failOnUnmatched;

    FieldPlan(String field) {
      this.field = field;
    }
  }

  private final Map<UUID, AnnotationPlan> annotations = new HashMap<>();
  private final Map<UUID, FieldPlan> builds = new HashMap<>();
  private final Map<String, FieldPlan> fields = new HashMap<>();
  private @Nullable String refusal;

  private MigrationPlan() {}

  /** Plans the migration of one compilation unit. */
  static MigrationPlan of(J.CompilationUnit cu) {
    MigrationPlan plan = new MigrationPlan();
    new Analyzer().visit(cu, plan);
    return plan;
  }

  /** Why this file stays on WireMock, or {@code null} when it can be migrated. */
  @Nullable String refusal() {
    return refusal;
  }

  @Nullable AnnotationPlan annotation(UUID id) {
    return annotations.get(id);
  }

  /** The plan for a {@code WireMockExtension.Builder.build()} call that initializes a field. */
  @Nullable FieldPlan build(UUID id) {
    return builds.get(id);
  }

  /** The plan for the field a {@code WireMockExtension} receiver names. */
  @Nullable FieldPlan field(Expression receiver) {
    if (receiver instanceof J.Identifier id) {
      return fields.get(id.getSimpleName());
    }
    if (receiver instanceof J.FieldAccess fa) {
      return fields.get(fa.getSimpleName());
    }
    return null;
  }

  private void refuse(String reason) {
    if (refusal == null) {
      refusal = reason;
    }
  }

  static boolean isExtension(@Nullable JavaType type) {
    return TypeUtils.isOfClassType(type, EXTENSION);
  }

  private static final class Analyzer extends JavaIsoVisitor<MigrationPlan> {

    @Override
    public J.ClassDeclaration visitClassDeclaration(J.ClassDeclaration cd, MigrationPlan plan) {
      if (cd.getExtends() != null
          && TypeUtils.isAssignableTo(EXTENSION, cd.getExtends().getType())) {
        plan.refuse("a subclass of WireMockExtension");
      }
      J.ClassDeclaration c = super.visitClassDeclaration(cd, plan);
      AnnotationPlan annotation = null;
      for (J.Annotation a : cd.getLeadingAnnotations()) {
        if (TypeUtils.isOfClassType(a.getType(), WIREMOCK_TEST)) {
          annotation = plan.annotations.get(a.getId());
        }
      }
      List<FieldPlan> declared = new ArrayList<>();
      for (var statement : cd.getBody().getStatements()) {
        if (statement instanceof J.VariableDeclarations vd && isExtension(vd.getType())) {
          FieldPlan field = plan.fields.get(vd.getVariables().get(0).getSimpleName());
          if (field != null) {
            declared.add(field);
          }
        }
      }
      boolean instancePerClass =
          cd.getLeadingAnnotations().stream()
              .filter(a -> TypeUtils.isOfClassType(a.getType(), TEST_INSTANCE))
              .anyMatch(a -> a.printTrimmed(getCursor()).contains("PER_CLASS"));
      if (instancePerClass
          && cd.getBody().getStatements().stream()
              .anyMatch(
                  st ->
                      st instanceof J.VariableDeclarations vd
                          && isExtension(vd.getType())
                          && !vd.hasModifier(J.Modifier.Type.Static))) {
        // WireMock then keeps one server for the class; LocalServer gives an instance field one per test.
        plan.refuse("an instance WireMockExtension field under @TestInstance(PER_CLASS)");
      }
      int servers = declared.size() + (annotation == null ? 0 : 1);
      if (servers > 1) {
        // LocalServer names servers uniquely per class: the field's name is the natural one.
        declared.forEach(f -> f.name = f.field);
      }
      long dslFields = declared.stream().filter(f -> f.staticDsl).count();
      if (annotation != null && !declared.isEmpty()) {
        if (dslFields > 0) {
          plan.refuse("@WireMockTest and configureStaticDsl(true) on a field both claim the static DSL");
        }
        // WireMock's static DSL points at the @WireMockTest server; say so, as two servers are in scope.
        annotation.staticDsl = true;
      }
      if (dslFields > 1) {
        plan.refuse("several fields with configureStaticDsl(true)");
      }
      return c;
    }

    @Override
    public J.Annotation visitAnnotation(J.Annotation a, MigrationPlan plan) {
      if (!TypeUtils.isOfClassType(a.getType(), WIREMOCK_TEST)) {
        return super.visitAnnotation(a, plan);
      }
      AnnotationPlan annotation = new AnnotationPlan();
      if (a.getArguments() != null) {
        for (Expression argument : a.getArguments()) {
          if (argument instanceof J.Empty) {
            continue;
          }
          if (!(argument instanceof J.Assignment assignment)
              || !(assignment.getVariable() instanceof J.Identifier attribute)) {
            plan.refuse("@WireMockTest with an unnamed attribute");
            continue;
          }
          Expression value = assignment.getAssignment();
          switch (attribute.getSimpleName()) {
            case "httpPort" -> annotation.port = value;
            case "httpsPort" -> {
              // Only read with httpsEnabled; LocalServer's server stays on HTTP (see httpsEnabled).
            }
            case "httpsEnabled" -> {
              // WireMock then serves HTTP and HTTPS. The HTTP side is kept; a test reading the HTTPS
              // side is refused below (HTTPS_RUNTIME_INFO).
              if (booleanLiteral(value) == null) {
                plan.refuse("@WireMockTest(httpsEnabled) not a literal");
              }
            }
            case "proxyMode", "extensionScanningEnabled" -> {
              if (!Boolean.FALSE.equals(booleanLiteral(value))) {
                plan.refuse("@WireMockTest(" + attribute.getSimpleName() + " = ...)");
              }
            }
            default -> plan.refuse("@WireMockTest(" + attribute.getSimpleName() + ")");
          }
        }
      }
      plan.annotations.put(a.getId(), annotation);
      return a;
    }

    @Override
    public J.VariableDeclarations visitVariableDeclarations(
        J.VariableDeclarations vd, MigrationPlan plan) {
      if (!isExtension(vd.getType())) {
        return super.visitVariableDeclarations(vd, plan);
      }
      Cursor parent = getCursor().getParentTreeCursor();
      boolean isField =
          parent.getValue() instanceof J.Block
              && parent.getParentTreeCursor().getValue() instanceof J.ClassDeclaration;
      boolean registered =
          vd.getLeadingAnnotations().stream()
              .anyMatch(a -> TypeUtils.isOfClassType(a.getType(), REGISTER_EXTENSION));
      if (!isField || !registered || vd.getVariables().size() != 1) {
        plan.refuse("a WireMockExtension that is not one @RegisterExtension field");
        return vd;
      }
      J.VariableDeclarations.NamedVariable variable = vd.getVariables().get(0);
      FieldPlan field = new FieldPlan(variable.getSimpleName());
      if (!(variable.getInitializer() instanceof J.MethodInvocation build)
          || !"build".equals(build.getSimpleName())
          || !readBuilder(build.getSelect(), field, plan)) {
        plan.refuse("a WireMockExtension field not initialized by a WireMockExtension builder chain");
        return vd;
      }
      plan.builds.put(build.getId(), field);
      plan.fields.put(field.field, field);
      return super.visitVariableDeclarations(vd, plan);
    }

    @Override
    public J.MethodInvocation visitMethodInvocation(J.MethodInvocation m, MigrationPlan plan) {
      JavaType.Method method = m.getMethodType();
      if (method != null
          && TypeUtils.isOfClassType(method.getDeclaringType(), WIREMOCK_CLIENT)
          && m.getSimpleName().equals("configureFor")) {
        plan.refuse("WireMock.configureFor(...): the static DSL would leave LocalServer's server");
      }
      if (method != null
          && TypeUtils.isOfClassType(method.getDeclaringType(), RUNTIME_INFO)
          && HTTPS_RUNTIME_INFO.contains(m.getSimpleName())) {
        plan.refuse("WireMockRuntimeInfo." + m.getSimpleName() + "(): LocalServer serves one scheme");
      }
      for (Expression argument : m.getArguments()) {
        if (isExtension(argument.getType())) {
          plan.refuse("a WireMockExtension passed to a method");
        }
      }
      return super.visitMethodInvocation(m, plan);
    }

    /**
     * LocalServer protects the admin API with a per-server secret that only its own handles carry:
     * a WireMock client built from the port, or a raw admin request, would get 401.
     */
    @Override
    public J.NewClass visitNewClass(J.NewClass n, MigrationPlan plan) {
      if (TypeUtils.isOfClassType(n.getType(), WIREMOCK_CLIENT)) {
        plan.refuse("a WireMock client built by the test: LocalServer's admin API needs its secret");
      }
      if (TypeUtils.isOfClassType(n.getType(), WIREMOCK_SERVER)) {
        // Its own server beside the extension's: the static DSL may be meant for it.
        plan.refuse("a WireMockServer started by the test");
      }
      return super.visitNewClass(n, plan);
    }

    @Override
    public J.FieldAccess visitFieldAccess(J.FieldAccess fa, MigrationPlan plan) {
      if (fa.getSimpleName().equals("class") && isExtension(fa.getTarget().getType())) {
        // @ExtendWith(WireMockExtension.class): LocalServer's extension needs a declaration.
        plan.refuse("WireMockExtension.class");
      }
      return super.visitFieldAccess(fa, plan);
    }

    @Override
    public J.Literal visitLiteral(J.Literal literal, MigrationPlan plan) {
      if (literal.getValue() instanceof String s && s.contains("__admin")) {
        plan.refuse("a raw admin API request: LocalServer's admin API needs its secret");
      }
      return super.visitLiteral(literal, plan);
    }

    @Override
    public J.Assignment visitAssignment(J.Assignment assignment, MigrationPlan plan) {
      if (isExtension(assignment.getVariable().getType())) {
        plan.refuse("an assignment to a WireMockExtension");
      }
      return super.visitAssignment(assignment, plan);
    }

    @Override
    public J.Return visitReturn(J.Return r, MigrationPlan plan) {
      if (r.getExpression() != null && isExtension(r.getExpression().getType())) {
        plan.refuse("a WireMockExtension returned from a method");
      }
      return super.visitReturn(r, plan);
    }

    /** Reads {@code WireMockExtension.newInstance()...} up to (not including) {@code build()}. */
    private static boolean readBuilder(@Nullable Expression e, FieldPlan field, MigrationPlan plan) {
      if (!(e instanceof J.MethodInvocation m)) {
        return false;
      }
      String name = m.getSimpleName();
      if ((name.equals("newInstance") || name.equals("extensionOptions"))
          && m.getArguments().stream().allMatch(J.Empty.class::isInstance)) {
        return m.getMethodType() != null
            && TypeUtils.isOfClassType(m.getMethodType().getDeclaringType(), EXTENSION);
      }
      if (m.getArguments().size() != 1) {
        return false;
      }
      Expression argument = m.getArguments().get(0);
      switch (name) {
        case "options" -> {
          if (!readOptions(argument, field, plan)) {
            return false;
          }
        }
        case "configureStaticDsl" -> {
          Boolean value = booleanLiteral(argument);
          if (value == null) {
            return false;
          }
          field.staticDsl = value;
        }
        case "failOnUnmatchedRequests" -> {
          Boolean value = booleanLiteral(argument);
          if (value == null) {
            return false;
          }
          field.failOnUnmatched = value;
        }
        case "resetOnEachTest" -> {
          // LocalServer resets before each test, as WireMock does by default.
          if (!Boolean.TRUE.equals(booleanLiteral(argument))) {
            plan.refuse("resetOnEachTest(false)");
          }
        }
        case "proxyMode" -> {
          if (!Boolean.FALSE.equals(booleanLiteral(argument))) {
            plan.refuse("proxyMode(true)");
          }
        }
        default -> {
          return false;
        }
      }
      return readBuilder(m.getSelect(), field, plan);
    }

    /**
     * Reads an inline {@code wireMockConfig()...} chain: the network settings become LocalServer
     * attributes, the rest is kept for {@code options(...)}.
     */
    private static boolean readOptions(Expression argument, FieldPlan field, MigrationPlan plan) {
      NetworkSettings network = new NetworkSettings();
      Expression kept = strip(argument, network, field, plan);
      if (kept == null) {
        plan.refuse("options(...) that is not an inline wireMockConfig() chain");
        return true;
      }
      if (network.https) {
        if (!network.httpDisabled) {
          plan.refuse("HTTP and HTTPS on one WireMock server");
        }
        field.https = true;
        field.port = network.httpsPort;
      } else if (network.httpDisabled) {
        plan.refuse("httpDisabled(true) without HTTPS");
      } else {
        field.port = network.httpPort;
      }
      field.options = isRoot(kept) ? null : kept;
      return true;
    }

    private static final class NetworkSettings {
      @Nullable Expression httpPort;
      @Nullable Expression httpsPort;
      boolean https;
      boolean httpDisabled;
    }

    private static @Nullable Expression strip(
        Expression e, NetworkSettings network, FieldPlan field, MigrationPlan plan) {
      if (isRoot(e)) {
        return e;
      }
      if (!(e instanceof J.MethodInvocation m)
          || m.getSelect() == null
          || m.getMethodType() == null
          || !TypeUtils.isOfClassType(m.getMethodType().getDeclaringType(), CONFIGURATION)) {
        return null;
      }
      Expression select = strip(m.getSelect(), network, field, plan);
      if (select == null) {
        return null;
      }
      String name = m.getSimpleName();
      Expression argument = m.getArguments().get(0);
      switch (name) {
        case "dynamicPort":
          return select;
        case "port":
          network.httpPort = argument;
          return select;
        case "dynamicHttpsPort":
          network.https = true;
          return select;
        case "httpsPort":
          network.https = true;
          network.httpsPort = argument;
          return select;
        case "httpDisabled":
          Boolean disabled = booleanLiteral(argument);
          if (disabled == null) {
            plan.refuse("httpDisabled(...) not a literal");
          } else {
            network.httpDisabled = disabled;
          }
          return select;
        case "bindAddress":
          String address = stringLiteral(argument);
          if ("localhost".equals(address) || "::1".equals(address)) {
            field.host = address;
          } else if (address == null || !address.startsWith("127.")) {
            plan.refuse("bindAddress(" + address + "): LocalServer binds loopback only");
          } else if (!address.equals("127.0.0.1")) {
            field.host = address;
          }
          return select;
        case "usingFilesUnderClasspath":
          String root = stringLiteral(argument);
          if (root == null) {
            plan.refuse("usingFilesUnderClasspath(...) not a literal");
          } else {
            field.mappings = root.isEmpty() ? "/" : root;
          }
          return select;
        case "usingFilesUnderDirectory":
        case "withRootDirectory":
          String directory = classpathFolder(stringLiteral(argument));
          if (directory == null) {
            plan.refuse(name + "(...) outside " + TEST_RESOURCES);
          } else {
            field.mappings = directory;
          }
          return select;
        default:
          if (UNSUPPORTED_NETWORK_OPTIONS.contains(name)) {
            plan.refuse(name + "(...): LocalServer owns the server's TLS and files");
          }
          return m.withSelect(select);
      }
    }

    private static boolean isRoot(Expression e) {
      if (e instanceof J.MethodInvocation m) {
        return (m.getSimpleName().equals("wireMockConfig") || m.getSimpleName().equals("options"))
            && m.getArguments().stream().allMatch(J.Empty.class::isInstance)
            && m.getMethodType() != null
            && m.getMethodType().hasFlags(org.openrewrite.java.tree.Flag.Static)
            && TypeUtils.isOfClassType(m.getMethodType().getDeclaringType(), CONFIGURATION);
      }
      return e instanceof J.NewClass n
          && TypeUtils.isOfClassType(n.getType(), CONFIGURATION)
          && n.getArguments().stream().allMatch(J.Empty.class::isInstance);
    }

    /** {@code src/test/resources/x} as the classpath folder {@code x}; anything else, null. */
    private static @Nullable String classpathFolder(@Nullable String directory) {
      if (directory == null) {
        return null;
      }
      String d = directory.replace('\\', '/');
      while (d.startsWith("./")) {
        d = d.substring(2);
      }
      while (d.endsWith("/")) {
        d = d.substring(0, d.length() - 1);
      }
      if (d.equals(TEST_RESOURCES)) {
        return "/";
      }
      return d.startsWith(TEST_RESOURCES + "/") ? d.substring(TEST_RESOURCES.length() + 1) : null;
    }
  }

  static @Nullable Boolean booleanLiteral(Expression e) {
    return e instanceof J.Literal l && l.getValue() instanceof Boolean b ? b : null;
  }

  static @Nullable String stringLiteral(Expression e) {
    return e instanceof J.Literal l && l.getValue() instanceof String s ? s : null;
  }
}

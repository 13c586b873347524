package io.github.localserver.rewrite;

import static io.github.localserver.rewrite.MigrationPlan.CONFIGURATION;
import static io.github.localserver.rewrite.MigrationPlan.DSL_WRAPPER;
import static io.github.localserver.rewrite.MigrationPlan.EXTENSION;
import static io.github.localserver.rewrite.MigrationPlan.JUNIT5;
import static io.github.localserver.rewrite.MigrationPlan.RUNTIME_INFO;
import static io.github.localserver.rewrite.MigrationPlan.WIREMOCK_TEST;

import io.github.localserver.rewrite.MigrationPlan.AnnotationPlan;
import io.github.localserver.rewrite.MigrationPlan.FieldPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.openrewrite.ExecutionContext;
import org.openrewrite.Preconditions;
import org.openrewrite.Recipe;
import org.openrewrite.TreeVisitor;
import org.openrewrite.java.ChangeType;
import org.openrewrite.java.JavaIsoVisitor;
import org.openrewrite.java.JavaTemplate;
import org.openrewrite.java.search.UsesType;
import org.openrewrite.java.tree.Expression;
import org.openrewrite.java.tree.J;
import org.openrewrite.java.tree.JRightPadded;
import org.openrewrite.java.tree.JavaType;
import org.openrewrite.java.tree.Space;
import org.openrewrite.java.tree.TypeUtils;

/**
 * Rewrites {@code @WireMockTest} and {@code @RegisterExtension WireMockExtension} fields, their
 * builder chains and the calls made on them, to LocalServer, keeping WireMock's behaviour where
 * LocalServer's defaults differ (unmatched requests answer 404 without failing the test; stub
 * files are read from {@code src/test/resources}).
 *
 * <p>A source file is migrated whole or not at all: when it uses a shape LocalServer cannot
 * reproduce (see {@link MigrationPlan}), or when a call on a {@code WireMockExtension} has no exact
 * LocalServer equivalent, the file is left on WireMock, which stays on the classpath.
 */
public final class MigrateWireMockJUnit5 extends Recipe {

  static final String LOCAL_SERVER = "io.github.localserver.LocalServer";
  static final String LOCAL_SERVER_EXTENSION = "io.github.localserver.LocalServerExtension";

  private static final String RECEIVER = "#{any(" + LOCAL_SERVER_EXTENSION + ")}";
  private static final String MAPPING_BUILDER = "com.github.tomakehurst.wiremock.client.MappingBuilder";
  private static final String PATTERN = "com.github.tomakehurst.wiremock.matching.RequestPatternBuilder";
  private static final String COUNT = "com.github.tomakehurst.wiremock.client.CountMatchingStrategy";
  private static final String STUB_MAPPING = "com.github.tomakehurst.wiremock.stubbing.StubMapping";

  private final transient FilesLeftOnWireMock leftOnWireMock = new FilesLeftOnWireMock(this);

  @Override
  public String getDisplayName() {
    return "Migrate WireMock's JUnit 5 extension to LocalServer";
  }

  @Override
  public String getDescription() {
    return "Replaces `@WireMockTest` with `@LocalServer` and `WireMockExtension` fields with "
        + "`LocalServerExtension`, rewriting their builder chains and the calls made on them. "
        + "Files using a shape LocalServer cannot reproduce faithfully are left unchanged.";
  }

  @Override
  public TreeVisitor<?, ExecutionContext> getVisitor() {
    return Preconditions.check(
        Preconditions.or(new UsesType<>(WIREMOCK_TEST, false), new UsesType<>(EXTENSION, false)),
        new JavaIsoVisitor<ExecutionContext>() {
          @Override
          public J.CompilationUnit visitCompilationUnit(J.CompilationUnit cu, ExecutionContext ctx) {
            MigrationPlan plan = MigrationPlan.of(cu);
            if (plan.refusal() != null) {
              return leaveOnWireMock(cu, plan.refusal(), ctx);
            }
            J.CompilationUnit migrated = (J.CompilationUnit) new Migrator(plan).visitNonNull(cu, ctx);
            String unmapped = unmappedCalls(migrated);
            if (unmapped != null) {
              return leaveOnWireMock(cu, unmapped, ctx);
            }
            return (J.CompilationUnit)
                new ChangeType(EXTENSION, LOCAL_SERVER_EXTENSION, true)
                    .getVisitor()
                    .visitNonNull(migrated, ctx);
          }
        });
  }

  private J.CompilationUnit leaveOnWireMock(J.CompilationUnit cu, String reason, ExecutionContext ctx) {
    leftOnWireMock.insertRow(ctx, new FilesLeftOnWireMock.Row(cu.getSourcePath().toString(), reason));
    return cu;
  }

  /**
   * What of WireMock's JUnit support, other than the field types (which {@link ChangeType} then
   * changes) and {@code WireMockRuntimeInfo} (which LocalServer injects), is still in use after the
   * rewrite: calls with no LocalServer equivalent. {@code null} when nothing is.
   */
  private static @Nullable String unmappedCalls(J.CompilationUnit cu) {
    Set<String> left = new TreeSet<>();
    for (JavaType.Method method : cu.getTypesInUse().getUsedMethods()) {
      String declaring = method.getDeclaringType().getFullyQualifiedName();
      if ((declaring.startsWith(JUNIT5) && !declaring.equals(RUNTIME_INFO))
          || declaring.equals(DSL_WRAPPER)) {
        left.add(method.getName() + "()");
      }
    }
    for (JavaType type : cu.getTypesInUse().getTypesInUse()) {
      if (type instanceof JavaType.FullyQualified fq) {
        String name = fq.getFullyQualifiedName();
        if (name.equals(WIREMOCK_TEST) || name.startsWith(EXTENSION + "$")) {
          left.add(fq.getClassName());
        }
      }
    }
    return left.isEmpty() ? null : "no exact LocalServer equivalent: " + String.join(", ", left);
  }

  private static JavaTemplate template(String code, String... imports) {
    return JavaTemplate.builder(code).javaParser(TemplateStubs.parser()).imports(imports).build();
  }

  private static final class Migrator extends JavaIsoVisitor<ExecutionContext> {
    private final MigrationPlan plan;

    Migrator(MigrationPlan plan) {
      this.plan = plan;
    }

    @Override
    public J.Annotation visitAnnotation(J.Annotation a, ExecutionContext ctx) {
      AnnotationPlan annotation = plan.annotation(a.getId());
      if (annotation == null) {
        return super.visitAnnotation(a, ctx);
      }
      List<String> attributes = new ArrayList<>();
      List<Object> arguments = new ArrayList<>();
      if (annotation.port != null) {
        // As written (a literal or a constant): a substituted tree would lose the space after '='.
        attributes.add("port = " + annotation.port.printTrimmed(getCursor()));
      }
      attributes.add("failOnUnmatched = false");
      attributes.add("mappings = \"/\"");
      if (annotation.staticDsl) {
        attributes.add("staticDsl = true");
      }
      maybeAddImport(LOCAL_SERVER);
      maybeRemoveImport(WIREMOCK_TEST);
      return template("@LocalServer(" + String.join(", ", attributes) + ")", LOCAL_SERVER)
          .apply(getCursor(), a.getCoordinates().replace(), arguments.toArray());
    }

    @Override
    public J.MethodInvocation visitMethodInvocation(J.MethodInvocation m, ExecutionContext ctx) {
      FieldPlan build = plan.build(m.getId());
      if (build != null) {
        return builder(build);
      }
      J.MethodInvocation runtimeInfo = runtimeInfoCall(m);
      if (runtimeInfo != null) {
        return runtimeInfo;
      }
      J.MethodInvocation visited = super.visitMethodInvocation(m, ctx);
      if (visited.getSelect() != null && MigrationPlan.isExtension(visited.getSelect().getType())) {
        FieldPlan field = plan.field(visited.getSelect());
        String replacement = field == null ? null : replacement(visited, field);
        if (replacement != null) {
          List<Object> arguments = new ArrayList<>();
          arguments.add(visited.getSelect());
          visited.getArguments().stream()
              .filter(argument -> !(argument instanceof J.Empty))
              .forEach(arguments::add);
          J.MethodInvocation rewritten =
              template(RECEIVER + replacement)
                  .apply(getCursor(), visited.getCoordinates().replace(), arguments.toArray());
          // Keep the call's own indentation, which the template would reformat.
          return rewritten.withPrefix(visited.getPrefix());
        }
      }
      return visited;
    }

    /** {@code wm.getRuntimeInfo().getHttpPort()} and its like, on an HTTP server. */
    private J.@Nullable MethodInvocation runtimeInfoCall(J.MethodInvocation m) {
      if (!(m.getSelect() instanceof J.MethodInvocation inner)
          || !inner.getSimpleName().equals("getRuntimeInfo")
          || inner.getSelect() == null
          || !MigrationPlan.isExtension(inner.getSelect().getType())
          || m.getMethodType() == null
          || !TypeUtils.isOfClassType(m.getMethodType().getDeclaringType(), RUNTIME_INFO)) {
        return null;
      }
      FieldPlan field = plan.field(inner.getSelect());
      if (field == null) {
        return null;
      }
      String replacement =
          switch (m.getSimpleName()) {
            case "getHttpPort" -> field.https ? null : ".port()";
            case "getHttpBaseUrl" -> field.https ? null : ".baseUrl()";
            case "getWireMock" -> ".wireMock()";
            default -> null;
          };
      if (replacement == null) {
        return null;
      }
      J.MethodInvocation rewritten =
          template(RECEIVER + replacement)
              .apply(getCursor(), m.getCoordinates().replace(), inner.getSelect());
      return rewritten.withPrefix(m.getPrefix());
    }

    /**
     * The LocalServer call equivalent to a {@code WireMockExtension} method, as a template suffix
     * after the receiver; {@code null} when there is none with the same behaviour.
     */
    private static @Nullable String replacement(J.MethodInvocation m, FieldPlan field) {
      List<Expression> args =
          m.getArguments().stream().filter(a -> !(a instanceof J.Empty)).toList();
      String name = m.getSimpleName();
      return switch (name + "/" + args.size()) {
        case "getPort/0" -> field.https ? null : ".port()";
        case "getHttpsPort/0" -> field.https ? ".port()" : null;
        case "baseUrl/0" -> ".baseUrl()";
        case "url/1" -> ".uri(#{any(java.lang.String)}).toString()";
        case "stubFor/1", "givenThat/1" -> ".stubFor(#{any(" + MAPPING_BUILDER + ")})";
        case "verify/1" -> ".verify(#{any(" + PATTERN + ")})";
        case "verify/2" ->
            isType(args.get(0), COUNT)
                ? ".wireMock().verifyThat(#{any(" + COUNT + ")}, #{any(" + PATTERN + ")})"
                : ".verify(#{any(int)}, #{any(" + PATTERN + ")})";
        case "resetAll/0" -> ".reset()";
        case "resetRequests/0" -> ".wireMock().resetRequests()";
        case "resetMappings/0" -> ".wireMock().resetMappings()";
        case "resetScenarios/0" -> ".wireMock().resetScenarios()";
        case "resetScenario/1" -> ".wireMock().resetScenarioState(#{any(java.lang.String)})";
        case "setScenarioState/2" ->
            ".wireMock().setSingleScenarioState(#{any(java.lang.String)}, #{any(java.lang.String)})";
        case "getAllServeEvents/0" -> ".wireMock().getServeEvents()";
        case "findAll/1" -> ".wireMock().find(#{any(" + PATTERN + ")})";
        case "findAllUnmatchedRequests/0" -> ".wireMock().findAllUnmatchedRequests()";
        case "findNearMissesForAllUnmatchedRequests/0" ->
            ".wireMock().findNearMissesForAllUnmatchedRequests()";
        case "findAllNearMissesFor/1" -> ".wireMock().findAllNearMissesFor(#{any(" + PATTERN + ")})";
        case "getStubMappings/0" -> ".wireMock().allStubMappings().getMappings()";
        case "editStub/1" -> ".wireMock().editStubMapping(#{any(" + MAPPING_BUILDER + ")})";
        case "removeStub/1" -> {
          for (String type : List.of(MAPPING_BUILDER, STUB_MAPPING, "java.util.UUID")) {
            if (isType(args.get(0), type)) {
              yield ".wireMock().removeStubMapping(#{any(" + type + ")})";
            }
          }
          yield null;
        }
        case "setGlobalFixedDelay/1" -> ".wireMock().setGlobalFixedDelayVariable(#{any(int)})";
        default -> null;
      };
    }

    private static boolean isType(Expression e, String type) {
      return TypeUtils.isAssignableTo(type, e.getType());
    }

    /** {@code LocalServerExtension.builder()...build()} for one field. */
    private J.MethodInvocation builder(FieldPlan field) {
      StringBuilder code = new StringBuilder("LocalServerExtension.builder()");
      List<Object> arguments = new ArrayList<>();
      if (field.name != null) {
        code.append(".name(\"").append(field.name).append("\")");
      }
      if (field.options != null) {
        code.append(".options(#{any(").append(CONFIGURATION).append(")})");
        arguments.add(field.options);
      }
      if (field.host != null) {
        code.append(".host(\"").append(field.host).append("\")");
      }
      if (field.port != null) {
        code.append(".port(#{any(int)})");
        arguments.add(field.port);
      }
      if (field.https) {
        code.append(".https(true)");
      }
      if (field.staticDsl) {
        code.append(".staticDsl(true)");
      }
      code.append(".failOnUnmatched(").append(field.failOnUnmatched).append(")");
      code.append(".mappings(\"").append(field.mappings.replace("\"", "\\\"")).append("\")");
      code.append(".build()");
      maybeAddImport(LOCAL_SERVER_EXTENSION);
      if (field.options == null) {
        maybeRemoveImport(CONFIGURATION);
        maybeRemoveImport(CONFIGURATION + ".wireMockConfig");
        maybeRemoveImport(CONFIGURATION + ".options");
      }
      J.MethodInvocation original = getCursor().getValue();
      J.MethodInvocation built =
          template(code.toString(), LOCAL_SERVER_EXTENSION)
              .apply(getCursor(), original.getCoordinates().replace(), arguments.toArray());
      return chainedLike(built.withPrefix(original.getPrefix()), original);
    }

    /**
     * Puts each call of the new builder chain on its own line when the original chain had its
     * {@code .build()} on one, with the original's indentation.
     */
    private static J.MethodInvocation chainedLike(J.MethodInvocation built, J.MethodInvocation original) {
      Space beforeDot = original.getPadding().getSelect().getAfter();
      if (!beforeDot.getWhitespace().contains("\n")) {
        return built;
      }
      return breakChain(built, beforeDot);
    }

    private static J.MethodInvocation breakChain(J.MethodInvocation call, Space beforeDot) {
      JRightPadded<Expression> select = call.getPadding().getSelect();
      if (select == null || !(select.getElement() instanceof J.MethodInvocation inner)
          || inner.getSelect() == null) {
        return call; // LocalServerExtension.builder() stays on the declaration's line.
      }
      return call.getPadding()
          .withSelect(select.withElement(breakChain(inner, beforeDot)).withAfter(beforeDot));
    }
  }
}

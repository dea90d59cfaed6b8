package life.suoke.ops.engine.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ProcessInstanceEvent;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * The extension's life cycle, run on sample test classes through the JUnit test kit: what it
 * injects, one engine per class on its own schema, sharing with nested classes, closing after the
 * class, and how fast an engine starts.
 */
class ProcessEngineExtensionTest {

  static final String SAMPLES = "engine-test.run-samples";

  /** What the sample classes saw, by sample name. */
  static final Map<String, List<ProcessEngineContext>> SEEN = new ConcurrentHashMap<>();

  static void saw(String sample, ProcessEngineContext context) {
    SEEN.computeIfAbsent(sample, k -> new ArrayList<>()).add(context);
  }

  @BeforeEach
  void clear() {
    SEEN.clear();
  }

  @AfterEach
  void noEngineLeftOpen() {
    SEEN.values().stream()
        .flatMap(List::stream)
        .forEach(c -> assertThat(c.isClosed()).as("closed after its class: " + c).isTrue());
  }

  static EngineExecutionResults run(Class<?>... classes) {
    System.setProperty(SAMPLES, "true");
    try {
      var request = EngineTestKit.engine("junit-jupiter");
      for (Class<?> c : classes) {
        request.selectors(selectClass(c));
      }
      EngineExecutionResults results = request.execute();
      results.allEvents().failed().stream()
          .forEach(
              e ->
                  e.getPayload(org.junit.platform.engine.TestExecutionResult.class)
                      .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable)
                      .ifPresent(
                          t ->
                              System.out.println(
                                  "sample "
                                      + e.getTestDescriptor().getDisplayName()
                                      + " failed: "
                                      + t)));
      return results;
    } finally {
      System.clearProperty(SAMPLES);
    }
  }

  // ------------------------------------------------------------------------------- injection

  @Test
  void injectsFieldsAndParametersOfOneEnginePerClass() {
    run(InjectionSample.class, SecondSample.class)
        .testEvents()
        .assertStatistics(s -> s.started(3).succeeded(3));

    List<ProcessEngineContext> first = SEEN.get("injection");
    List<ProcessEngineContext> second = SEEN.get("second");
    assertThat(first).hasSizeGreaterThanOrEqualTo(5).allMatch(c -> c == first.get(0));
    assertThat(second).isNotEmpty().allMatch(c -> c == second.get(0));
    assertThat(first.get(0)).isNotSameAs(second.get(0));
    assertThat(first.get(0).schema())
        .isNotEqualTo(second.get(0).schema())
        .startsWith("pt_injectionsample_");
    assertThat(first.get(0).grpcAddress()).isNotEqualTo(second.get(0).grpcAddress());
  }

  @ProcessEngineTest
  @EnabledIfSystemProperty(named = SAMPLES, matches = "true")
  static class InjectionSample {
    static CamundaClient staticClient;
    static ProcessEngineContext staticContext;
    private CamundaClient client;
    ProcessEngineContext context;

    /** Final: set by the constructor, left alone by field injection. */
    private final ProcessEngineContext fromConstructor;

    InjectionSample(ProcessEngineContext fromConstructor) {
      this.fromConstructor = fromConstructor;
    }

    @BeforeAll
    static void beforeAll(CamundaClient client, ProcessEngineContext context) {
      assertThat(staticClient).isSameAs(client).isSameAs(context.client());
      assertThat(staticContext).isSameAs(context);
      saw("injection", context);
    }

    @Test
    void fieldsConstructorAndParametersShareOneEngine(
        CamundaClient parameterClient, ProcessEngineContext parameterContext) {
      assertThat(client).isSameAs(parameterClient).isSameAs(staticClient);
      assertThat(context).isSameAs(parameterContext).isSameAs(fromConstructor);
      saw("injection", context);
      saw("injection", parameterContext);
      saw("injection", fromConstructor);
      saw("injection", staticContext);
    }

    @Test
    void theClientTalksToTheEngineOverGrpcAndRest() {
      assertThat(context.grpcAddress().toString())
          .isEqualTo("http://127.0.0.1:" + context.engine().grpcPort());
      assertThat(context.restAddress().toString())
          .isEqualTo("http://127.0.0.1:" + context.engine().restPort());
      assertThat(client.getConfiguration().getGrpcAddress()).isEqualTo(context.grpcAddress());
      assertThat(client.getConfiguration().getRestAddress()).isEqualTo(context.restAddress());
      assertThat(client.newTopologyRequest().useGrpc().send().join().getBrokers()).hasSize(1);
      assertThat(client.newTopologyRequest().useRest().send().join().getBrokers()).hasSize(1);
    }
  }

  @ProcessEngineTest
  @EnabledIfSystemProperty(named = SAMPLES, matches = "true")
  static class SecondSample {
    ProcessEngineContext context;

    @Test
    void hasItsOwnEngineOnDurablePostgres() throws Exception {
      saw("second", context);
      try (Connection c = DriverManager.getConnection(context.jdbcUrl(), "postgres", "postgres");
          Statement s = c.createStatement()) {
        for (String setting : List.of("fsync", "synchronous_commit", "full_page_writes")) {
          try (ResultSet rs = s.executeQuery("SHOW " + setting)) {
            rs.next();
            assertThat(rs.getString(1)).as(setting).isEqualTo("on");
          }
        }
        try (ResultSet rs =
            s.executeQuery("SELECT count(*) FROM \"" + context.schema() + "\".record")) {
          rs.next();
          assertThat(rs.getLong(1)).as("a fresh schema: an empty log").isZero();
        }
      }
    }
  }

  // ------------------------------------------------------------------------------- nested, per
  // class

  @Test
  void nestedClassesShareTheEngineOfTheirOuterClass() {
    run(OuterSample.class).testEvents().assertStatistics(s -> s.started(2).succeeded(2));
    List<ProcessEngineContext> seen = SEEN.get("outer");
    assertThat(seen).hasSize(2).allMatch(c -> c == seen.get(0));
  }

  @ProcessEngineTest
  @EnabledIfSystemProperty(named = SAMPLES, matches = "true")
  static class OuterSample {
    ProcessEngineContext context;

    @Test
    void outer() {
      saw("outer", context);
    }

    @Nested
    class Inner {
      ProcessEngineContext innerContext;

      @Test
      void inner() {
        assertThat(innerContext).isSameAs(context);
        saw("outer", innerContext);
      }
    }
  }

  @Test
  void worksWithATestInstancePerClass() {
    run(PerClassSample.class).testEvents().assertStatistics(s -> s.started(2).succeeded(2));
    assertThat(SEEN.get("per-class")).hasSize(2);
  }

  @ProcessEngineTest
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  @EnabledIfSystemProperty(named = SAMPLES, matches = "true")
  static class PerClassSample {
    CamundaClient client;
    ProcessEngineContext context;
    ProcessInstanceEvent instance;

    @BeforeAll
    void deployAndStart() {
      client
          .newDeployResourceCommand()
          .addProcessModel(Models.serviceTask("per-class", "pc"), "per-class.bpmn")
          .send()
          .join();
      instance =
          client
              .newCreateInstanceCommand()
              .bpmnProcessId("per-class")
              .latestVersion()
              .send()
              .join();
    }

    @Test
    void first() {
      saw("per-class", context);
      ProcessEngineAssertions.assertThat(instance).isActive();
    }

    @Test
    void second() {
      saw("per-class", context);
      ProcessEngineAssertions.assertThat(instance).hasActiveElements("task");
    }
  }

  // ------------------------------------------------------------------------------- configuration

  @Test
  void theAssertionTimeoutIsRestoredAfterTheClass() {
    run(TimeoutSample.class).testEvents().assertStatistics(s -> s.started(1).succeeded(1));
    assertThat(ProcessEngineAssertions.getAssertionTimeout()).isEqualTo(Duration.ofSeconds(10));
  }

  @ProcessEngineTest
  @EnabledIfSystemProperty(named = SAMPLES, matches = "true")
  static class TimeoutSample {
    ProcessEngineContext context;

    @BeforeAll
    static void shorten() {
      ProcessEngineAssertions.setAssertionTimeout(Duration.ofMillis(200));
    }

    @Test
    void shortened() {
      saw("timeout", context);
      assertThat(ProcessEngineAssertions.getAssertionTimeout()).isEqualTo(Duration.ofMillis(200));
    }
  }

  @Test
  void assertionsOutsideAProcessEngineTestSayWhatIsMissing() {
    assertThatThrownBy(() -> ProcessEngineAssertions.assertThatProcessInstance(1L))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("annotate the test class with @ProcessEngineTest");
  }

  @Test
  void clientsOfAClosedContextAreClosed() {
    ProcessEngineContext context = ProcessEngineContext.start("closing");
    CamundaClient extra = context.newClient();
    extra.newTopologyRequest().send().join();
    context.close();
    SEEN.put("closing", List.of(context));
    assertThatThrownBy(() -> extra.newTopologyRequest().send().join())
        .isInstanceOf(Exception.class);
    assertThatThrownBy(() -> context.client().newTopologyRequest().send().join())
        .isInstanceOf(Exception.class);
  }

  // ------------------------------------------------------------------------------- speed

  @Test
  void anEngineStartsWellUnderASecondOnceThePostgresServerRuns() {
    ProcessEngineContext.start("warm-up").close();
    List<Long> millis = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      long began = System.nanoTime();
      ProcessEngineContext context = ProcessEngineContext.start("speed");
      context.client().newTopologyRequest().send().join();
      millis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
      context.close();
    }
    System.out.println("engine start + first client call, ms: " + millis);
    assertThat(millis.stream().mapToLong(Long::longValue).min().orElseThrow()).isLessThan(1000);
  }
}

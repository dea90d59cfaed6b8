package life.suoke.ops.engine.test;

import io.camunda.client.CamundaClient;
import io.camunda.client.CamundaClientBuilder;
import io.camunda.client.api.response.ActivatedJob;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import life.suoke.ops.engine.Engine;
import life.suoke.ops.engine.EngineConfig;
import life.suoke.ops.engine.api.EngineApi;
import life.suoke.ops.engine.log.RecordLog;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One test class's engine: running on a fresh schema of the shared embedded PostgreSQL, with its
 * gateway on a free port, and a Camunda client connected to it. {@link ProcessEngineExtension}
 * creates it before the class's first test and closes it after its last; tests get it injected (a
 * field or parameter of this type).
 */
public final class ProcessEngineContext implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ProcessEngineContext.class);
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(20);

  private final EmbeddedPostgresServer postgres;
  private final String schema;
  private final Engine engine;
  private final RecordStream records;
  private final URI grpcAddress;
  private final URI restAddress;
  private final CamundaClient client;
  private final List<CamundaClient> extraClients = new ArrayList<>();
  private volatile boolean closed;

  private ProcessEngineContext(EmbeddedPostgresServer postgres, String schema, Engine engine) {
    this.postgres = postgres;
    this.schema = schema;
    this.engine = engine;
    this.records = new RecordStream(engine.recordLog());
    this.grpcAddress = URI.create("http://127.0.0.1:" + engine.grpcPort());
    this.restAddress = URI.create("http://127.0.0.1:" + engine.restPort());
    this.client = newClientBuilder().build();
  }

  /**
   * Starts an engine on a fresh schema of the shared embedded PostgreSQL (starting that first if
   * this is the JVM's first engine).
   *
   * @param name names the schema, such as the test class's simple name
   */
  public static ProcessEngineContext start(String name) {
    long began = System.nanoTime();
    EmbeddedPostgresServer postgres = EmbeddedPostgresServer.get();
    String schema = EmbeddedPostgresServer.newSchemaName(name);
    Engine engine = Engine.start(EngineConfig.of(postgres.dataSource()).withSchema(schema));
    ProcessEngineContext context;
    try {
      context = new ProcessEngineContext(postgres, schema, engine);
    } catch (RuntimeException e) {
      engine.close();
      throw e;
    }
    ProcessEngineAssertions.opened(context);
    log.debug(
        "Process test engine for {} ready in {} ms (schema {}, gRPC port {}, REST port {})",
        name,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began),
        schema,
        engine.grpcPort(),
        engine.restPort());
    return context;
  }

  // ------------------------------------------------------------------------------- access

  /** The engine itself. */
  public Engine engine() {
    return engine;
  }

  /** The engine's commands, as its gateways call them. */
  public EngineApi api() {
    return engine.api();
  }

  /** The engine's durable record log. */
  public RecordLog recordLog() {
    return engine.recordLog();
  }

  /** The records of the engine's log, read incrementally; what the assertions check. */
  public RecordStream records() {
    return records;
  }

  /** The client the extension injects; closed with the context. */
  public CamundaClient client() {
    return client;
  }

  /** The address of the engine's gRPC gateway, {@code http://127.0.0.1:port}. */
  public URI grpcAddress() {
    return grpcAddress;
  }

  /**
   * The address of the engine's REST gateway (Camunda 8 REST API, {@code /v2}), {@code
   * http://127.0.0.1:port}.
   */
  public URI restAddress() {
    return restAddress;
  }

  /** The PostgreSQL schema holding this engine's record log. */
  public String schema() {
    return schema;
  }

  /** JDBC URL of the database holding the schema (user {@code postgres}, any password). */
  public String jdbcUrl() {
    return postgres.jdbcUrl();
  }

  /**
   * A client builder configured for this engine: both gateway addresses, gRPC preferred for the
   * commands it carries (REST for those only REST carries, such as user task commands), no
   * environment overrides. Whoever builds from it closes the client.
   */
  public CamundaClientBuilder newClientBuilder() {
    return CamundaClient.newClientBuilder()
        .applyEnvironmentVariableOverrides(false)
        .grpcAddress(grpcAddress)
        .restAddress(restAddress)
        .preferRestOverGrpc(false)
        .defaultRequestTimeout(COMMAND_TIMEOUT);
  }

  /**
   * Another client configured for this engine, closed with the context (for example for a second
   * worker).
   */
  public CamundaClient newClient() {
    CamundaClient extra = newClientBuilder().build();
    synchronized (extraClients) {
      extraClients.add(extra);
    }
    return extra;
  }

  // ------------------------------------------------------------------------------- helpers

  /**
   * Activates one job of the type (waiting up to the assertion timeout for one) and completes it.
   *
   * @return the job as it was activated
   */
  /**
   * Moves the engine clock forward (Camunda Process Test's {@code increaseTime}): the clock is
   * pinned at its current instant plus the duration, and every timer due by then fires, in due
   * order. Tests of SLA deadlines and escalations use this instead of waiting.
   */
  public Instant increaseTime(java.time.Duration duration) {
    long now = engine.api().query(state -> state.clock().getAsLong()).join();
    long pinned = engine.api().pinClock(now + duration.toMillis()).join();
    return Instant.ofEpochMilli(pinned);
  }

  /** Pins the engine clock at an instant (for example the start of a business day). */
  public void pinClock(Instant instant) {
    engine.api().pinClock(instant.toEpochMilli()).join();
  }

  /** The engine clock's current instant. */
  public Instant currentTime() {
    return Instant.ofEpochMilli(engine.api().query(state -> state.clock().getAsLong()).join());
  }

  public ActivatedJob completeJob(String jobType) {
    return completeJob(jobType, Map.of());
  }

  /**
   * Activates one job of the type (waiting up to the assertion timeout for one) and completes it
   * with the variables.
   */
  public ActivatedJob completeJob(String jobType, Map<String, Object> variables) {
    ActivatedJob job = activateJob(jobType);
    client.newCompleteCommand(job.getKey()).variables(variables).send().join();
    return job;
  }

  /** Activates one job of the type, waiting up to the assertion timeout for one. */
  public ActivatedJob activateJob(String jobType) {
    Duration timeout = ProcessEngineAssertions.getAssertionTimeout();
    try {
      return Awaitility.await()
          .pollInSameThread()
          .pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(1))
          .atMost(timeout)
          .until(
              () ->
                  client
                      .newActivateJobsCommand()
                      .jobType(jobType)
                      .maxJobsToActivate(1)
                      .requestTimeout(
                          Duration.ofMillis(Math.max(1, Math.min(500, timeout.toMillis()))))
                      .send()
                      .join()
                      .getJobs(),
              jobs -> !jobs.isEmpty())
          .get(0);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          "No job of type '" + jobType + "' became activatable within " + timeout, e);
    }
  }

  /** Completes the open user task the selector picks (the one created last if several match). */
  public void completeUserTask(UserTaskSelector selector) {
    completeUserTask(selector, Map.of());
  }

  /** Completes the open user task the selector picks, with the variables. */
  public void completeUserTask(UserTaskSelector selector, Map<String, Object> variables) {
    UserTaskSnapshot task = openUserTask(selector);
    join(
        api().completeUserTask(task.userTaskKey(), variables, "complete"),
        "complete user task " + task.userTaskKey());
  }

  /** Assigns the open user task the selector picks. */
  public void assignUserTask(UserTaskSelector selector, String assignee) {
    UserTaskSnapshot task = openUserTask(selector);
    join(
        api().assignUserTask(task.userTaskKey(), assignee, true, "assign"),
        "assign user task " + task.userTaskKey());
  }

  /** The open user task the selector picks, waiting up to the assertion timeout for one. */
  public UserTaskSnapshot openUserTask(UserTaskSelector selector) {
    Duration timeout = ProcessEngineAssertions.getAssertionTimeout();
    try {
      return Awaitility.await()
          .pollInSameThread()
          .pollDelay(Duration.ZERO)
          .pollInterval(ProcessEngineAssertions.getAssertionInterval())
          .atMost(timeout)
          .until(
              () ->
                  records.query(
                      h ->
                          h.userTasks().stream()
                              .filter(
                                  t ->
                                      t.state() == UserTaskSnapshot.State.CREATED
                                          && selector.test(t))
                              .reduce((first, second) -> second)
                              .orElse(null)),
              t -> t != null);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          "No open user task ["
              + selector.describe()
              + "] within "
              + timeout
              + "; "
              + records.query(History::describeUserTasks),
          e);
    }
  }

  private static <T> T join(java.util.concurrent.CompletableFuture<T> future, String what) {
    try {
      return future.get(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | CompletionException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new IllegalStateException("Could not " + what + ": " + cause.getMessage(), cause);
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "Could not " + what + ": no answer within " + COMMAND_TIMEOUT, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while trying to " + what, e);
    }
  }

  // ------------------------------------------------------------------------------- closing

  boolean isClosed() {
    return closed;
  }

  /** Closes the clients and the engine and drops the schema. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    ProcessEngineAssertions.closed(this);
    synchronized (extraClients) {
      extraClients.forEach(ProcessEngineContext::closeQuietly);
      extraClients.clear();
    }
    closeQuietly(client);
    engine.close();
    postgres.dropSchema(schema);
  }

  private static void closeQuietly(CamundaClient c) {
    try {
      c.close();
    } catch (RuntimeException e) {
      log.debug("closing a test client failed", e);
    }
  }

  @Override
  public String toString() {
    return "ProcessEngineContext[schema "
        + schema
        + ", gRPC "
        + grpcAddress
        + ", REST "
        + restAddress
        + "]";
  }
}

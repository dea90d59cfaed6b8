package life.suoke.ops.engine.test;

import io.camunda.client.api.response.ProcessInstanceEvent;
import io.camunda.client.api.response.ProcessInstanceResult;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The entry point of the assertions, in the vocabulary of Camunda Process Test's {@code
 * CamundaAssert}: {@code assertThat(processInstance).isCompleted()}, {@code
 * assertThat(byElementId("review")).isCreated().hasAssignee("demo")}.
 *
 * <p>Assertions read the record log of the engine of the running {@link ProcessEngineTest} and wait
 * until the expected property holds: by default up to {@value #DEFAULT_TIMEOUT_SECONDS} seconds,
 * looking every {@value #DEFAULT_INTERVAL_MILLIS} ms ({@link #setAssertionTimeout}, {@link
 * #setAssertionInterval}; the extension restores the defaults after each test class).
 *
 * <p>When you also import AssertJ's {@code assertThat} statically, {@code assertThat(long)} is
 * ambiguous; use {@link #assertThatProcessInstance(long)} instead.
 */
public final class ProcessEngineAssertions {

  public static final long DEFAULT_TIMEOUT_SECONDS = 10;
  public static final long DEFAULT_INTERVAL_MILLIS = 25;

  private static volatile Duration assertionTimeout = Duration.ofSeconds(DEFAULT_TIMEOUT_SECONDS);
  private static volatile Duration assertionInterval = Duration.ofMillis(DEFAULT_INTERVAL_MILLIS);

  /** The context of the test running on this thread, set by the extension around each test. */
  private static final ThreadLocal<ProcessEngineContext> CURRENT = new ThreadLocal<>();

  /**
   * Every open context; the fallback for threads the extension did not bind (when only one is
   * open).
   */
  private static final Set<ProcessEngineContext> OPEN = ConcurrentHashMap.newKeySet();

  private ProcessEngineAssertions() {}

  // ------------------------------------------------------------------------------- entry points

  /** Assertions about the process instance the create command created. */
  public static ProcessInstanceAssert assertThat(ProcessInstanceEvent processInstance) {
    Objects.requireNonNull(processInstance, "processInstance");
    return assertThatProcessInstance(processInstance.getProcessInstanceKey());
  }

  /** Assertions about the process instance a create-with-result command ran. */
  public static ProcessInstanceAssert assertThat(ProcessInstanceResult processInstance) {
    Objects.requireNonNull(processInstance, "processInstance");
    return assertThatProcessInstance(processInstance.getProcessInstanceKey());
  }

  /** Assertions about the process instance with this key. */
  public static ProcessInstanceAssert assertThat(long processInstanceKey) {
    return assertThatProcessInstance(processInstanceKey);
  }

  /**
   * Assertions about the process instance with this key; no clash with AssertJ's {@code
   * assertThat(long)}.
   */
  public static ProcessInstanceAssert assertThatProcessInstance(long processInstanceKey) {
    return new ProcessInstanceAssert(
        current().records(), processInstanceKey, assertionTimeout, assertionInterval);
  }

  /**
   * Assertions about the user task the selector picks, such as {@code
   * UserTaskSelectors.byElementId("review")}.
   */
  public static UserTaskAssert assertThat(UserTaskSelector userTask) {
    return assertThatUserTask(userTask);
  }

  /** The same as {@link #assertThat(UserTaskSelector)}, under Camunda Process Test's 8.8 name. */
  public static UserTaskAssert assertThatUserTask(UserTaskSelector userTask) {
    return new UserTaskAssert(current().records(), userTask, assertionTimeout, assertionInterval);
  }

  /**
   * Assertions about the last decision evaluation the selector picks, such as {@code
   * DecisionSelectors.byId("incident-priority")} (Camunda Process Test's name).
   */
  public static DecisionInstanceAssert assertThatDecision(DecisionSelector decision) {
    return new DecisionInstanceAssert(
        current().records(), decision, assertionTimeout, assertionInterval);
  }

  // ------------------------------------------------------------------------------- configuration

  /** How long assertions wait for their property, from now on (until the test class ends). */
  public static void setAssertionTimeout(Duration timeout) {
    assertionTimeout = requirePositive(timeout, "assertion timeout");
  }

  /**
   * How often waiting assertions look at the record log, from now on (until the test class ends).
   */
  public static void setAssertionInterval(Duration interval) {
    assertionInterval = requirePositive(interval, "assertion interval");
  }

  public static Duration getAssertionTimeout() {
    return assertionTimeout;
  }

  public static Duration getAssertionInterval() {
    return assertionInterval;
  }

  /** Restores the default timeout and interval. */
  public static void resetConfiguration() {
    assertionTimeout = Duration.ofSeconds(DEFAULT_TIMEOUT_SECONDS);
    assertionInterval = Duration.ofMillis(DEFAULT_INTERVAL_MILLIS);
  }

  static Duration requirePositive(Duration d, String what) {
    Objects.requireNonNull(d, what);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(what + " must be positive: " + d);
    }
    return d;
  }

  // ------------------------------------------------------------------------------- binding

  static void opened(ProcessEngineContext context) {
    OPEN.add(context);
  }

  static void closed(ProcessEngineContext context) {
    OPEN.remove(context);
    if (CURRENT.get() == context) {
      CURRENT.remove();
    }
  }

  static void bind(ProcessEngineContext context) {
    CURRENT.set(context);
  }

  static void unbind() {
    CURRENT.remove();
  }

  private static ProcessEngineContext current() {
    ProcessEngineContext context = CURRENT.get();
    if (context != null && !context.isClosed()) {
      return context;
    }
    if (OPEN.size() == 1) {
      return OPEN.iterator().next();
    }
    throw new IllegalStateException(
        OPEN.isEmpty()
            ? "No process engine is running: annotate the test class with @ProcessEngineTest"
                + " (or extend it with ProcessEngineExtension)."
            : "Several process engines are running and this thread belongs to none of their tests;"
                + " assert from the test's own thread.");
  }
}

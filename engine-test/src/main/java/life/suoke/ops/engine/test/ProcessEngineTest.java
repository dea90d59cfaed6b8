package life.suoke.ops.engine.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the test class against its own embedded engine, without Docker: the engine starts before the
 * class's first test on a fresh schema of an embedded PostgreSQL (one per JVM, started on first
 * use), and stops after the class's last test. Fields and parameters of type {@link
 * io.camunda.client.CamundaClient} and {@link ProcessEngineContext} are injected, and {@link
 * ProcessEngineAssertions} check that engine's record log.
 *
 * <pre>{@code
 * @ProcessEngineTest
 * class OrderProcessTest {
 *   CamundaClient client;
 *
 *   @Test
 *   void completes() {
 *     client.newDeployResourceCommand().addResourceFromClasspath("order.bpmn").send().join();
 *     var instance = client.newCreateInstanceCommand().bpmnProcessId("order").latestVersion().send().join();
 *     ...
 *     ProcessEngineAssertions.assertThat(instance).isCompleted();
 *   }
 * }
 * }</pre>
 *
 * <p>The tests of a class share its engine (as with Camunda Process Test's runtime per class), so
 * select user tasks and jobs by process instance where several tests could have them. Nested test
 * classes share the engine of their outermost class.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(ProcessEngineExtension.class)
public @interface ProcessEngineTest {}

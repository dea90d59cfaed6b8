package life.suoke.ops.backend.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * Workers and the backend's domain code reach the engine only through the Camunda client, so that
 * they run unchanged against a real Zeebe cluster. Only the backend's {@code runtime} package,
 * which starts the embedded engine, may touch the engine's classes.
 */
class ArchitectureTest {

  static final ArchRule ENGINE_ONLY_THROUGH_THE_CLIENT =
      noClasses()
          .that()
          .resideInAnyPackage("life.suoke.ops.workers..", "life.suoke.ops.backend..")
          .and()
          .resideOutsideOfPackage("life.suoke.ops.backend.runtime..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("life.suoke.ops.engine..")
          .because("workers and domain code talk to the engine only through the Camunda client");

  @Test
  void workersAndDomainCodeDoNotUseEngineInternals() {
    JavaClasses classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("life.suoke.ops");
    ENGINE_ONLY_THROUGH_THE_CLIENT.check(classes);
  }

  @Test
  void theRuleCatchesAClassThatReachesIntoTheEngine() {
    JavaClasses offender = new ClassFileImporter().importClasses(LeakyIncidentService.class);
    assertThatThrownBy(() -> ENGINE_ONLY_THROUGH_THE_CLIENT.check(offender))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("LeakyIncidentService")
        .hasMessageContaining("life.suoke.ops.engine");
  }

  /** What the rule forbids: domain code calling the engine's API directly. */
  static final class LeakyIncidentService {
    Object engineApi(life.suoke.ops.engine.Engine engine) {
      return engine.api();
    }
  }
}

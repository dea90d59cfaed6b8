package life.suoke.ops.backend.runtime;

import java.util.List;
import java.util.Locale;
import life.suoke.ops.backend.models.ModelApiValidator;
import life.suoke.ops.backend.models.ModelProblem;
import life.suoke.ops.backend.models.ModelValidator;
import life.suoke.ops.engine.decision.DecisionEvaluator;
import life.suoke.ops.engine.decision.ParsedDrg;
import life.suoke.ops.engine.model.BpmnTransformer;
import life.suoke.ops.engine.model.DeploymentRejectedException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Validation without deployment, with the embedded engine's own deploy-time checks: its BPMN
 * transformer (Zeebe's design-time validators plus what the broker checks at deployment: FEEL
 * expressions that parse, static values, supported elements) and its DMN parser. The engine's
 * deployment runs exactly these, so a file this accepts deploys. Forms as {@link
 * ModelApiValidator}.
 */
@Component
@Order(0)
@ConditionalOnProperty(name = "suoke.engine.mode", havingValue = "embedded", matchIfMissing = true)
class EngineModelValidator implements ModelValidator {

  private final BpmnTransformer transformer = new BpmnTransformer();
  private final DecisionEvaluator decisions = new DecisionEvaluator();
  private final ModelApiValidator forms = new ModelApiValidator();

  @Override
  public List<ModelProblem> validate(String resourceName, byte[] content) {
    String lower = resourceName.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".form")) {
      return forms.validate(resourceName, content);
    }
    if (lower.endsWith(".dmn")) {
      ParsedDrg drg = decisions.parse(content);
      return drg.isValid()
          ? List.of()
          : List.of(new ModelProblem(resourceName, null, drg.failure()));
    }
    try {
      transformer.transform(resourceName, content);
      return List.of();
    } catch (DeploymentRejectedException e) {
      if (e.errors().isEmpty()) {
        return ModelProblem.fromRejection(e.getMessage(), resourceName);
      }
      return e.errors().stream()
          .map(err -> new ModelProblem(resourceName, err.elementId(), err.message()))
          .toList();
    } catch (RuntimeException e) {
      return List.of(new ModelProblem(resourceName, null, String.valueOf(e.getMessage())));
    }
  }
}

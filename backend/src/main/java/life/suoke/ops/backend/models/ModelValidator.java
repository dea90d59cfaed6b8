package life.suoke.ops.backend.models;

import java.util.List;

/**
 * Checks one BPMN, DMN or form file with the rules a deployment applies, without deploying it. The
 * engine offers no dry-run deployment, so the embedded mode checks with the embedded engine's own
 * deploy-time transformer ({@code runtime.EngineModelValidator}), and against a real cluster {@link
 * ModelApiValidator} applies Zeebe's model API validators (the design-time rules; what only the
 * broker checks, e.g. that a FEEL expression parses, is then reported by the deployment itself,
 * with the element, through {@link ModelProblem#fromRejection}).
 */
public interface ModelValidator {

  /** The problems of the file; empty when it would deploy. */
  List<ModelProblem> validate(String resourceName, byte[] content);
}

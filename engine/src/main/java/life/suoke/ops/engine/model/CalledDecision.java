package life.suoke.ops.engine.model;

/**
 * {@code zeebe:calledDecision} of a business rule task: the decision to evaluate (its id, static or
 * FEEL), the variable its result is written to, and which version (binding type {@code latest},
 * {@code deployment} or {@code versionTag} with the tag).
 */
public record CalledDecision(
    Expression decisionId, String resultVariable, String bindingType, String versionTag) {}

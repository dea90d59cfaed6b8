package life.suoke.ops.engine.model;

/**
 * {@code zeebe:calledElement} of a call activity: the process to call (static or FEEL), which
 * version (binding type {@code latest} or {@code deployment}), and how variables flow between the
 * scopes (Zeebe's defaults: all parent variables in, all child variables out).
 */
public record CalledElement(
    Expression processId,
    String bindingType,
    boolean propagateAllChildVariables,
    boolean propagateAllParentVariables) {}

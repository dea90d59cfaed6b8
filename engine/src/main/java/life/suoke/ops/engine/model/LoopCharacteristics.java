package life.suoke.ops.engine.model;

/**
 * The multi-instance marker of an activity ({@code bpmn:multiInstanceLoopCharacteristics} with
 * {@code zeebe:loopCharacteristics}): the collection to iterate over, the local variable each inner
 * instance gets its item in, the collection the results are gathered in and the expression giving
 * each result, and the condition that ends the loop early.
 *
 * @param sequential one inner instance at a time ({@code isSequential="true"}), else all at once
 * @param inputCollection FEEL expression giving a list, evaluated in the body's scope
 * @param inputElement name of the inner instance's local variable holding its item, or null
 * @param outputCollection name of the body's local variable gathering the results, or null
 * @param outputElement expression evaluated in each completed inner instance, or null
 * @param completionCondition FEEL condition evaluated after each inner instance completes, or null
 */
public record LoopCharacteristics(
    boolean sequential,
    Expression inputCollection,
    String inputElement,
    String outputCollection,
    Expression outputElement,
    Expression completionCondition) {}

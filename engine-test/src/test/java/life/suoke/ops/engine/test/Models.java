package life.suoke.ops.engine.test;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;

/** Small processes the kit's tests run. */
final class Models {

  private Models() {}

  /** start -> service task "task" (job type {@code jobType}) -> end. */
  static BpmnModelInstance serviceTask(String processId, String jobType) {
    return Bpmn.createExecutableProcess(processId)
        .startEvent("start")
        .serviceTask("task", t -> t.zeebeJobType(jobType))
        .endEvent("end")
        .done();
  }

  /**
   * Routes on {@code amount}: above 1000 to "approve" (a service task), otherwise to
   * "auto-approve".
   */
  static BpmnModelInstance exclusive(String processId, String jobType) {
    return Bpmn.createExecutableProcess(processId)
        .startEvent("start")
        .exclusiveGateway("amount-check")
        .sequenceFlowId("large")
        .conditionExpression("amount > 1000")
        .serviceTask("approve", t -> t.zeebeJobType(jobType))
        .endEvent("approved")
        .moveToLastExclusiveGateway()
        .defaultFlow()
        .sequenceFlowId("small")
        .manualTask("auto-approve")
        .endEvent("auto-approved")
        .done();
  }

  /**
   * Forks into "a" and "b" (service tasks of job types {@code prefix-a}, {@code prefix-b}), joins,
   * ends.
   */
  static BpmnModelInstance parallel(String processId, String prefix) {
    return Bpmn.createExecutableProcess(processId)
        .startEvent("start")
        .parallelGateway("fork")
        .serviceTask("a", t -> t.zeebeJobType(prefix + "-a"))
        .parallelGateway("join")
        .endEvent("end")
        .moveToNode("fork")
        .serviceTask("b", t -> t.zeebeJobType(prefix + "-b"))
        .connectTo("join")
        .done();
  }

  /**
   * start -> user task "review" (assignee demo, candidate groups ops and admins, priority 70, due
   * 2030-01-01T10:00Z) -> user task "follow-up" (unassigned, no due date) -> end.
   */
  static BpmnModelInstance userTasks(String processId) {
    return Bpmn.createExecutableProcess(processId)
        .startEvent("start")
        .userTask(
            "review",
            t ->
                t.name("Review the change")
                    .zeebeUserTask()
                    .zeebeAssignee("demo")
                    .zeebeCandidateGroups("ops, admins")
                    .zeebeTaskPriority("70")
                    .zeebeDueDate("2030-01-01T10:00:00Z"))
        .userTask("follow-up", t -> t.zeebeUserTask())
        .endEvent("end")
        .done();
  }
}

package life.suoke.ops.bench;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import java.util.List;
import java.util.Map;

/**
 * The two benchmark processes. Every service task has a job type of its own (as real processes
 * do), so the ten-step process has eight job workers.
 *
 * <ul>
 *   <li>{@code one-task}: start, one service task, end (1 job per instance).
 *   <li>{@code ten-step}: start, 3 service tasks in sequence, an exclusive gateway (FEEL condition
 *       {@code amount < 1000}, true for every benchmark instance; its default flow goes to a
 *       "rejected" end event that is never taken), a parallel fork of 2 service tasks, the join,
 *       3 service tasks in sequence, end (8 jobs per instance).
 * </ul>
 *
 * The instance completes in the same engine batch as the completion of its last job (the end
 * event and the process' ELEMENT_COMPLETED are follow-ups of that command), so the acknowledged
 * completion of the last job is the moment the completed instance is durable.
 */
enum BenchProcess {
  ONE_TASK("one-task", "bench-one-task", List.of("task"), "task") {
    @Override
    BpmnModelInstance model() {
      return Bpmn.createExecutableProcess(processId())
          .startEvent("start")
          .serviceTask("task", t -> t.zeebeJobType(jobType("task")))
          .endEvent("end")
          .done();
    }
  },

  TEN_STEP("ten-step", "bench-ten-step", List.of("s1", "s2", "s3", "p1", "p2", "s4", "s5", "s6"), "s6") {
    @Override
    BpmnModelInstance model() {
      return Bpmn.createExecutableProcess(processId())
          .startEvent("start")
          .serviceTask("s1", t -> t.zeebeJobType(jobType("s1")))
          .serviceTask("s2", t -> t.zeebeJobType(jobType("s2")))
          .serviceTask("s3", t -> t.zeebeJobType(jobType("s3")))
          .exclusiveGateway("route")
          .defaultFlow()
          .endEvent("rejected")
          .moveToLastExclusiveGateway()
          .conditionExpression("= amount < 1000")
          .parallelGateway("fork")
          .serviceTask("p1", t -> t.zeebeJobType(jobType("p1")))
          .parallelGateway("join")
          .moveToNode("fork")
          .serviceTask("p2", t -> t.zeebeJobType(jobType("p2")))
          .connectTo("join")
          .serviceTask("s4", t -> t.zeebeJobType(jobType("s4")))
          .serviceTask("s5", t -> t.zeebeJobType(jobType("s5")))
          .serviceTask("s6", t -> t.zeebeJobType(jobType("s6")))
          .endEvent("end")
          .done();
    }
  };

  private final String cliName;
  private final String processId;
  private final List<String> taskIds;
  private final String lastTaskId;

  BenchProcess(String cliName, String processId, List<String> taskIds, String lastTaskId) {
    this.cliName = cliName;
    this.processId = processId;
    this.taskIds = taskIds;
    this.lastTaskId = lastTaskId;
  }

  abstract BpmnModelInstance model();

  String cliName() {
    return cliName;
  }

  String processId() {
    return processId;
  }

  /** The service task ids, in the order an instance reaches them (p1 and p2 run in parallel). */
  List<String> taskIds() {
    return taskIds;
  }

  /** The task whose completion completes the instance. */
  String lastTaskId() {
    return lastTaskId;
  }

  String jobType(String taskId) {
    return processId + "-" + taskId;
  }

  int jobsPerInstance() {
    return taskIds.size();
  }

  /** The variables each instance is created with (the ten-step gateway reads {@code amount}). */
  Map<String, Object> variables() {
    return Map.of("amount", 250);
  }

  static BenchProcess fromCli(String name) {
    for (BenchProcess p : values()) {
      if (p.cliName.equals(name)) {
        return p;
      }
    }
    throw new IllegalArgumentException("unknown process '" + name + "': expected one-task or ten-step");
  }
}

package life.suoke.ops.bench;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The benchmark processes. Every service task has a job type of its own (as real processes do), so
 * the ten-step process has eight job workers.
 *
 * <ul>
 *   <li>{@code one-task}: start, one service task, end (1 job per instance).
 *   <li>{@code ten-step}: start, 3 service tasks in sequence, an exclusive gateway (FEEL condition
 *       {@code amount < 1000}, true for every benchmark instance; its default flow goes to a
 *       "rejected" end event that is never taken), a parallel fork of 2 service tasks, the join, 3
 *       service tasks in sequence, end (8 jobs per instance).
 *   <li>{@code call-chain}: five processes, level 1 calls level 2 ... calls level 5 (call
 *       activities, binding latest, all variables propagated both ways, Zeebe's defaults); level 5
 *       is start, one service task, end (1 job per level-1 instance). The job belongs to the
 *       level-5 instance, so the worker finds its level-1 instance through the variable {@code
 *       benchId} that the level-1 instance was created with and that the call activities pass down.
 *   <li>{@code multi-instance}: start, an embedded subprocess that is a parallel multi-instance
 *       over {@code items} (100 elements; {@code inputElement item}, {@code outputCollection
 *       results}, {@code outputElement =done}), each inner instance one service task, end (100 jobs
 *       per instance; each completion sets {@code done}).
 * </ul>
 *
 * The instance completes in the same engine batch as the completion of its last job (the end event
 * and the process' ELEMENT_COMPLETED are follow-ups of that command; in the call chain, so are the
 * completions of levels 5 to 1), so the acknowledged completion of the last job is the moment the
 * completed instance is durable. With multi-instance, "the last job" is whichever of the 100 is
 * acknowledged last: the instance completes in the batch of the last completion the engine
 * processed, and every acknowledgement comes after its own batch committed.
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

  TEN_STEP(
      "ten-step", "bench-ten-step", List.of("s1", "s2", "s3", "p1", "p2", "s4", "s5", "s6"), "s6") {
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
  },

  CALL_CHAIN("call-chain", "bench-call-chain", List.of("task"), "task") {
    @Override
    BpmnModelInstance model() {
      return models().get(0);
    }

    /** Level 1 first; the deployment holds all five. */
    @Override
    List<BpmnModelInstance> models() {
      List<BpmnModelInstance> models = new ArrayList<>();
      for (int level = 1; level < CHAIN_LEVELS; level++) {
        String callee = chainProcessId(level + 1);
        models.add(
            Bpmn.createExecutableProcess(chainProcessId(level))
                .startEvent("start")
                .callActivity("call", c -> c.zeebeProcessId(callee))
                .endEvent("end")
                .done());
      }
      models.add(
          Bpmn.createExecutableProcess(chainProcessId(CHAIN_LEVELS))
              .startEvent("start")
              .serviceTask("task", t -> t.zeebeJobType(jobType("task")))
              .endEvent("end")
              .done());
      return models;
    }

    @Override
    Map<String, Object> variables(long benchId) {
      return Map.of(TRACKING_VARIABLE, benchId);
    }

    @Override
    String fetchVariable() {
      return TRACKING_VARIABLE;
    }

    @Override
    boolean tracksByVariable() {
      return true;
    }

    @Override
    String describe() {
      return "call chain of "
          + CHAIN_LEVELS
          + " levels ("
          + processId()
          + " → ... → "
          + chainProcessId(CHAIN_LEVELS)
          + ", one service task at the bottom)";
    }
  },

  MULTI_INSTANCE("multi-instance", "bench-multi-instance", List.of("task"), "task") {
    @Override
    BpmnModelInstance model() {
      return Bpmn.createExecutableProcess(processId())
          .startEvent("start")
          .subProcess(
              "each",
              sub ->
                  sub.multiInstance(
                          mi ->
                              mi.parallel()
                                  .zeebeInputCollectionExpression("items")
                                  .zeebeInputElement("item")
                                  .zeebeOutputCollection("results")
                                  .zeebeOutputElementExpression("done"))
                      .embeddedSubProcess()
                      .startEvent("each-start")
                      .serviceTask("task", t -> t.zeebeJobType(jobType("task")))
                      .endEvent("each-end"))
          .endEvent("end")
          .done();
    }

    @Override
    Map<String, Object> variables(long benchId) {
      return Map.of("items", ITEMS);
    }

    @Override
    String fetchVariable() {
      return "item";
    }

    @Override
    Map<String, Object> completionVariables(ActivatedJob job) {
      return DONE;
    }

    @Override
    int completionsPerInstance() {
      return ITEMS.size();
    }

    @Override
    int defaultInFlight() {
      return 8;
    }

    @Override
    double defaultRate() {
      return 2;
    }

    @Override
    String describe() {
      return "parallel multi-instance embedded subprocess over "
          + ITEMS.size()
          + " items, one service task each";
    }
  };

  /** The variable a call-chain instance carries down to its job: the driver's own id for it. */
  static final String TRACKING_VARIABLE = "benchId";

  static final int CHAIN_LEVELS = 5;

  /** The multi-instance input collection: 1..100. */
  static final List<Integer> ITEMS = IntStream.rangeClosed(1, 100).boxed().toList();

  private static final Map<String, Object> DONE = Map.of("done", true);

  static String chainProcessId(int level) {
    return level == 1 ? CALL_CHAIN.processId() : CALL_CHAIN.processId() + "-" + level;
  }

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

  /** Everything one deployment must hold for the process to run (the call chain has five). */
  List<BpmnModelInstance> models() {
    return List.of(model());
  }

  String cliName() {
    return cliName;
  }

  String processId() {
    return processId;
  }

  /**
   * The service task ids, in the order an instance reaches them (p1 and p2 run in parallel); one
   * job type each.
   */
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
    return taskIds.size() - 1 + completionsPerInstance();
  }

  /**
   * The variables each instance is created with (the ten-step gateway reads {@code amount}); {@code
   * benchId} is the driver's own number for the instance.
   */
  Map<String, Object> variables(long benchId) {
    return Map.of("amount", 250);
  }

  /** The one variable the job workers fetch. */
  String fetchVariable() {
    return "amount";
  }

  /**
   * True when a job's instance is found through the variable {@value #TRACKING_VARIABLE} (the
   * driver's number) rather than through the job's process instance key.
   */
  boolean tracksByVariable() {
    return false;
  }

  /** The key the driver knows the instance of a job by. */
  long trackingKey(ActivatedJob job) {
    return tracksByVariable()
        ? ((Number) job.getVariable(TRACKING_VARIABLE)).longValue()
        : job.getProcessInstanceKey();
  }

  /** Variables the worker completes a job with; null for none. */
  Map<String, Object> completionVariables(ActivatedJob job) {
    return null;
  }

  /** Acknowledged completions of the last task's jobs after which an instance is complete. */
  int completionsPerInstance() {
    return 1;
  }

  /** Instances in flight in the closed loop when {@code --in-flight} is not given. */
  int defaultInFlight() {
    return 256;
  }

  /**
   * The moderate fixed rate (instances/s) of the latency phase of the callchain/multiinstance
   * modes.
   */
  double defaultRate() {
    return 50;
  }

  String describe() {
    return cliName;
  }

  static BenchProcess fromCli(String name) {
    for (BenchProcess p : values()) {
      if (p.cliName.equals(name)) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "unknown process '"
            + name
            + "': expected one-task, ten-step, call-chain or multi-instance");
  }
}

package life.suoke.ops.bench.peers;

import java.util.List;
import java.util.Map;

/**
 * The two processes of the bench (module {@code bench}, {@code BenchProcess}) as BPMN files for the
 * peers, one copy per engine under {@code src/main/resources/<engine>/}, because each engine spells
 * an external task in its own namespace. Every service task is an external task whose topic is the
 * task's id, the counterpart of a job type with its own job worker.
 *
 * <ul>
 *   <li>{@code one-task}: start, one task, end (1 task per instance).
 *   <li>{@code ten-step}: start, s1, s2, s3, an exclusive gateway ({@code amount < 1000}, true for
 *       every instance; its default flow goes to the end event {@code rejected}, never taken), a
 *       parallel fork of p1 and p2, the join, s4, s5, s6, end (8 tasks per instance).
 * </ul>
 */
enum PeerProcess {
  ONE_TASK("one-task", "bench-one-task", List.of("task"), "task"),
  TEN_STEP(
      "ten-step", "bench-ten-step", List.of("s1", "s2", "s3", "p1", "p2", "s4", "s5", "s6"), "s6");

  /** The variables every instance is created with; the ten-step gateway reads {@code amount}. */
  static final Map<String, Object> VARIABLES = Map.of("amount", 250);

  private final String cliName;
  private final String key;
  private final List<String> topics;
  private final String lastTask;

  PeerProcess(String cliName, String key, List<String> topics, String lastTask) {
    this.cliName = cliName;
    this.key = key;
    this.topics = topics;
    this.lastTask = lastTask;
  }

  String cliName() {
    return cliName;
  }

  /** The process definition key (the BPMN process id). */
  String key() {
    return key;
  }

  /** One topic per task, named as the task, in the order an instance reaches them. */
  List<String> topics() {
    return topics;
  }

  /** The task whose completion ends the instance. */
  String lastTask() {
    return lastTask;
  }

  int tasksPerInstance() {
    return topics.size();
  }

  /** The classpath resource of the BPMN file for an engine ({@code flowable}, {@code operaton}). */
  String resource(String engineDirectory) {
    return engineDirectory + "/" + key + ".bpmn";
  }

  static PeerProcess byKey(String key) {
    for (PeerProcess p : values()) {
      if (p.key.equals(key)) {
        return p;
      }
    }
    throw new IllegalArgumentException("not a bench process: " + key);
  }

  static PeerProcess fromCli(String name) {
    for (PeerProcess p : values()) {
      if (p.cliName.equals(name)) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "unknown process '" + name + "': expected one-task or ten-step");
  }
}

package life.suoke.ops.bench.peers;

import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * A peer BPMN engine embedded in this JVM, reduced to what the driver needs: deploy, start an
 * instance, fetch-and-lock external tasks and complete them, and read the history back.
 */
interface PeerEngine extends AutoCloseable {

  /** The engines this module knows, by their command-line names. */
  List<String> NAMES = List.of("flowable", "operaton");

  /**
   * Builds the engine on {@code dataSource} (its schema created at start); {@code instanceEnded}
   * receives the id of every process instance whose end is committed.
   */
  static PeerEngine open(String name, DataSource dataSource, Consumer<String> instanceEnded) {
    return switch (name) {
      case "flowable" -> new FlowablePeer(dataSource, instanceEnded);
      case "operaton" -> new OperatonPeer(dataSource, instanceEnded);
      default ->
          throw new IllegalArgumentException(
              "unknown engine '" + name + "': expected one of " + String.join(", ", NAMES));
    };
  }

  /** Name and version, e.g. "Flowable 7.2.0". */
  String name();

  /** How the engine is configured, one line each (history, executors). */
  List<String> configuration();

  void deploy(PeerProcess process);

  /** Starts an instance with {@link PeerProcess#VARIABLES}; returns once its start is committed. */
  String start(PeerProcess process);

  /**
   * Fetches and locks up to {@code max} tasks of {@code topics} for {@code workerId} and completes
   * each, one call (one transaction) per completion. Returns the number completed.
   */
  int fetchAndComplete(String workerId, List<String> topics, int max);

  /**
   * Threads of the engine's own that run commands (each holding a connection while it does), next
   * to the driver's.
   */
  int ownThreads();

  /**
   * Fetches and completions that failed on a concurrent change by another worker
   * (optimistic-locking conflicts, a fetch that raced a completion) and were tried again.
   */
  long conflicts();

  /** Finished instances of the process in the engine's history. */
  long finishedInstances(PeerProcess process);

  /**
   * Completed runs of an activity (task, gateway, event) of the process in the engine's history.
   */
  long activityRuns(PeerProcess process, String activityId);

  @Override
  void close();
}

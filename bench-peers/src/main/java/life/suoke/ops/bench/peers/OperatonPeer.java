package life.suoke.ops.bench.peers;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.operaton.bpm.engine.ExternalTaskService;
import org.operaton.bpm.engine.OptimisticLockingException;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.ProcessEngineConfiguration;
import org.operaton.bpm.engine.externaltask.ExternalTaskQueryBuilder;
import org.operaton.bpm.engine.externaltask.LockedExternalTask;
import org.operaton.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;

/**
 * Operaton, standalone configuration on the given data source, default history level, job executor
 * off (nothing here is asynchronous).
 *
 * <p>{@code complete()} of an external task moves the instance on, in the same transaction, to its
 * next wait state or to its end, so once the completion of an instance's last task returns, the
 * instance's end is committed. One fetch-and-lock takes any number of topics.
 */
final class OperatonPeer implements PeerEngine {

  private static final long LOCK_MILLIS = 5 * 60 * 1000;
  private static final int COMPLETE_ATTEMPTS = 10;

  private final ProcessEngine engine;
  private final ExternalTaskService external;
  private final Consumer<String> instanceEnded;
  private final LongAdder conflicts = new LongAdder();

  OperatonPeer(DataSource dataSource, Consumer<String> instanceEnded) {
    this.instanceEnded = instanceEnded;
    engine =
        ProcessEngineConfiguration.createStandaloneProcessEngineConfiguration()
            .setProcessEngineName("bench-peers-operaton")
            .setDataSource(dataSource)
            .setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE)
            .setJobExecutorActivate(false)
            .buildProcessEngine();
    external = engine.getExternalTaskService();
  }

  @Override
  public String name() {
    return "Operaton " + ProcessEngine.class.getPackage().getImplementationVersion();
  }

  @Override
  public List<String> configuration() {
    ProcessEngineConfigurationImpl c =
        (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    List<String> lines = new ArrayList<>();
    lines.add(
        "standalone configuration, history level "
            + c.getHistoryLevel().getName()
            + " (the default), database schema update "
            + c.getDatabaseSchemaUpdate());
    lines.add(
        "job executor "
            + (c.isJobExecutorActivate() ? "on" : "off")
            + ": completing an external task continues the instance in the same transaction");
    return lines;
  }

  @Override
  public void deploy(PeerProcess process) {
    engine
        .getRepositoryService()
        .createDeployment()
        .name(process.key())
        .addClasspathResource(process.resource("operaton"))
        .deploy();
  }

  @Override
  public String start(PeerProcess process) {
    return engine
        .getRuntimeService()
        .startProcessInstanceByKey(process.key(), PeerProcess.VARIABLES)
        .getId();
  }

  @Override
  public int fetchAndComplete(String workerId, List<String> topics, int max) {
    ExternalTaskQueryBuilder fetch = external.fetchAndLock(max, workerId);
    for (String topic : topics) {
      fetch = fetch.topic(topic, LOCK_MILLIS).variables("amount");
    }
    List<LockedExternalTask> tasks;
    try {
      tasks = fetch.execute();
    } catch (OptimisticLockingException | NullPointerException e) {
      // Another worker completed a selected task, and ended its instance, before this fetch read
      // the task's variables (seen as a NullPointerException inside the fetch): the fetch rolls
      // back, and the tasks it selected are fetched again.
      conflicts.increment();
      return 0;
    }
    for (LockedExternalTask task : tasks) {
      complete(task.getId(), workerId);
      if (task.getActivityId()
          .equals(PeerProcess.byKey(task.getProcessDefinitionKey()).lastTask())) {
        instanceEnded.accept(task.getProcessInstanceId());
      }
    }
    return tasks.size();
  }

  private void complete(String taskId, String workerId) {
    for (int attempt = 1; ; attempt++) {
      try {
        external.complete(taskId, workerId);
        return;
      } catch (OptimisticLockingException e) {
        conflicts.increment(); // p1 and p2 reached the join at once: the task is still ours
        if (attempt == COMPLETE_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  @Override
  public int ownThreads() {
    return 0;
  }

  @Override
  public long conflicts() {
    return conflicts.sum();
  }

  @Override
  public long finishedInstances(PeerProcess process) {
    return engine
        .getHistoryService()
        .createHistoricProcessInstanceQuery()
        .processDefinitionKey(process.key())
        .finished()
        .count();
  }

  @Override
  public long activityRuns(PeerProcess process, String activityId) {
    String definition =
        engine
            .getRepositoryService()
            .createProcessDefinitionQuery()
            .processDefinitionKey(process.key())
            .latestVersion()
            .singleResult()
            .getId();
    return engine
        .getHistoryService()
        .createHistoricActivityInstanceQuery()
        .processDefinitionId(definition)
        .activityId(activityId)
        .finished()
        .count();
  }

  @Override
  public void close() {
    engine.close();
  }
}

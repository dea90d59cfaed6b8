package life.suoke.ops.bench.peers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.flowable.common.engine.api.FlowableOptimisticLockingException;
import org.flowable.common.engine.api.delegate.event.FlowableEngineEvent;
import org.flowable.common.engine.api.delegate.event.FlowableEngineEventType;
import org.flowable.common.engine.api.delegate.event.FlowableEvent;
import org.flowable.common.engine.api.delegate.event.FlowableEventListener;
import org.flowable.common.engine.impl.async.DefaultAsyncTaskExecutor;
import org.flowable.engine.ManagementService;
import org.flowable.engine.ProcessEngine;
import org.flowable.engine.ProcessEngineConfiguration;
import org.flowable.job.api.AcquiredExternalWorkerJob;
import org.flowable.job.service.impl.asyncexecutor.AsyncExecutor;

/**
 * Flowable, standalone configuration on the given data source, default history level.
 *
 * <p>Flowable continues a process after an external worker job's completion in an asynchronous job:
 * {@code complete()} commits the job's completion and a new async job, and the engine's async
 * executor runs that job (handed to it right after the commit, no polling), which moves the
 * instance on to its next wait state or to its end. The async executor is therefore on, with its
 * default settings; it is the only way this kind of task runs. The end of an instance is reported
 * by an engine event listener on {@code PROCESS_COMPLETED} that fires once the transaction that
 * ended the instance has committed.
 *
 * <p>An acquire takes one topic, so a fetch across several topics is one acquire per topic, the
 * topics taken in turn from a rotating start.
 */
final class FlowablePeer implements PeerEngine {

  private static final Duration LOCK = Duration.ofMinutes(5);
  private static final int COMPLETE_ATTEMPTS = 10;

  private final ProcessEngine engine;
  private final ManagementService management;
  private final LongAdder conflicts = new LongAdder();
  private final AtomicInteger rotation = new AtomicInteger();

  FlowablePeer(DataSource dataSource, Consumer<String> instanceEnded) {
    engine =
        ProcessEngineConfiguration.createStandaloneProcessEngineConfiguration()
            .setEngineName("bench-peers-flowable")
            .setDataSource(dataSource)
            .setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE)
            .setAsyncExecutorActivate(true)
            .buildProcessEngine();
    management = engine.getManagementService();
    engine
        .getRuntimeService()
        .addEventListener(
            new EndListener(instanceEnded), FlowableEngineEventType.PROCESS_COMPLETED);
  }

  /** Passes on the id of each instance whose end has committed. */
  private record EndListener(Consumer<String> instanceEnded) implements FlowableEventListener {
    @Override
    public void onEvent(FlowableEvent event) {
      instanceEnded.accept(((FlowableEngineEvent) event).getProcessInstanceId());
    }

    @Override
    public boolean isFailOnException() {
      return false;
    }

    @Override
    public boolean isFireOnTransactionLifecycleEvent() {
      return true;
    }

    @Override
    public String getOnTransaction() {
      return "COMMITTED";
    }
  }

  @Override
  public String name() {
    return "Flowable " + ProcessEngine.class.getPackage().getImplementationVersion();
  }

  @Override
  public List<String> configuration() {
    ProcessEngineConfiguration c = engine.getProcessEngineConfiguration();
    List<String> lines = new ArrayList<>();
    lines.add(
        "standalone configuration, history level "
            + c.getHistoryLevel().getKey()
            + " (the default), database schema update "
            + c.getDatabaseSchemaUpdate());
    AsyncExecutor async = c.getAsyncExecutor();
    String pool =
        async.getTaskExecutor() instanceof DefaultAsyncTaskExecutor t
            ? ", " + t.getMaxPoolSize() + " threads, queue " + t.getQueueSize()
            : "";
    lines.add(
        "async executor "
            + (async.isActive() ? "on" : "off")
            + pool
            + " (default settings): it runs the async job that continues an instance after each"
            + " external worker job's completion");
    return lines;
  }

  @Override
  public void deploy(PeerProcess process) {
    engine
        .getRepositoryService()
        .createDeployment()
        .name(process.key())
        .addClasspathResource(process.resource("flowable"))
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
    int done = 0;
    int first = Math.floorMod(rotation.getAndIncrement(), topics.size());
    for (int i = 0; i < topics.size() && done < max; i++) {
      String topic = topics.get((first + i) % topics.size());
      List<AcquiredExternalWorkerJob> jobs;
      try {
        jobs =
            management
                .createExternalWorkerJobAcquireBuilder()
                .topic(topic, LOCK)
                .acquireAndLock(max - done, workerId);
      } catch (FlowableOptimisticLockingException e) {
        conflicts.increment(); // another worker locked one of them first: next topic
        continue;
      }
      for (AcquiredExternalWorkerJob job : jobs) {
        complete(job.getId(), workerId);
        done++;
      }
    }
    return done;
  }

  private void complete(String jobId, String workerId) {
    for (int attempt = 1; ; attempt++) {
      try {
        management.createExternalWorkerCompletionBuilder(jobId, workerId).complete();
        return;
      } catch (FlowableOptimisticLockingException e) {
        conflicts.increment();
        if (attempt == COMPLETE_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  @Override
  public int ownThreads() {
    return engine.getProcessEngineConfiguration().getAsyncExecutor().getTaskExecutor()
            instanceof DefaultAsyncTaskExecutor t
        ? t.getMaxPoolSize()
        : 0;
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

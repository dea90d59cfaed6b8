package life.suoke.ops.engine.crash;

import life.suoke.ops.engine.Engine;
import life.suoke.ops.engine.EngineConfig;

/**
 * An engine in a process of its own, so that a test can kill it with SIGKILL. Args: jdbcUrl user
 * password grpcPort [snapshotPeriodMillis [logSegmentRecords]].
 */
public final class ForkedEngineMain {

  public static void main(String[] args) throws Exception {
    EngineConfig config =
        EngineConfig.of(args[0], args[1], args[2]).withPorts(Integer.parseInt(args[3]), 0);
    if (args.length > 4) {
      config = config.withSnapshotPeriod(java.time.Duration.ofMillis(Long.parseLong(args[4])));
    }
    if (args.length > 5) {
      config = config.withLogSegmentRecords(Long.parseLong(args[5]));
    }
    Engine engine = Engine.start(config);
    System.out.println("ENGINE READY " + engine.grpcPort());
    System.out.flush();
    Thread.currentThread().join();
  }
}

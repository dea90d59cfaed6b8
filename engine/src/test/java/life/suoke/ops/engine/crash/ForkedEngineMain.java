package life.suoke.ops.engine.crash;

import life.suoke.ops.engine.Engine;
import life.suoke.ops.engine.EngineConfig;

/**
 * An engine in a process of its own, so that a test can kill it with SIGKILL. Args: jdbcUrl user
 * password grpcPort.
 */
public final class ForkedEngineMain {

  public static void main(String[] args) throws Exception {
    Engine engine =
        Engine.start(
            EngineConfig.of(args[0], args[1], args[2]).withPorts(Integer.parseInt(args[3]), 0));
    System.out.println("ENGINE READY " + engine.grpcPort());
    System.out.flush();
    Thread.currentThread().join();
  }
}

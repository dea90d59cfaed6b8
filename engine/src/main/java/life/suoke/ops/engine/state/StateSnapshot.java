package life.suoke.ops.engine.state;

import java.util.List;
import java.util.function.BiFunction;
import life.suoke.ops.engine.model.ExecutableProcess;
import life.suoke.ops.engine.state.SnapshotStreams.In;
import life.suoke.ops.engine.state.SnapshotStreams.Out;

/**
 * The engine's whole state as bytes at a log position, and back: a start loads the newest snapshot
 * and replays only the records after its position, so that start time does not grow with history.
 *
 * <p>This class only frames the parts: a magic number and {@link #FORMAT}, the position, key
 * counter and pinned clock, then each domain state writes and reads its own part, in a fixed order,
 * and the magic number again at the end. Everything the appliers keep is written, indexes included
 * (their groups keep their order, which decides, for example, which activatable job a worker gets
 * first). The executable processes are not: they are transformed again from their deployed
 * resources, as a replay would. An element instance names its element by id (and whether it is an
 * inner instance of a multi-instance body, which shares the body's id).
 *
 * <p>A snapshot of another format is refused, and the engine then replays the whole log. Change
 * {@link #FORMAT} whenever what is written changes.
 */
public final class StateSnapshot {

  /**
   * The version of the layout written here. 2: the signal subscriptions after the messages' part,
   * which ends with the message start bookkeeping (1 wrote them inside it). 3: a buffered message
   * keeps its time to live.
   */
  public static final int FORMAT = 3;

  private static final int MAGIC = 0x534B5353; // "SKSS"

  private StateSnapshot() {}

  /**
   * The committed state at {@code position} as bytes, and how long writing them took (the pause of
   * the processing thread).
   */
  public record Image(long position, byte[] data, long writeMillis) {}

  /**
   * Writes the state. Must run on the thread that owns it, with every applied event committed, so
   * that {@link EngineState#lastPosition()} is the image's position.
   */
  public static Image write(EngineState state) {
    if (state.deployments.hasStagedExecutables()) {
      throw new IllegalStateException("a deployment is half applied; no snapshot now");
    }
    long started = System.nanoTime();
    Out out = new Out();
    out.i32(MAGIC);
    out.i32(FORMAT);
    out.i64(state.lastPosition);
    out.i64(state.lastKeyCounter);
    out.i64(state.clock.isPinned() ? state.clock.getAsLong() : -1);
    state.deployments.write(out);
    state.elementInstances.write(out, state.deployments);
    state.variables.write(out);
    state.jobs.write(out);
    state.timers.write(out);
    state.messages.write(out);
    state.signals.write(out);
    state.userTasks.write(out);
    state.eventTriggers.write(out);
    state.compensation.write(out);
    state.incidents.write(out);
    state.batchOperations.write(out);
    out.i32(MAGIC);
    byte[] data = out.toByteArray();
    return new Image(state.lastPosition, data, (System.nanoTime() - started) / 1_000_000);
  }

  /**
   * Reads a state written by {@link #write}, transforming the deployed processes with {@code
   * transformer} and pinning {@code clock} as it was pinned. Throws IllegalStateException if the
   * bytes are not a snapshot of this {@link #FORMAT}.
   */
  public static EngineState read(
      byte[] data,
      BiFunction<String, byte[], List<ExecutableProcess>> transformer,
      EngineClock clock) {
    In in = new In(data);
    if (in.i32() != MAGIC) {
      throw new IllegalStateException("not an engine state snapshot");
    }
    int format = in.i32();
    if (format != FORMAT) {
      throw new IllegalStateException(
          "snapshot format " + format + " is not the format this engine reads (" + FORMAT + ")");
    }
    EngineState state = new EngineState(transformer, clock);
    state.lastPosition = in.i64();
    state.lastKeyCounter = in.i64();
    long pinned = in.i64();
    if (pinned >= 0) {
      clock.pin(pinned);
    } else {
      clock.reset();
    }
    state.deployments.read(in);
    state.elementInstances.read(in, state.deployments);
    state.variables.read(in);
    state.jobs.read(in);
    state.timers.read(in);
    state.messages.read(in);
    state.signals.read(in);
    state.userTasks.read(in);
    state.eventTriggers.read(in);
    state.compensation.read(in);
    state.incidents.read(in);
    state.batchOperations.read(in);
    if (in.i32() != MAGIC) {
      throw new IllegalStateException("snapshot is damaged: its end marker is missing");
    }
    in.expectEnd();
    return state;
  }
}

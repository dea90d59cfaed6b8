package life.suoke.ops.engine.record;

/** Kind of a record in the log, with Zeebe's names. */
public enum RecordType {
  COMMAND,
  EVENT,
  COMMAND_REJECTION
}

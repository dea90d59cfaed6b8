package life.suoke.ops.engine.record;

/** Why a command was rejected, with Zeebe's names. */
public enum RejectionType {
  NULL_VAL,
  INVALID_ARGUMENT,
  NOT_FOUND,
  ALREADY_EXISTS,
  INVALID_STATE,
  PROCESSING_ERROR,
  EXCEEDED_BATCH_RECORD_SIZE,
  UNAUTHORIZED,
  FORBIDDEN
}

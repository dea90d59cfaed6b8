package life.suoke.ops.engine.record.intent;

/** Whether an intent asks for something (a command) or states what happened (an event). */
enum Kind {
  COMMAND,
  EVENT
}

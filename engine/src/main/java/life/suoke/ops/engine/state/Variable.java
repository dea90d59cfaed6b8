package life.suoke.ops.engine.state;

/** A variable of a scope: its key, its value as JSON text (as records carry it) and parsed. */
public record Variable(long key, String name, String json, Object value) {}

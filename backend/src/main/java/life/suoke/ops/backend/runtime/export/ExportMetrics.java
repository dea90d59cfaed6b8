package life.suoke.ops.backend.runtime.export;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.concurrent.TimeUnit;
import life.suoke.ops.engine.Engine;
import life.suoke.ops.engine.exporter.ExporterRunner;

/**
 * Publishes, per exporter of the embedded engine, how far it is behind the log: gauge {@value #LAG}
 * in records, tagged {@code exporter=<id>}. A lag that only grows means the target is down or
 * rejects records (the log says which); the exporter keeps retrying and loses nothing. When the
 * engine is bounded by the audit exporter ({@code suoke.engine.export.audit.max-lag}), {@value
 * #BOUND_LAG} says how long ago the oldest record not yet audited was committed and the counter
 * {@value #HELD} how long the engine has held new commands back for it in all.
 */
public final class ExportMetrics implements MeterBinder {

  public static final String LAG = "suoke.engine.export.lag";
  public static final String BOUND_LAG = "suoke.engine.export.bound.lag";
  public static final String HELD = "suoke.engine.intake.held";

  private final Engine engine;

  public ExportMetrics(Engine engine) {
    this.engine = engine;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    for (ExporterRunner runner : engine.exporters()) {
      Gauge.builder(LAG, runner, ExporterRunner::lag)
          .description("Records in the engine's log not yet acknowledged by the exporter")
          .baseUnit("records")
          .tag("exporter", runner.id())
          .register(registry);
    }
    engine
        .exportGate()
        .ifPresent(
            gate -> {
              Gauge.builder(
                      BOUND_LAG, gate, g -> Math.min(g.lagNanos(), TimeUnit.HOURS.toNanos(1)) / 1e9)
                  .description(
                      "How long ago the oldest record a bounding exporter has not acknowledged was committed"
                          + " (capped at an hour when unknown)")
                  .baseUnit("seconds")
                  .register(registry);
              FunctionCounter.builder(HELD, gate, g -> g.heldNanos() / 1e9)
                  .description(
                      "Time the engine held new commands back until the bounding exporters caught up")
                  .baseUnit("seconds")
                  .register(registry);
            });
  }
}

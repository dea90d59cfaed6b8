package life.suoke.ops.backend.runtime.export;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import life.suoke.ops.engine.Engine;
import life.suoke.ops.engine.exporter.ExporterRunner;

/**
 * Publishes, per exporter of the embedded engine, how far it is behind the log: gauge
 * {@value #LAG} in records, tagged {@code exporter=<id>}. A lag that only grows means the target
 * is down or rejects records (the log says which); the exporter keeps retrying and loses nothing.
 */
public final class ExportMetrics implements MeterBinder {

  public static final String LAG = "suoke.engine.export.lag";

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
  }
}

package life.suoke.ops.backend.kpi;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the KPIs and reports ({@code suoke.kpi.*}).
 *
 * @param calendar the business calendar whose time zone cuts months and tells night from day
 * @param nightStartHour the local hour at which night begins (pages from then on are night pages)
 * @param nightEndHour the local hour at which night ends
 * @param partialOutageWeight how much a minute of partial outage counts against availability (a
 *     minute of full outage counts 1)
 * @param metricsRefresh how often the Prometheus gauges are computed afresh
 * @param pdfFont a font file (TrueType or OpenType, {@code .ttc} with {@code ,index}) with Chinese
 *     glyphs for the PDF report; empty: the first of the usual system locations that exists
 */
@ConfigurationProperties("suoke.kpi")
public record KpiProperties(
    @DefaultValue("default") String calendar,
    @DefaultValue("22") int nightStartHour,
    @DefaultValue("7") int nightEndHour,
    @DefaultValue("0.5") double partialOutageWeight,
    @DefaultValue("PT5M") Duration metricsRefresh,
    @DefaultValue("") String pdfFont) {}

package life.suoke.ops.backend.kpi.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import life.suoke.ops.backend.identity.CurrentUser;
import life.suoke.ops.backend.kpi.KpiAccess;
import life.suoke.ops.backend.kpi.KpiFigures;
import life.suoke.ops.backend.kpi.KpiGroup;
import life.suoke.ops.backend.kpi.KpiReport;
import life.suoke.ops.backend.kpi.KpiScope;
import life.suoke.ops.backend.kpi.KpiService;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The KPIs and the monthly report. Every endpoint takes the same filters ({@code month} or {@code
 * from}/{@code to}, {@code service}, {@code team}, {@code priority}); who may read which figures is
 * {@link KpiAccess}'s rule. Bad filters are 400 problems naming the field.
 */
@RestController
@RequestMapping("/api/kpi")
@Tag(name = "KPIs")
public class KpiController {

  private final KpiService kpis;
  private final KpiAccess access;
  private final KpiReport report;

  public KpiController(KpiService kpis, KpiAccess access, KpiReport report) {
    this.kpis = kpis;
    this.access = access;
    this.report = report;
  }

  /** What the caller may filter by: the services and teams, and the zone of months. */
  public record Options(
      boolean readsAll,
      List<String> services,
      List<String> teams,
      String zone,
      List<String> figures) {}

  @Operation(
      summary =
          "What I may filter the KPIs by: my services (all for managers, auditors, admins), teams and the zone that cuts months")
  @GetMapping("/options")
  public Options options(CurrentUser user) {
    List<String> services = access.services(user);
    return new Options(
        services == null,
        services == null ? kpis.allServices() : services,
        services == null ? kpis.allTeams() : kpis.teamsOf(services),
        kpis.zone().getId(),
        KpiService.FIGURES);
  }

  @Operation(
      summary =
          "KPI summary of a month or range: incidents per priority, MTTA, MTTR, time to start handling, escalation rate, SLA achievement per priority and target, reviews and overdue action items, pages, CSAT, availability")
  @GetMapping("/summary")
  public KpiFigures.Summary summary(
      CurrentUser user,
      @RequestParam(required = false) String month,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String service,
      @RequestParam(required = false) String team,
      @RequestParam(required = false) String priority) {
    KpiParameters p = KpiParameters.read(month, from, to, service, team, priority, kpis.zone());
    p.check();
    return kpis.summary(scope(user, p));
  }

  @Operation(
      summary =
          "Incident KPIs per month, service, team or priority (by=month|service|team|priority): incidents, MTTA, MTTR, time to handle, escalation, SLA, CSAT")
  @GetMapping("/breakdown")
  public List<KpiFigures.Group> breakdown(
      CurrentUser user,
      @RequestParam(required = false) String by,
      @RequestParam(required = false) String month,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String service,
      @RequestParam(required = false) String team,
      @RequestParam(required = false) String priority) {
    KpiParameters p = KpiParameters.read(month, from, to, service, team, priority, kpis.zone());
    String group = p.option("by", by, List.of("month", "service", "team", "priority"), null);
    if (KpiParameters.blank(by)) {
      p.errors.add(new life.suoke.ops.backend.api.ApiProblem.FieldError("by", "is required"));
    }
    p.check();
    return kpis.breakdown(
        scope(user, p), KpiGroup.valueOf(group.toUpperCase(java.util.Locale.ROOT)));
  }

  @Operation(
      summary =
          "SLA achievement per priority and target (response, handling): met, breached, running")
  @GetMapping("/sla")
  public List<KpiFigures.Sla> sla(
      CurrentUser user,
      @RequestParam(required = false) String month,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String service,
      @RequestParam(required = false) String team,
      @RequestParam(required = false) String priority) {
    KpiParameters p = KpiParameters.read(month, from, to, service, team, priority, kpis.zone());
    p.check();
    return kpis.sla(scope(user, p));
  }

  @Operation(
      summary =
          "Availability per service and month from the incidents' outage intervals against the class target, with the error budget left")
  @GetMapping("/availability")
  public List<KpiFigures.Availability> availability(
      CurrentUser user,
      @RequestParam(required = false) String month,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String service,
      @RequestParam(required = false) String team) {
    KpiParameters p = KpiParameters.read(month, from, to, service, team, null, kpis.zone());
    p.check();
    return kpis.availability(scope(user, p));
  }

  @Operation(
      summary =
          "On-call load: pages per person and night pages (night in the business calendar's zone)")
  @GetMapping("/oncall")
  public List<KpiFigures.OnCall> onCall(
      CurrentUser user,
      @RequestParam(required = false) String month,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String service,
      @RequestParam(required = false) String team,
      @RequestParam(required = false) String priority) {
    KpiParameters p = KpiParameters.read(month, from, to, service, team, priority, kpis.zone());
    p.check();
    return kpis.onCall(scope(user, p));
  }

  @Operation(
      summary =
          "Drill-down: the incidents behind a figure (figure=incidents|acknowledged|resolved|escalated|sla-met|sla-breached|rated|dissatisfied|outage|reviews|reviews-open|actions-overdue|cancelled; target for SLA), newest first, paged")
  @GetMapping("/incidents")
  public KpiFigures.IncidentPage incidents(
      CurrentUser user,
      @RequestParam(required = false) String figure,
      @RequestParam(required = false) String target,
      @RequestParam(required = false) String month,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String service,
      @RequestParam(required = false) String team,
      @RequestParam(required = false) String priority,
      @RequestParam(required = false) String page,
      @RequestParam(required = false) String size) {
    KpiParameters p = KpiParameters.read(month, from, to, service, team, priority, kpis.zone());
    String f = p.option("figure", figure, KpiService.FIGURES, "incidents");
    String t = p.option("target", target, List.of("response", "handling"), null);
    int pageNumber = p.integer("page", page, 0, 0, 10_000);
    int pageSize = p.integer("size", size, 20, 1, 100);
    p.check();
    return kpis.incidents(scope(user, p), f, t, pageNumber, pageSize);
  }

  @Operation(
      summary =
          "The monthly KPI report of a month (month=YYYY-MM) as CSV or PDF (format=csv|pdf), for my services")
  @GetMapping("/report")
  public ResponseEntity<byte[]> report(
      CurrentUser user,
      @RequestParam(required = false) String month,
      @RequestParam(required = false) String format,
      @RequestParam(required = false) String service,
      @RequestParam(required = false) String team) {
    ZoneId zone = kpis.zone();
    KpiParameters p =
        KpiParameters.read(
            KpiParameters.blank(month) ? YearMonth.now(zone).toString() : month,
            null,
            null,
            service,
            team,
            null,
            zone);
    String kind = p.option("format", format, List.of("csv", "pdf"), null);
    if (KpiParameters.blank(format)) {
      p.errors.add(
          new life.suoke.ops.backend.api.ApiProblem.FieldError(
              "format", "is required: csv or pdf"));
    }
    p.check();
    KpiScope scope = scope(user, p);
    String name = YearMonth.from(scope.firstDay()).toString();
    KpiReport.Data data =
        new KpiReport.Data(
            name,
            kpis.summary(scope),
            kpis.breakdown(scope, KpiGroup.SERVICE),
            kpis.breakdown(scope, KpiGroup.TEAM),
            kpis.breakdown(scope, KpiGroup.PRIORITY),
            kpis.onCall(scope));
    boolean pdf = "pdf".equals(kind);
    byte[] body = pdf ? report.pdf(data) : report.csv(data);
    return ResponseEntity.ok()
        .contentType(
            pdf
                ? MediaType.APPLICATION_PDF
                : new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment()
                .filename("kpi-report-" + name + (pdf ? ".pdf" : ".csv"))
                .build()
                .toString())
        .body(body);
  }

  private KpiScope scope(CurrentUser user, KpiParameters p) {
    List<String> services = access.scope(user, p.service);
    String team = access.team(user, p.team);
    return new KpiScope(p.firstDay, p.lastDay, kpis.zone(), services, team, p.priority);
  }
}

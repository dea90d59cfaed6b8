package life.suoke.ops.backend.audit.web;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import life.suoke.ops.backend.audit.AuditActions;
import life.suoke.ops.backend.audit.AuditCsvExport;
import life.suoke.ops.backend.audit.AuditEvent;
import life.suoke.ops.backend.audit.AuditQuery;
import life.suoke.ops.backend.audit.AuditSearch;
import life.suoke.ops.backend.audit.AuditTrail;
import life.suoke.ops.backend.audit.AuditVerification;
import life.suoke.ops.backend.audit.AuditVerifier;
import life.suoke.ops.backend.identity.CurrentUser;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit trail for auditors (groups {@code auditors} and {@code admins}, nobody else): search
 * (from the search index), CSV export (streamed from PostgreSQL) and verification of the chain.
 * Each of them is itself audited.
 */
@RestController
@RequestMapping("/api/audit")
@PreAuthorize("hasAnyRole('AUDITOR', 'ADMIN')")
class AuditController {

  private static final DateTimeFormatter FILE_TIME =
      DateTimeFormatter.ofPattern("uuuuMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private final AuditSearch search;
  private final AuditCsvExport export;
  private final AuditVerifier verifier;
  private final AuditTrail audit;

  AuditController(
      AuditSearch search, AuditCsvExport export, AuditVerifier verifier, AuditTrail audit) {
    this.search = search;
    this.export = export;
    this.verifier = verifier;
    this.audit = audit;
  }

  @Operation(
      summary =
          "Search the audit trail (actor, action, time range, process instance, business key, task,"
              + " free text), newest first; page counts from 0")
  @GetMapping
  AuditSearch.Page search(
      CurrentUser user,
      @RequestParam(required = false) String actor,
      @RequestParam(required = false) String action,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String processInstanceKey,
      @RequestParam(required = false) String businessKey,
      @RequestParam(required = false) String taskKey,
      @RequestParam(required = false) String q,
      @RequestParam(required = false) String page,
      @RequestParam(required = false) String size)
      throws IOException {
    AuditQuery query =
        AuditQuery.parse(
            actor, action, from, to, processInstanceKey, businessKey, taskKey, q, page, size);
    AuditSearch.Page result = search.search(query);
    audit.record(
        AuditEvent.of(user.username(), AuditActions.AUDIT_SEARCH, "audit-trail", "search")
            .withDetails(query.filters())
            .withDetail("page", query.page())
            .withDetail("size", query.size())
            .withDetail("total", result.total()));
    return result;
  }

  @Operation(
      summary =
          "Export the audit trail as CSV (UTF-8 with BOM, RFC 4180), same filters as the search,"
              + " streamed from the database")
  @GetMapping("/export")
  void export(
      CurrentUser user,
      @RequestParam(required = false) String actor,
      @RequestParam(required = false) String action,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String processInstanceKey,
      @RequestParam(required = false) String businessKey,
      @RequestParam(required = false) String taskKey,
      @RequestParam(required = false) String q,
      HttpServletResponse response)
      throws IOException, SQLException {
    AuditQuery query =
        AuditQuery.parse(
            actor, action, from, to, processInstanceKey, businessKey, taskKey, q, null, null);
    // Recorded before the rows go out: the export shows in the trail even if the download breaks
    // off.
    audit.record(
        AuditEvent.of(user.username(), AuditActions.AUDIT_EXPORT, "audit-trail", "export")
            .withDetails(query.filters()));
    response.setContentType("text/csv; charset=UTF-8");
    response.setHeader(
        HttpHeaders.CONTENT_DISPOSITION,
        "attachment; filename=\"audit-" + FILE_TIME.format(Instant.now()) + ".csv\"");
    export.write(query, response.getOutputStream());
    response.flushBuffer();
  }

  @Operation(summary = "Recompute the audit chain and name the first broken row")
  @GetMapping("/verify")
  AuditVerification verify(CurrentUser user) throws SQLException {
    AuditVerification result = verifier.verify();
    audit.record(
        AuditEvent.of(user.username(), AuditActions.AUDIT_VERIFY, "audit-trail", "chain")
            .withDetails(
                result.valid()
                    ? Map.of("valid", true, "checked", result.checked())
                    : Map.of(
                        "valid",
                        false,
                        "checked",
                        result.checked(),
                        "firstBrokenSeq",
                        result.firstBrokenSeq())));
    return result;
  }
}

package life.suoke.ops.backend.kpi;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The monthly report: the month's KPIs as CSV (one row per figure and group: section, group,
 * figure, value) and as PDF (tables, bilingual headings). The PDF embeds a subset of a font with
 * Chinese glyphs ({@code suoke.kpi.pdf-font}, or Noto Sans CJK / WenQuanYi from the usual system
 * locations); without one it falls back to Helvetica and says so in the log once.
 */
@Component
public class KpiReport {

  private static final Logger log = LoggerFactory.getLogger(KpiReport.class);

  /**
   * Where a font with Chinese glyphs usually is (Debian/Ubuntu packages fonts-noto-cjk,
   * fonts-wqy-*).
   */
  static final List<String> FONT_CANDIDATES =
      List.of(
          "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc,2",
          "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc,2",
          "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc,2",
          "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc,0",
          "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc,0",
          "/usr/share/fonts/truetype/arphic/uming.ttc,0");

  /** The whole month's data a report shows. */
  public record Data(
      String month,
      KpiFigures.Summary summary,
      List<KpiFigures.Group> byService,
      List<KpiFigures.Group> byTeam,
      List<KpiFigures.Group> byPriority,
      List<KpiFigures.OnCall> onCall) {}

  private final KpiProperties properties;
  private volatile BaseFont font;
  private volatile boolean fontLooked;

  KpiReport(KpiProperties properties) {
    this.properties = properties;
  }

  /** The rows of the report: section, group, figure, value. */
  static List<String[]> rows(Data data) {
    List<String[]> rows = new ArrayList<>();
    KpiFigures.Summary s = data.summary();
    group(rows, "total", s.totals());
    for (KpiFigures.Sla sla : s.sla()) {
      String key = sla.priority() + " " + sla.target();
      rows.add(new String[] {"sla", key, "met", Long.toString(sla.met())});
      rows.add(new String[] {"sla", key, "breached", Long.toString(sla.breached())});
      rows.add(new String[] {"sla", key, "running", Long.toString(sla.running())});
      rows.add(new String[] {"sla", key, "achievement", ratio(sla.achievement())});
    }
    KpiFigures.Reviews r = s.reviews();
    rows.add(new String[] {"reviews", "all", "reviews", Long.toString(r.reviews())});
    rows.add(new String[] {"reviews", "all", "closed", Long.toString(r.closed())});
    rows.add(new String[] {"reviews", "all", "published", Long.toString(r.published())});
    rows.add(new String[] {"reviews", "all", "late_starts", Long.toString(r.lateStarts())});
    rows.add(new String[] {"reviews", "all", "completion_rate", ratio(r.completionRate())});
    rows.add(new String[] {"reviews", "all", "action_items", Long.toString(r.actionItems())});
    rows.add(
        new String[] {"reviews", "all", "action_items_done", Long.toString(r.actionItemsDone())});
    rows.add(
        new String[] {"reviews", "all", "action_items_open", Long.toString(r.actionItemsOpen())});
    rows.add(
        new String[] {
          "reviews", "all", "action_items_overdue", Long.toString(r.actionItemsOverdue())
        });
    for (KpiFigures.Availability a : s.availability()) {
      rows.add(
          new String[] {"availability", a.service(), "availability", num(a.availability(), 5)});
      rows.add(new String[] {"availability", a.service(), "target", num(a.target(), 3)});
      rows.add(
          new String[] {
            "availability", a.service(), "downtime_minutes", num(a.downtimeMinutes(), 2)
          });
      rows.add(
          new String[] {"availability", a.service(), "budget_minutes", num(a.budgetMinutes(), 2)});
      rows.add(
          new String[] {
            "availability", a.service(), "budget_left_minutes", num(a.budgetLeftMinutes(), 2)
          });
    }
    data.byService().forEach(g -> group(rows, "service", g));
    data.byTeam().forEach(g -> group(rows, "team", g));
    data.byPriority().forEach(g -> group(rows, "priority", g));
    for (KpiFigures.OnCall o : data.onCall()) {
      rows.add(new String[] {"oncall", o.person(), "pages", Long.toString(o.pages())});
      rows.add(new String[] {"oncall", o.person(), "night_pages", Long.toString(o.nightPages())});
    }
    return rows;
  }

  private static void group(List<String[]> rows, String section, KpiFigures.Group g) {
    String key = g.key();
    rows.add(new String[] {section, key, "incidents", Long.toString(g.incidents())});
    if ("total".equals(section)) {
      g.byPriority()
          .forEach(
              (p, n) -> rows.add(new String[] {section, key, "incidents_" + p, Long.toString(n)}));
      rows.add(new String[] {section, key, "cancelled", Long.toString(g.cancelled())});
    }
    rows.add(new String[] {section, key, "mtta_seconds", num(g.mttaSeconds(), 0)});
    rows.add(new String[] {section, key, "mttr_seconds", num(g.mttrSeconds(), 0)});
    rows.add(
        new String[] {section, key, "time_to_handle_seconds", num(g.timeToHandleSeconds(), 0)});
    rows.add(new String[] {section, key, "escalation_rate", ratio(g.escalationRate())});
    rows.add(new String[] {section, key, "sla_achievement", ratio(g.slaAchievement())});
    rows.add(new String[] {section, key, "csat", num(g.csat(), 2)});
    rows.add(new String[] {section, key, "csat_responses", Long.toString(g.rated())});
  }

  public byte[] csv(Data data) {
    StringBuilder out = new StringBuilder("\uFEFFsection,group,figure,value\r\n");
    for (String[] row : rows(data)) {
      for (int i = 0; i < row.length; i++) {
        if (i > 0) {
          out.append(',');
        }
        out.append(cell(row[i]));
      }
      out.append("\r\n");
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** A CSV cell: quoted when needed, and a leading formula character defused. */
  static String cell(String value) {
    String v = value == null ? "" : value;
    if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0 && !v.matches("-?[0-9.]+")) {
      v = "'" + v;
    }
    if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
      v = "\"" + v.replace("\"", "\"\"") + "\"";
    }
    return v;
  }

  public byte[] pdf(Data data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Document document = new Document(PageSize.A4, 36, 36, 36, 36);
    try {
      PdfWriter.getInstance(document, out);
      document.addTitle("KPI report " + data.month());
      document.open();
      BaseFont base = font();
      Font title = new Font(base, 16, Font.BOLD);
      Font heading = new Font(base, 12, Font.BOLD);
      Font body = new Font(base, 9);
      document.add(new Paragraph("运维指标月报 KPI report " + data.month(), title));
      KpiFigures.Period period = data.summary().period();
      document.add(
          new Paragraph(
              "统计周期 Period: "
                  + period.firstDay()
                  + " – "
                  + period.lastDay()
                  + " ("
                  + period.zone()
                  + ")",
              body));
      KpiFigures.Group t = data.summary().totals();
      section(document, "总览 Overview", heading);
      table(
          document,
          body,
          new String[] {"指标 Figure", "值 Value"},
          List.of(
              new String[] {"事件数 Incidents", Long.toString(t.incidents())},
              new String[] {
                "P0 / P1 / P2 / P3",
                t.byPriority().get("P0")
                    + " / "
                    + t.byPriority().get("P1")
                    + " / "
                    + t.byPriority().get("P2")
                    + " / "
                    + t.byPriority().get("P3")
              },
              new String[] {"平均响应时间 MTTA", duration(t.mttaSeconds())},
              new String[] {"平均恢复时间 MTTR", duration(t.mttrSeconds())},
              new String[] {"开始处理时间 Time to start handling", duration(t.timeToHandleSeconds())},
              new String[] {"升级率 Escalation rate", percent(t.escalationRate())},
              new String[] {"SLA 达成率 SLA achievement", percent(t.slaAchievement())},
              new String[] {
                "满意度 CSAT", t.csat() == null ? "–" : num(t.csat(), 2) + " (" + t.rated() + ")"
              },
              new String[] {
                "呼叫 / 夜间呼叫 Pages / night pages",
                data.summary().pages() + " / " + data.summary().nightPages()
              }));
      section(document, "SLA 达成 SLA by priority and target", heading);
      table(
          document,
          body,
          new String[] {
            "优先级 Priority", "目标 Target", "达成 Met", "违约 Breached", "进行中 Running", "达成率 Achievement"
          },
          data.summary().sla().stream()
              .map(
                  s ->
                      new String[] {
                        s.priority(),
                        s.target(),
                        Long.toString(s.met()),
                        Long.toString(s.breached()),
                        Long.toString(s.running()),
                        percent(s.achievement())
                      })
              .toList());
      section(document, "可用性 Availability", heading);
      table(
          document,
          body,
          new String[] {
            "服务 Service",
            "等级 Class",
            "可用性 Availability",
            "目标 Target",
            "停机分钟 Downtime min",
            "剩余预算 Budget left min"
          },
          data.summary().availability().stream()
              .map(
                  a ->
                      new String[] {
                        a.service(),
                        a.serviceClass(),
                        num(a.availability() * 100, 3) + " %",
                        num(a.target() * 100, 1) + " %",
                        num(a.downtimeMinutes(), 1),
                        num(a.budgetLeftMinutes(), 1)
                      })
              .toList());
      groups(document, body, heading, "按服务 By service", data.byService());
      groups(document, body, heading, "按团队 By team", data.byTeam());
      KpiFigures.Reviews r = data.summary().reviews();
      section(document, "复盘与改进项 Reviews and action items", heading);
      table(
          document,
          body,
          new String[] {
            "复盘 Reviews", "已关闭 Closed", "完成率 Completion", "改进项 Items", "未完成 Open", "逾期 Overdue"
          },
          List.<String[]>of(
              new String[] {
                Long.toString(r.reviews()),
                Long.toString(r.closed()),
                percent(r.completionRate()),
                Long.toString(r.actionItems()),
                Long.toString(r.actionItemsOpen()),
                Long.toString(r.actionItemsOverdue())
              }));
      section(document, "值班负荷 On-call load", heading);
      table(
          document,
          body,
          new String[] {"人员 Person", "呼叫 Pages", "夜间 Night", "事件 Incidents"},
          data.onCall().stream()
              .map(
                  o ->
                      new String[] {
                        o.person(),
                        Long.toString(o.pages()),
                        Long.toString(o.nightPages()),
                        Long.toString(o.incidents())
                      })
              .toList());
    } catch (DocumentException | IOException e) {
      throw new IllegalStateException("The PDF report could not be written", e);
    } finally {
      if (document.isOpen()) {
        document.close();
      }
    }
    return out.toByteArray();
  }

  private void groups(
      Document document, Font body, Font heading, String name, List<KpiFigures.Group> groups)
      throws DocumentException {
    section(document, name, heading);
    table(
        document,
        body,
        new String[] {"", "事件 Incidents", "MTTA", "MTTR", "SLA", "升级 Escalated", "CSAT"},
        groups.stream()
            .map(
                g ->
                    new String[] {
                      g.key(),
                      Long.toString(g.incidents()),
                      duration(g.mttaSeconds()),
                      duration(g.mttrSeconds()),
                      percent(g.slaAchievement()),
                      percent(g.escalationRate()),
                      g.csat() == null ? "–" : num(g.csat(), 2)
                    })
            .toList());
  }

  private static void section(Document document, String text, Font font) throws DocumentException {
    Paragraph p = new Paragraph(text, font);
    p.setSpacingBefore(12);
    p.setSpacingAfter(4);
    document.add(p);
  }

  private static void table(Document document, Font font, String[] header, List<String[]> rows)
      throws DocumentException {
    PdfPTable table = new PdfPTable(header.length);
    table.setWidthPercentage(100);
    for (String h : header) {
      PdfPCell cell = new PdfPCell(new Paragraph(h, font));
      cell.setGrayFill(0.9f);
      table.addCell(cell);
    }
    for (String[] row : rows) {
      for (String value : row) {
        PdfPCell cell = new PdfPCell(new Paragraph(value == null ? "" : value, font));
        cell.setHorizontalAlignment(Element.ALIGN_LEFT);
        table.addCell(cell);
      }
    }
    if (rows.isEmpty()) {
      PdfPCell cell = new PdfPCell(new Paragraph("无数据 No data", font));
      cell.setColspan(header.length);
      table.addCell(cell);
    }
    document.add(table);
  }

  /**
   * The font: the configured one, else the first candidate present, else Helvetica (no Chinese
   * glyphs).
   */
  BaseFont font() throws DocumentException, IOException {
    if (font != null) {
      return font;
    }
    synchronized (this) {
      if (font == null) {
        List<String> candidates = new ArrayList<>();
        if (!properties.pdfFont().isBlank()) {
          candidates.add(properties.pdfFont().trim());
        }
        candidates.addAll(FONT_CANDIDATES);
        for (String candidate : candidates) {
          String file =
              candidate.contains(",")
                  ? candidate.substring(0, candidate.lastIndexOf(','))
                  : candidate;
          if (Files.isReadable(Path.of(file))) {
            try {
              font = BaseFont.createFont(candidate, BaseFont.IDENTITY_H, BaseFont.EMBEDDED);
              return font;
            } catch (IOException | RuntimeException e) {
              log.warn(
                  "The font {} could not be used for PDF reports: {}", candidate, e.getMessage());
            }
          }
        }
        if (!fontLooked) {
          log.warn(
              "No font with Chinese glyphs found for PDF reports (set suoke.kpi.pdf-font); Chinese text will be missing");
          fontLooked = true;
        }
        font = BaseFont.createFont(BaseFont.HELVETICA, BaseFont.WINANSI, BaseFont.NOT_EMBEDDED);
      }
      return font;
    }
  }

  /** Whether the PDF font has Chinese glyphs. */
  public boolean chineseFont() {
    try {
      return font().charExists('运');
    } catch (DocumentException | IOException e) {
      return false;
    }
  }

  static String duration(Double seconds) {
    if (seconds == null) {
      return "–";
    }
    long s = Math.round(seconds);
    if (s < 3600) {
      return String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60);
    }
    return String.format(Locale.ROOT, "%dh %02dm", s / 3600, (s % 3600) / 60);
  }

  static String percent(Double ratio) {
    return ratio == null ? "–" : num(ratio * 100, 1) + " %";
  }

  static String ratio(Double ratio) {
    return ratio == null ? "" : num(ratio, 4);
  }

  static String num(Double value, int decimals) {
    return value == null ? "" : String.format(Locale.ROOT, "%." + decimals + "f", value);
  }
}

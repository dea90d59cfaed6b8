package life.suoke.ops.backend.knowledge;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/**
 * The documents and their versions in PostgreSQL ({@code knowledge_document}, {@code
 * knowledge_version}).
 */
@Component
class KnowledgeStore {

  private final JdbcTemplate jdbc;

  KnowledgeStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  static final RowMapper<KnowledgeDocument> DOCUMENT =
      (rs, i) ->
          new KnowledgeDocument(
              rs.getLong("id"),
              rs.getString("type"),
              rs.getString("title"),
              rs.getString("body"),
              strings(rs, "services"),
              strings(rs, "tags"),
              rs.getString("incident_number"),
              rs.getInt("version"),
              rs.getString("created_by"),
              instant(rs, "created_at"),
              rs.getString("updated_by"),
              instant(rs, "updated_at"));

  private static final RowMapper<KnowledgeVersion> VERSION =
      (rs, i) ->
          new KnowledgeVersion(
              rs.getLong("document_id"),
              rs.getInt("version"),
              rs.getString("title"),
              rs.getString("body"),
              strings(rs, "services"),
              strings(rs, "tags"),
              rs.getString("author"),
              rs.getString("change_note"),
              instant(rs, "created_at"));

  Optional<KnowledgeDocument> find(long id) {
    return jdbc.query("SELECT * FROM knowledge_document WHERE id = ?", DOCUMENT, id).stream()
        .findFirst();
  }

  /** The document locked for a change. */
  Optional<KnowledgeDocument> lock(long id) {
    return jdbc
        .query("SELECT * FROM knowledge_document WHERE id = ? FOR UPDATE", DOCUMENT, id)
        .stream()
        .findFirst();
  }

  Optional<KnowledgeDocument> findByIncident(String incidentNumber) {
    return jdbc
        .query(
            "SELECT * FROM knowledge_document WHERE incident_number = ? FOR UPDATE",
            DOCUMENT,
            incidentNumber)
        .stream()
        .findFirst();
  }

  long insert(
      String type,
      String title,
      String body,
      List<String> services,
      List<String> tags,
      String incidentNumber,
      String author,
      String changeNote) {
    Long id =
        jdbc.queryForObject(
            "INSERT INTO knowledge_document (type, title, body, services, tags, incident_number,"
                + " version, created_by, updated_by) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?) RETURNING id",
            Long.class,
            type,
            title,
            body,
            services.toArray(String[]::new),
            tags.toArray(String[]::new),
            incidentNumber,
            author,
            author);
    insertVersion(id, 1, title, body, services, tags, author, changeNote);
    return id;
  }

  int update(
      long id,
      int version,
      String type,
      String title,
      String body,
      List<String> services,
      List<String> tags,
      String author,
      String changeNote) {
    int next = version + 1;
    jdbc.update(
        "UPDATE knowledge_document SET type = ?, title = ?, body = ?, services = ?, tags = ?, version = ?,"
            + " updated_by = ?, updated_at = now() WHERE id = ?",
        type,
        title,
        body,
        services.toArray(String[]::new),
        tags.toArray(String[]::new),
        next,
        author,
        id);
    insertVersion(id, next, title, body, services, tags, author, changeNote);
    return next;
  }

  private void insertVersion(
      long id,
      int version,
      String title,
      String body,
      List<String> services,
      List<String> tags,
      String author,
      String changeNote) {
    jdbc.update(
        "INSERT INTO knowledge_version (document_id, version, title, body, services, tags, author, change_note)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        id,
        version,
        title,
        body,
        services.toArray(String[]::new),
        tags.toArray(String[]::new),
        author,
        changeNote);
  }

  List<KnowledgeVersion> versions(long id) {
    return jdbc.query(
        "SELECT * FROM knowledge_version WHERE document_id = ? ORDER BY version DESC", VERSION, id);
  }

  Optional<KnowledgeVersion> version(long id, int version) {
    return jdbc
        .query(
            "SELECT * FROM knowledge_version WHERE document_id = ? AND version = ?",
            VERSION,
            id,
            version)
        .stream()
        .findFirst();
  }

  long count() {
    Long n = jdbc.queryForObject("SELECT count(*) FROM knowledge_document", Long.class);
    return n == null ? 0 : n;
  }

  /** A page of documents in id order after {@code afterId}, for re-indexing. */
  List<KnowledgeDocument> after(long afterId, int limit) {
    return jdbc.query(
        "SELECT * FROM knowledge_document WHERE id > ? ORDER BY id LIMIT ?",
        DOCUMENT,
        afterId,
        limit);
  }

  private static List<String> strings(ResultSet rs, String column) throws SQLException {
    Array array = rs.getArray(column);
    return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}

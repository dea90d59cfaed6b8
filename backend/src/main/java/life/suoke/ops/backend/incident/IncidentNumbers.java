package life.suoke.ops.backend.incident;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javax.sql.DataSource;
import life.suoke.ops.backend.runtime.SideConnections;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Component;

/**
 * Incident numbers {@code INC-yyyyMMdd-nnnn}: the day in Asia/Shanghai and the day's running number
 * (four digits, more after the 9,999th).
 *
 * <p>The day's counter row is incremented in a short transaction of its own, on connections of its
 * own, so that its row lock is held for the upsert alone and not until the incident's transaction
 * commits: openers of incidents would otherwise take turns for the whole of each other's
 * transactions (at 50 alerts a second that was the one thing the intake waited for). The counter's
 * commit does not wait for its WAL flush ({@code synchronous_commit = off}, set once on each of
 * those connections, so that the upsert alone is one round trip): the incident's own commit comes
 * later in the WAL and is flushed with everything before it, so a number whose incident survives a
 * crash has its counter increment durable too; a number lost in a crash was never given to a stored
 * incident. A number is never given twice (and the incident's primary key would refuse it); the
 * number of an incident whose transaction rolls back is not given again, a gap the numbering of
 * service desks commonly has.
 */
@Component
class IncidentNumbers implements DisposableBean {

  static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
  private static final String NEXT =
      "INSERT INTO incident_number_counter (day, last_number) VALUES (?, 1)"
          + " ON CONFLICT (day) DO UPDATE SET last_number = incident_number_counter.last_number + 1"
          + " RETURNING last_number";

  private final SideConnections connections;

  IncidentNumbers(DataSource dataSource) {
    this.connections = new SideConnections(dataSource, "suoke-incident-numbers", 2, true);
  }

  /** The next number of the day of {@code at}, committed at once. */
  String next(Instant at) {
    LocalDate day = at.atZone(ZONE).toLocalDate();
    try (Connection connection = connections.dataSource().getConnection()) {
      if (connections.asynchronousCommit() && connection.getAutoCommit()) {
        // the usual case: the upsert commits by itself, one round trip
        return format(day, increment(connection, day));
      }
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(false);
      try {
        try (Statement statement = connection.createStatement()) {
          statement.execute("SET LOCAL synchronous_commit TO OFF");
        }
        int number = increment(connection, day);
        connection.commit();
        return format(day, number);
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw new DataAccessResourceFailureException(
          "no incident number could be allocated: " + e.getMessage(), e);
    }
  }

  /** The day's counter incremented; its new value. */
  private static int increment(Connection connection, LocalDate day) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(NEXT)) {
      statement.setObject(1, day);
      try (ResultSet rs = statement.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  static String format(LocalDate day, int number) {
    return "INC-" + day.format(DAY) + "-" + String.format("%04d", number);
  }

  @Override
  public void destroy() {
    connections.close();
  }
}

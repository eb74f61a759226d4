package pdrrun.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDateTime;

/** Appends to job_events, on the caller's connection and transaction. */
final class JobEvents {
    private JobEvents() {}

    static void add(Dialect dialect, Connection c, long jobId, LocalDateTime time, String kind, String message)
            throws SQLException {
        try (PreparedStatement insert =
                c.prepareStatement("INSERT INTO job_events (job_id, event_time, kind, message) VALUES (?, ?, ?, ?)")) {
            insert.setLong(1, jobId);
            SqlTime.bind(dialect, insert, 2, time);
            insert.setString(3, kind);
            insert.setString(4, message);
            insert.executeUpdate();
        }
    }
}

package pdrrun.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDateTime;

/** The job_attempts history, written on the caller's connection and transaction. */
final class Attempts {
    private Attempts() {}

    static void open(
            Dialect d, Connection c, long jobId, int attempt, String owner, AttemptInfo where, LocalDateTime now)
            throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO job_attempts (job_id, attempt, worker, host, "
                + "pid, cluster_job_id, array_task_id, started_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, jobId);
            insert.setInt(2, attempt);
            insert.setString(3, owner);
            insert.setString(4, where.host());
            insert.setLong(5, where.pid());
            insert.setString(6, where.clusterJobId());
            insert.setString(7, where.arrayTaskId());
            SqlTime.bind(d, insert, 8, now);
            insert.executeUpdate();
        }
    }

    /** Closes the job's open attempt (the latest one without an end). */
    static void close(
            Dialect d, Connection c, long jobId, LocalDateTime now, String outcome, Integer exitCode, String error)
            throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE job_attempts SET finished_at = ?, outcome = ?, "
                + "exit_code = ?, error = ? WHERE job_id = ? AND finished_at IS NULL")) {
            SqlTime.bind(d, update, 1, now);
            update.setString(2, outcome);
            update.setObject(3, exitCode);
            update.setString(4, error);
            update.setLong(5, jobId);
            update.executeUpdate();
        }
    }
}

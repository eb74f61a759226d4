package pdrrun.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Leases of running jobs: heartbeats renew them, a lease that expired belongs to a dead worker and
 * its job is recovered, a stopping worker releases its jobs. Each call is one short transaction.
 * Thread-safe.
 */
public final class Leases {
    private final Catalog catalog;
    private final Clock clock;

    public Leases(Catalog catalog, Clock clock) {
        this.catalog = catalog;
        this.clock = clock;
    }

    /** Renews the leases of {@code jobs} (job id to owner) until now + {@code lease}. */
    public void renew(Map<Long, String> jobs, Duration lease) {
        if (jobs.isEmpty()) {
            return;
        }
        catalog.transactions().inTransaction("heartbeat of " + jobs.size() + " job(s)", c -> {
            LocalDateTime now = LocalDateTime.now(clock);
            try (PreparedStatement update = c.prepareStatement("UPDATE pdr_model_jobs SET heartbeat_at = ?, "
                    + "lease_expires_at = ? WHERE id = ? AND lease_owner = ? AND status = 'running'")) {
                for (Map.Entry<Long, String> job : jobs.entrySet()) {
                    SqlTime.bind(catalog.dialect(), update, 1, now);
                    SqlTime.bind(catalog.dialect(), update, 2, now.plus(lease));
                    update.setLong(3, job.getKey());
                    update.setString(4, job.getValue());
                    update.addBatch();
                }
                update.executeBatch();
            }
            return null;
        });
    }

    /**
     * Recovers running jobs whose lease expired: back to pending (their attempt count stays
     * raised), or {@code lost} once they reached {@code maxAttempts}. Returns the recovered job ids.
     * Idempotent: a retry finds the remaining expired leases.
     */
    public List<Long> recoverExpired(int maxAttempts) {
        return catalog.transactions().inTransaction("recover jobs of dead workers", c -> {
            LocalDateTime now = LocalDateTime.now(clock);
            List<long[]> expired = new ArrayList<>();
            List<String> owners = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("SELECT id, COALESCE(attempts, 0), lease_owner FROM "
                    + "pdr_model_jobs WHERE status = 'running' AND lease_expires_at < ?"
                    + catalog.dialect().forUpdateSkipLocked())) {
                SqlTime.bind(catalog.dialect(), select, 1, now);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        expired.add(new long[] {rs.getLong(1), rs.getLong(2)});
                        owners.add(rs.getString(3));
                    }
                }
            }
            List<Long> recovered = new ArrayList<>();
            for (int i = 0; i < expired.size(); i++) {
                long id = expired.get(i)[0];
                boolean lost = expired.get(i)[1] >= maxAttempts;
                String why = "lease of " + owners.get(i) + " expired (no heartbeat)";
                setState(c, id, lost ? "lost" : "pending", now, why);
                Attempts.close(catalog.dialect(), c, id, now, "lost", null, why);
                JobEvents.add(catalog.dialect(), c, id, now, lost ? "lost" : "recovered", why);
                recovered.add(id);
            }
            return recovered;
        });
    }

    /** A stopping worker gives its job back: pending again, the attempt not counted. */
    public void release(long jobId, String owner, String why) {
        catalog.transactions().inTransaction("release job " + jobId, c -> {
            LocalDateTime now = LocalDateTime.now(clock);
            try (PreparedStatement update = c.prepareStatement("UPDATE pdr_model_jobs SET status = 'pending', "
                    + "pending = ?, active = ?, lease_owner = NULL, lease_expires_at = NULL, time_updated = ?, "
                    + "attempts = CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END "
                    + "WHERE id = ? AND lease_owner = ? AND status = 'running'")) {
                update.setBoolean(1, true);
                update.setBoolean(2, false);
                SqlTime.bind(catalog.dialect(), update, 3, now);
                update.setLong(4, jobId);
                update.setString(5, owner);
                if (update.executeUpdate() == 1) {
                    Attempts.close(catalog.dialect(), c, jobId, now, "released", null, why);
                    JobEvents.add(catalog.dialect(), c, jobId, now, "released", why);
                }
            }
            return null;
        });
    }

    /**
     * True while a running job of these models has missed its heartbeat for longer than {@code
     * silence}: its worker may be dead, and the job will be recovered once its lease expires.
     */
    public boolean silentJobs(List<Long> modelIds, Duration silence) {
        return catalog.transactions().inTransaction("look for silent jobs", c -> {
            String models = modelIds.isEmpty()
                    ? ""
                    : " AND model_name_id IN ("
                            + String.join(
                                    ", ", modelIds.stream().map(String::valueOf).toList()) + ")";
            try (PreparedStatement select = c.prepareStatement("SELECT COUNT(*) FROM pdr_model_jobs WHERE status = "
                    + "'running' AND lease_expires_at IS NOT NULL AND heartbeat_at < ?" + models)) {
                SqlTime.bind(
                        catalog.dialect(), select, 1, LocalDateTime.now(clock).minus(silence));
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    return rs.getLong(1) > 0;
                }
            }
        });
    }

    /** True while runnable jobs of these models wait for their retry time. */
    public boolean retriesWaiting(List<Long> modelIds) {
        return catalog.transactions().inTransaction("look for deferred retries", c -> {
            String models = modelIds.isEmpty()
                    ? ""
                    : " AND model_name_id IN ("
                            + String.join(
                                    ", ", modelIds.stream().map(String::valueOf).toList()) + ")";
            try (PreparedStatement select = c.prepareStatement("SELECT COUNT(*) FROM pdr_model_jobs WHERE status = "
                    + "'pending' AND not_before IS NOT NULL" + models)) {
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    return rs.getLong(1) > 0;
                }
            }
        });
    }

    private void setState(Connection c, long id, String state, LocalDateTime now, String why) throws SQLException {
        boolean pending = state.equals("pending");
        try (PreparedStatement update = c.prepareStatement("UPDATE pdr_model_jobs SET status = ?, pending = ?, "
                + "active = ?, lease_owner = NULL, lease_expires_at = NULL, error_message = ?, time_updated = ?, "
                + "time_of_finish = ? WHERE id = ?")) {
            update.setString(1, state);
            update.setBoolean(2, pending);
            update.setBoolean(3, false);
            update.setString(4, why);
            SqlTime.bind(catalog.dialect(), update, 5, now);
            SqlTime.bind(catalog.dialect(), update, 6, pending ? null : now);
            update.setLong(7, id);
            update.executeUpdate();
        }
    }
}

package pdrrun.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import pdrrun.job.IllegalJobStateChangeException;
import pdrrun.job.JobStatus;

/**
 * Writes the end of a job run: the job row, its HDF and JSON file records and an event, all in
 * one transaction. Idempotent: a retried transaction reads the job's state again and the file
 * records are upserted.
 */
public final class JobResultWriter {
    /** Kind of the job event naming the spool entry a result was stored from (its message). */
    public static final String FROM_SPOOL = "from_spool";

    private static final LocalDateTime EPOCH = LocalDateTime.of(1970, 1, 1, 0, 0);
    private final Catalog catalog;

    public JobResultWriter(Catalog catalog) {
        this.catalog = catalog;
    }

    /**
     * Records {@code result} for the job, which must be running under {@code owner}. Idempotent:
     * recording what {@code owner} already recorded changes nothing.
     *
     * @throws CatalogException when the database fails, or (caused by {@link LeaseLostException})
     *     when the job is no longer running under {@code owner}: released, recovered (pending or
     *     lost) or recorded by another; a state not set by this owner is never overwritten
     */
    public void finish(long jobId, String owner, JobResult result) {
        finish(jobId, owner, result, null);
    }

    /**
     * Records {@code result}; with {@code retryAt} the attempt's outcome is kept in the history
     * but the job becomes pending again, claimable from {@code retryAt} (automatic retry).
     *
     * @throws IllegalJobStateChangeException when {@code result} is no state a running job may
     *     take (running)
     * @throws CatalogException when the database fails, or (caused by {@link LeaseLostException})
     *     when the job is no longer running under {@code owner}
     */
    public void finish(long jobId, String owner, JobResult result, LocalDateTime retryAt) {
        catalog.transactions().inTransaction("record " + result.status().dbName() + " of job " + jobId, c -> {
            // The update is guarded (running under this owner): only when it changes nothing is
            // the row read to tell why.
            if (!JobStatus.RUNNING.canBecome(result.status()) || !updateJob(c, jobId, owner, result)) {
                Held held = held(c, jobId);
                if (held.status() != JobStatus.RUNNING || !owner.equals(held.owner())) {
                    if (recordedBy(c, jobId, owner, result.status())) {
                        // Already recorded: an earlier attempt committed but its answer was lost
                        // with the connection. Recording twice must change nothing.
                        return null;
                    }
                    // Released (cancel), recovered (lease expired: pending again or lost) or
                    // recorded by another worker while this owner ran it: its state is no longer
                    // this run's to set, and no reason for this owner to stop.
                    throw new LeaseLostException(jobId, owner);
                }
                held.status().requireTransition(result.status());
                // Still running under this owner, yet the guarded update changed nothing: the row
                // changed between the two statements (read committed), so it is not ours to set.
                throw new LeaseLostException(jobId, owner);
            }
            Attempts.close(
                    catalog.dialect(),
                    c,
                    jobId,
                    result.finished(),
                    result.status().dbName(),
                    result.exitCode(),
                    result.errorMessage());
            if (retryAt != null) {
                requeue(c, jobId, retryAt);
            }
            if (result.hdf() != null) {
                insertHdf(c, jobId, result.hdf());
            }
            if (result.json() != null) {
                upsertJson(c, jobId, result.json(), result.template());
            }
            JobEvents.add(
                    catalog.dialect(),
                    c,
                    jobId,
                    result.finished(),
                    result.status().dbName(),
                    result.errorMessage() != null ? result.errorMessage() : result.postprocError());
            if (result.spoolEntry() != null) {
                // Which entry this result came from: upload-pending removes an entry only when
                // the job's latest result is provably its own (JobRepository.JobState).
                JobEvents.add(catalog.dialect(), c, jobId, result.finished(), FROM_SPOOL, result.spoolEntry());
            }
            return null;
        });
    }

    private void requeue(Connection c, long jobId, LocalDateTime retryAt) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE pdr_model_jobs SET status = 'pending', "
                + "pending = ?, active = ?, not_before = ? WHERE id = ?")) {
            update.setBoolean(1, true);
            update.setBoolean(2, false);
            SqlTime.bind(catalog.dialect(), update, 3, retryAt);
            update.setLong(4, jobId);
            update.executeUpdate();
        }
        JobEvents.add(catalog.dialect(), c, jobId, retryAt, "retry", "retry scheduled");
    }

    private record Held(JobStatus status, String owner) {}

    private static Held held(Connection c, long jobId) throws SQLException {
        try (PreparedStatement select =
                c.prepareStatement("SELECT status, lease_owner FROM pdr_model_jobs WHERE id = ?")) {
            select.setLong(1, jobId);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("job " + jobId + " does not exist");
                }
                return new Held(JobStatus.fromDb(rs.getString(1)).orElse(JobStatus.ERROR), rs.getString(2));
            }
        }
    }

    /**
     * Whether {@code owner}'s latest attempt of the job ended with {@code status}: this very result
     * was recorded (a retry after a commit whose answer was lost). An attempt closed by recovery
     * ("lost") or release does not count; owner ids are unique per process and slot.
     */
    private static boolean recordedBy(Connection c, long jobId, String owner, JobStatus status) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT outcome FROM job_attempts WHERE job_id = ? AND "
                + "worker = ? AND finished_at IS NOT NULL ORDER BY id DESC LIMIT 1")) {
            select.setLong(1, jobId);
            select.setString(2, owner);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() && status.dbName().equals(rs.getString(1));
            }
        }
    }

    /** Records the result on the job's row if it is running under {@code owner}; whether it was. */
    private boolean updateJob(Connection c, long jobId, String owner, JobResult r) throws SQLException {
        Map<String, Object> columns = new TreeMap<>(r.columns());
        List<String> sets = new ArrayList<>(List.of(
                "status = ?",
                "pending = ?",
                "active = ?",
                "time_of_start = ?",
                "time_of_finish = ?",
                "execution_time = ?",
                "execution_seconds = ?",
                "exit_code = ?",
                "error_message = ?",
                "postproc_error = ?",
                "config_json = ?",
                "template_sha256 = ?",
                "time_updated = ?",
                "lease_owner = NULL",
                "lease_expires_at = NULL",
                "force_rerun = 0"));
        columns.keySet().forEach(k -> sets.add(k + " = ?"));
        try (PreparedStatement update = c.prepareStatement("UPDATE pdr_model_jobs SET " + String.join(", ", sets)
                + " WHERE id = ? AND lease_owner = ? AND status = 'running'")) {
            Dialect d = catalog.dialect();
            int i = 1;
            update.setString(i++, r.status().dbName());
            update.setBoolean(i++, false);
            update.setBoolean(i++, false);
            SqlTime.bind(d, update, i++, r.started());
            SqlTime.bind(d, update, i++, r.finished());
            // The original's execution_time is a DATETIME: the wall time is stored as epoch + duration.
            SqlTime.bind(
                    d,
                    update,
                    i++,
                    r.executionSeconds() == null
                            ? null
                            : EPOCH.plus(Duration.ofNanos((long) (r.executionSeconds() * 1e9))));
            update.setObject(i++, r.executionSeconds());
            update.setObject(i++, r.exitCode());
            update.setString(i++, r.errorMessage());
            update.setString(i++, r.postprocError());
            update.setString(i++, r.configJson());
            update.setString(i++, r.templateSha256());
            SqlTime.bind(d, update, i++, r.finished());
            for (Object value : columns.values()) {
                update.setObject(i++, value);
            }
            update.setLong(i++, jobId);
            update.setString(i, owner);
            return update.executeUpdate() == 1;
        }
    }

    private void insertHdf(Connection c, long jobId, FileRecord[] f) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO hdf_files (job_id, pdrexe_id, parameter_id, "
                        + "model_name_id, file_name, full_path, path, modification_time, sha256_sum, file_size, corrupt, "
                        + "file_name_hdf5_s, full_path_hdf5_s, path_hdf5_s, modification_time_hdf5_s, sha256_sum_hdf5_s, "
                        + "file_size_hdf5_s, file_name_hdf5_c, full_path_hdf5_c, path_hdf5_c, modification_time_hdf5_c, "
                        + "sha256_sum_hdf5_c, file_size_hdf5_c) SELECT id, kosmatau_executable_id, kosmatau_parameters_id, "
                        + "model_name_id, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM pdr_model_jobs WHERE id = ?")) {
            int i = 1;
            for (int k = 0; k < 3; k++) {
                insert.setString(i++, f[k].fileName());
                insert.setString(i++, f[k].fullPath());
                insert.setString(i++, f[k].folder());
                SqlTime.bind(catalog.dialect(), insert, i++, f[k].modified());
                insert.setString(i++, f[k].sha256());
                insert.setLong(i++, f[k].size());
                if (k == 0) {
                    insert.setBoolean(i++, false);
                }
            }
            insert.setLong(i, jobId);
            insert.executeUpdate();
        }
    }

    private void upsertJson(Connection c, long jobId, FileRecord json, FileRecord template) throws SQLException {
        Long templateId = template == null ? null : templateId(c, template);
        // sha256_sum is unique in the original schema: the same rendered file is one record.
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE json_files SET name = ?, path = ?, job_id = ?, template_id = ? WHERE sha256_sum = ?")) {
            update.setString(1, json.fileName());
            update.setString(2, json.fullPath());
            update.setLong(3, jobId);
            update.setObject(4, templateId);
            update.setString(5, json.sha256());
            if (update.executeUpdate() > 0) {
                return;
            }
        }
        try (PreparedStatement insert = c.prepareStatement(catalog.dialect()
                .insertIgnoring(
                        "json_files", "name, path, sha256_sum, created_at, template_id, job_id", "?, ?, ?, ?, ?, ?"))) {
            insert.setString(1, json.fileName());
            insert.setString(2, json.fullPath());
            insert.setString(3, json.sha256());
            SqlTime.bind(catalog.dialect(), insert, 4, json.modified());
            insert.setObject(5, templateId);
            insert.setLong(6, jobId);
            insert.executeUpdate();
        }
    }

    /** Get-or-create by checksum; concurrent finishes of one grid race here, the unique key decides. */
    private long templateId(Connection c, FileRecord template) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(catalog.dialect()
                .insertIgnoring("json_templates", "name, path, hash, sha256_sum, created_at", "?, ?, ?, ?, ?"))) {
            insert.setString(1, template.fileName());
            insert.setString(2, template.fullPath());
            insert.setString(3, template.sha256());
            insert.setString(4, template.sha256());
            SqlTime.bind(catalog.dialect(), insert, 5, template.modified());
            insert.executeUpdate();
        }
        // A locking read: it sees a row another job committed meanwhile on every back end (a plain
        // SELECT under repeatable read, SQLite aside, would read an older snapshot and miss it).
        try (PreparedStatement select = c.prepareStatement("SELECT id FROM json_templates WHERE sha256_sum = ?"
                + catalog.dialect().forUpdate())) {
            select.setString(1, template.sha256());
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}

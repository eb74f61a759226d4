package pdrrun.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import pdrrun.job.JobStatus;

/**
 * Claims, releases and selects jobs. Every method is one short transaction through {@link
 * Transactions}; nothing holds a connection between calls. Thread-safe.
 */
public final class JobRepository {
    /**
     * The latest row id and row count per grid point (job name) of model ?, as derived table
     * {@code l} to join to: one GROUP BY on the (model_name_id, model_job_name) index.
     */
    public static final String LATEST = "(SELECT MAX(id) AS id, COUNT(*) AS n FROM pdr_model_jobs"
            + " WHERE model_name_id = ? GROUP BY model_job_name) l";

    private final Catalog catalog;
    private final Clock clock;

    public JobRepository(Catalog catalog, Clock clock) {
        this.catalog = catalog;
        this.clock = clock;
    }

    /** Id of a model by name. */
    public Optional<Long> modelId(String modelName) {
        return catalog.transactions()
                .inTransaction(
                        "find model " + modelName,
                        c -> new ProvenanceRepository(catalog.dialect()).findModel(c, modelName));
    }

    /**
     * Claims the oldest runnable job of the model for {@code owner}: one guarded update on the
     * row's version, so two claimers never get the same job (zero rows: someone else won, try
     * the next). Idempotent: a retried transaction re-reads the state, and a claim that committed
     * but whose answer was lost is found again by its owner. An owner holds at most one job: use
     * one owner id per worker slot.
     */
    public Optional<ClaimedJob> claimNext(long modelId, String owner) {
        return claimNext(
                List.of(modelId), owner, java.time.Duration.ofMinutes(2), AttemptInfo.current(System.getenv()));
    }

    /**
     * Claims the oldest claimable job of the given models (all models when empty) for {@code
     * owner}, leased for {@code lease}, and opens its attempt record.
     */
    public Optional<ClaimedJob> claimNext(
            List<Long> modelIds, String owner, java.time.Duration lease, AttemptInfo where) {
        return claimNext(modelIds, owner, lease, where, new long[0]);
    }

    /**
     * As {@link #claimNext(List, String, java.time.Duration, AttemptInfo)} for an owner that still
     * holds the jobs {@code finishing} (at most two; 0 for none) while they are post-processed or
     * their outputs stored.
     */
    public Optional<ClaimedJob> claimNext(
            List<Long> modelIds, String owner, java.time.Duration lease, AttemptInfo where, long... finishing) {
        if (finishing.length > 2) {
            throw new IllegalArgumentException("at most two jobs finishing, not " + finishing.length);
        }
        return catalog.transactions().inTransaction("claim a job for " + owner, c -> {
            LocalDateTime now = LocalDateTime.now(clock);
            for (int tries = 0; tries < 50; tries++) {
                Optional<Candidate> candidate = candidate(c, modelIds, owner, finishing, now);
                if (candidate.isEmpty()) {
                    return Optional.empty();
                }
                long id = candidate.get().id();
                if (candidate.get().orphan()) {
                    // A claim that committed but whose answer was lost with the connection: the
                    // owner holds no other job when it claims (but those it finishes), so this
                    // one is ours to run.
                    return Optional.of(ClaimedJobs.load(catalog.dialect(), c, id, now));
                }
                if (claimRow(c, id, candidate.get().version(), "'pending', 'reset_stale'", owner, lease, now)) {
                    return Optional.of(opened(c, id, owner, where, now));
                }
            }
            return Optional.empty();
        });
    }

    /**
     * Claims one given job, whatever its place in the queue, if its state is one of {@code from}:
     * for storing the outputs of a model that already ran. One guarded update: a job another
     * process holds or recorded meanwhile gives empty. Idempotent as {@link #claimNext}.
     */
    public Optional<ClaimedJob> claim(
            long jobId, Set<JobStatus> from, String owner, java.time.Duration lease, AttemptInfo where) {
        String states = from.stream().map(s -> "'" + s.dbName() + "'").collect(Collectors.joining(", "));
        return catalog.transactions().inTransaction("claim job " + jobId + " for " + owner, c -> {
            LocalDateTime now = LocalDateTime.now(clock);
            Optional<Long> orphan = leasedBy(c, owner, 0);
            if (orphan.isPresent() && orphan.get() == jobId) {
                return Optional.of(ClaimedJobs.load(catalog.dialect(), c, jobId, now));
            }
            return claimRow(c, jobId, null, states, owner, lease, now)
                    ? Optional.of(opened(c, jobId, owner, where, now))
                    : Optional.empty();
        });
    }

    /**
     * A job's state as far as recording its outputs is concerned.
     *
     * @param storedFromSpool the id of the spool entry its latest result was stored from, or null
     *     when that result (or a run started since) did not come from a spool entry
     */
    public record JobState(
            long id, String modelName, String jobName, String status, boolean forced, String storedFromSpool) {}

    /** The job's current state, or empty when there is no such job. */
    public Optional<JobState> state(long jobId) {
        return catalog.transactions().inTransaction("read state of job " + jobId, c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT m.model_name, j.model_job_name, j.status, "
                    + "COALESCE(j.force_rerun, 0) FROM pdr_model_jobs j JOIN model_names m ON m.id = j.model_name_id "
                    + "WHERE j.id = ?")) {
                select.setLong(1, jobId);
                try (ResultSet rs = select.executeQuery()) {
                    return rs.next()
                            ? Optional.of(new JobState(
                                    jobId,
                                    rs.getString(1),
                                    rs.getString(2),
                                    rs.getString(3),
                                    rs.getInt(4) != 0,
                                    storedFromSpool(c, jobId)))
                            : Optional.empty();
                }
            }
        });
    }

    /**
     * The spool entry of the job's latest result: every claim adds a started event, and a result
     * stored from a spool entry adds a from_spool event naming it in the same transaction, so the
     * entry counts only when no claim came after it (ids grow with each insert, and a claim can
     * only insert once the result's transaction committed).
     */
    private static String storedFromSpool(Connection c, long jobId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT kind, message FROM job_events WHERE job_id = ? "
                + "AND kind IN ('started', '" + JobResultWriter.FROM_SPOOL + "') ORDER BY id DESC LIMIT 1")) {
            select.setLong(1, jobId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() && JobResultWriter.FROM_SPOOL.equals(rs.getString(1)) ? rs.getString(2) : null;
            }
        }
    }

    /**
     * The guarded update of a claim: running, leased to {@code owner}, attempt counted; only if the
     * row is still in one of {@code states} (and at {@code version}, when given).
     */
    private boolean claimRow(
            Connection c,
            long id,
            Long version,
            String states,
            String owner,
            java.time.Duration lease,
            LocalDateTime now)
            throws SQLException {
        try (PreparedStatement claim = c.prepareStatement("UPDATE pdr_model_jobs SET status = 'running', "
                + "pending = ?, active = ?, version = COALESCE(version, 0) + 1, attempts = COALESCE(attempts, 0) + 1, "
                + "lease_owner = ?, heartbeat_at = ?, lease_expires_at = ?, time_of_start = ?, time_of_finish = NULL, "
                + "error_message = NULL, postproc_error = NULL, not_before = NULL, time_updated = ? "
                + "WHERE id = ?" + (version == null ? "" : " AND COALESCE(version, 0) = ?")
                + " AND status IN (" + states + ")")) {
            claim.setBoolean(1, false);
            claim.setBoolean(2, true);
            claim.setString(3, owner);
            SqlTime.bind(catalog.dialect(), claim, 4, now);
            SqlTime.bind(catalog.dialect(), claim, 5, now.plus(lease));
            SqlTime.bind(catalog.dialect(), claim, 6, now);
            SqlTime.bind(catalog.dialect(), claim, 7, now);
            claim.setLong(8, id);
            if (version != null) {
                claim.setLong(9, version);
            }
            return claim.executeUpdate() == 1;
        }
    }

    /** After a claim: the started event, the job as claimed and its attempt record. */
    private ClaimedJob opened(Connection c, long id, String owner, AttemptInfo where, LocalDateTime now)
            throws SQLException {
        JobEvents.add(catalog.dialect(), c, id, now, "started", "claimed by " + owner);
        ClaimedJob job = ClaimedJobs.load(catalog.dialect(), c, id, now);
        Attempts.open(catalog.dialect(), c, id, job.attempt(), owner, where, now);
        return job;
    }

    private static Optional<Long> leasedBy(Connection c, String owner, long excluding) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT id FROM pdr_model_jobs WHERE lease_owner = ? AND"
                + " status = 'running' AND id <> ? ORDER BY id LIMIT 1")) {
            select.setString(1, owner);
            select.setLong(2, excluding);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    /**
     * What a claim takes, in one query: the job {@code owner} already holds but {@code finishing}
     * (an orphan, see {@link #claimNext}), else the oldest job reset from a stale run (it was
     * claimed once already), else the oldest pending one. On server databases the two runnable
     * rows are locked and rows other claimers hold are skipped, so concurrent workers take
     * different jobs without waiting; the lock on the one not taken ends with the claim's short
     * transaction. SQLite's write transaction is exclusive anyway.
     */
    private Optional<Candidate> candidate(
            Connection c, List<Long> modelIds, String owner, long[] finishing, LocalDateTime now) throws SQLException {
        // One state per subquery: "status IN (two states) ORDER BY id" cannot read an index in id
        // order, and the databases then walked every finished job of the grid (9,001 rows read
        // for one claim with 9,000 of 10,000 jobs finished, on MariaDB); with one state the
        // (model, status) and (status, id) indexes give the oldest job at once.
        try (PreparedStatement select = c.prepareStatement("SELECT id, v, k FROM (SELECT id, 0 AS v, 0 AS k FROM "
                + "pdr_model_jobs WHERE lease_owner = ? AND status = 'running' AND id NOT IN (?, ?) ORDER BY id"
                + " LIMIT 1) o "
                + "UNION ALL SELECT id, v, k FROM (" + runnable("reset_stale", 1, modelIds) + ") s "
                + "UNION ALL SELECT id, v, k FROM (" + runnable("pending", 2, modelIds) + ") p")) {
            select.setString(1, owner);
            select.setLong(2, finishing.length > 0 ? finishing[0] : 0);
            select.setLong(3, finishing.length > 1 ? finishing[1] : 0);
            SqlTime.bind(catalog.dialect(), select, 4, now);
            SqlTime.bind(catalog.dialect(), select, 5, now);
            Candidate first = null;
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    Candidate row = new Candidate(rs.getLong(1), rs.getLong(2), rs.getInt(3));
                    if (first == null || row.rank() < first.rank()) {
                        first = row;
                    }
                }
            }
            return Optional.ofNullable(first);
        }
    }

    /** A row a claim found: {@code rank} 0 the owner's orphan, 1 reset from a stale run, 2 pending. */
    private record Candidate(long id, long version, int rank) {
        boolean orphan() {
            return rank == 0;
        }
    }

    /** The oldest claimable job in {@code status}, locked, as (id, v = version, k = rank). */
    private String runnable(String status, int rank, List<Long> modelIds) {
        String models = modelIds.isEmpty()
                ? ""
                : " AND model_name_id IN ("
                        + modelIds.stream().map(String::valueOf).collect(Collectors.joining(", ")) + ")";
        // MariaDB's optimizer takes the primary key for "ORDER BY ... LIMIT 1" while its statistics
        // still count the finished jobs as pending (they lag a grid's progress): name the index.
        String index = catalog.dialect() == Dialect.MYSQL ? "FORCE INDEX (ix_jobs_status_id) " : "";
        return "SELECT id, COALESCE(version, 0) AS v, " + rank + " AS k FROM pdr_model_jobs " + index
                + "WHERE status = '"
                + status + "' AND (not_before IS NULL OR not_before <= ?)" + models
                // "status, id" orders as "id" does (one status) and names the index to read.
                + " ORDER BY status, id LIMIT 1" + catalog.dialect().forUpdateSkipLocked();
    }

    /**
     * --rerun: makes the model's jobs whose state is one of {@code states} pending again and
     * forces their recomputation even though outputs are stored. Returns how many.
     */
    public int requestRerun(long modelId, Set<JobStatus> states) {
        String in = states.stream().map(s -> "'" + s.dbName() + "'").collect(Collectors.joining(", "));
        return catalog.transactions().inTransaction("rerun " + in + " of model " + modelId, c -> {
            try (PreparedStatement update = c.prepareStatement("UPDATE pdr_model_jobs SET status = 'pending', "
                    + "pending = ?, active = ?, force_rerun = 1, time_updated = ? WHERE model_name_id = ? AND status IN ("
                    + in + ") AND parameter_hash IS NOT NULL")) {
                update.setBoolean(1, true);
                update.setBoolean(2, false);
                SqlTime.bind(catalog.dialect(), update, 3, LocalDateTime.now(clock));
                update.setLong(4, modelId);
                return update.executeUpdate();
            }
        });
    }

    /**
     * --reset-stale-jobs: running rows started before {@code before} (abandoned by a dead run) and
     * pending rows created before it that never started become reset_stale, which a run picks up
     * again. Returns how many.
     */
    public int resetStale(Long modelId, LocalDateTime before) {
        return catalog.transactions().inTransaction("reset stale jobs", c -> {
            String scope = modelId == null ? "" : " AND model_name_id = " + modelId;
            int count = 0;
            try (PreparedStatement update = c.prepareStatement("UPDATE pdr_model_jobs SET status = 'reset_stale', "
                    + "active = ?, pending = ?, lease_owner = NULL, time_updated = ?, error_message = "
                    + "'reset by --reset-stale-jobs' WHERE ((status = 'running' AND time_of_start < ?) OR (status = "
                    + "'pending' AND time_of_start IS NULL AND time_created < ?))" + scope)) {
                update.setBoolean(1, false);
                update.setBoolean(2, true);
                SqlTime.bind(catalog.dialect(), update, 3, LocalDateTime.now(clock));
                SqlTime.bind(catalog.dialect(), update, 4, before);
                SqlTime.bind(catalog.dialect(), update, 5, before);
                count += update.executeUpdate();
            }
            return count;
        });
    }

    /** Current state counts of a model's jobs (latest row per grid point). */
    public Map<String, Long> countsByStatus(long modelId) {
        return catalog.transactions().inTransaction("count jobs of model " + modelId, c -> {
            Map<String, Long> counts = new LinkedHashMap<>();
            // Joined to LATEST: a correlated "id = (SELECT MAX(id) ...)" was evaluated per row on
            // MariaDB, n^2 rows read (6 million for 2,500 jobs).
            try (PreparedStatement select = c.prepareStatement("SELECT j.status, COUNT(*) FROM " + LATEST
                    + " JOIN pdr_model_jobs j ON j.id = l.id GROUP BY j.status ORDER BY j.status")) {
                select.setLong(1, modelId);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        counts.put(rs.getString(1), rs.getLong(2));
                    }
                }
            }
            return counts;
        });
    }
}

package pdrrun.report;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import pdrrun.catalog.Dialect;

/**
 * Builds a {@link GridStatus} with a handful of set-based queries (GROUP BY on the model's
 * indexes, no window functions), so a 100k-job grid takes well under a second on SQLite. Reads
 * only. Not thread-safe (one database connection).
 */
public final class StatusQuery {
    /**
     * Where to look beside the catalog and how to judge ages.
     *
     * @param workers workers for the ETA, or null for one per running job (at least one)
     * @param coresPerModel cores one model run occupies, for core hours
     */
    public record Options(
            Double capSeconds,
            Integer workers,
            int coresPerModel,
            Path scratch,
            Path storageFolder,
            boolean withPoints,
            Clock clock) {
        public Options {
            if (workers != null && workers < 1) {
                throw new IllegalArgumentException("workers must be at least 1");
            }
            if (coresPerModel < 1) {
                throw new IllegalArgumentException("cores per model must be at least 1");
            }
        }
    }

    private static final String FINISHED_STATES = "('finished', 'finished_relaxed', 'flagged', 'not_converged')";
    private static final int EVENTS = 20;
    private final ReadOnlyDatabase db;
    private final Options options;
    private Boolean onlyModel;

    public StatusQuery(ReadOnlyDatabase db, Options options) {
        this.db = db;
        this.options = options;
    }

    /** The status of one model. */
    public GridStatus of(Models.Model model) {
        long id = model.id();
        LocalDateTime now = LocalDateTime.now(options.clock());
        StateCounts counts = StateCounts.of(db, id);
        Map<String, Long> states = counts.states;
        Map<StateClass, Long> classes = new EnumMap<>(StateClass.class);
        for (StateClass c : StateClass.values()) {
            classes.put(c, 0L);
        }
        states.forEach((state, n) -> classes.merge(StateClass.of(state), n, Long::sum));
        long total = states.values().stream().mapToLong(Long::longValue).sum();
        List<GridStatus.PointState> points =
                options.withPoints() ? PointStates.of(db, id, counts.duplicatedNames) : null;
        List<GridStatus.Running> running = new RunningJobs(db, options).of(id, now);
        double[] times = Percentiles.sorted(db
                .query(
                        "finished run times",
                        "SELECT execution_seconds FROM pdr_model_jobs WHERE model_name_id = ? AND status IN "
                                + FINISHED_STATES + " AND execution_seconds IS NOT NULL",
                        rs -> rs.getDouble(1),
                        id)
                .stream()
                .mapToDouble(Double::doubleValue)
                .toArray());
        GridStatus.Eta eta = eta(times, classes.get(StateClass.PENDING), running.size());
        List<GridStatus.Alert> alerts = new StatusAlerts(options, now).of(counts, running);
        List<GridStatus.ClusterJob> clusterJobs = db.query(
                "cluster jobs",
                "SELECT a.cluster_job_id, COUNT(*), COUNT(DISTINCT a.array_task_id), SUM(CASE WHEN a.finished_at IS"
                        + " NULL THEN 1 ELSE 0 END) FROM job_attempts a JOIN pdr_model_jobs j ON j.id = a.job_id"
                        + " WHERE j.model_name_id = ? AND a.cluster_job_id IS NOT NULL GROUP BY a.cluster_job_id"
                        + " ORDER BY a.cluster_job_id",
                rs -> new GridStatus.ClusterJob(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)),
                id);
        return new GridStatus(
                model.name(),
                id,
                now,
                total,
                states,
                classes,
                counts.rerunPoints,
                points,
                running,
                eta,
                counts.seconds / 3600,
                options.coresPerModel(),
                counts.postprocErrors,
                events(id),
                alerts,
                clusterJobs);
    }

    /**
     * The newest job events. A finish whose message is the job's post-processing error (the
     * catalog records "ONION CO: ..." as the finish message when the model itself was fine) is
     * followed by a "postproc_error" event of its own, so such errors stand out.
     */
    private List<GridStatus.Event> events(long id) {
        List<GridStatus.Event> events = new ArrayList<>();
        // SQLite joins every row of the model to its events and sorts them all (28 ms on 100k
        // jobs). When the catalog holds this model only, every event is one of its own, and CROSS
        // JOIN makes SQLite walk the events from the newest and stop at the 20th. With other models
        // that walk could cross millions of their events, so the planner chooses. (PostgreSQL
        // rejects CROSS JOIN ... ON; the servers' planners need no hint.)
        String join = db.settings().dialect() == Dialect.SQLITE && onlyModel() ? " CROSS JOIN " : " JOIN ";
        db.forEach(
                "recent events",
                "SELECT e.event_time, j.model_job_name, e.kind, e.message, CASE WHEN e.message = j.postproc_error"
                        + " THEN 1 ELSE 0 END FROM job_events e" + join + "pdr_model_jobs j ON j.id = e.job_id"
                        + " WHERE j.model_name_id = ? ORDER BY e.id DESC LIMIT " + EVENTS,
                rs -> {
                    LocalDateTime time = SqlText.time(rs.getString(1));
                    String job = rs.getString(2);
                    String message = rs.getString(4);
                    if (rs.getInt(5) == 1) {
                        events.add(new GridStatus.Event(time, job, "postproc_error", message));
                    }
                    events.add(new GridStatus.Event(time, job, rs.getString(3), message));
                },
                id);
        return events.size() > EVENTS ? List.copyOf(events.subList(0, EVENTS)) : events;
    }

    private boolean onlyModel() {
        if (onlyModel == null) {
            onlyModel = db.query("model count", "SELECT COUNT(*) FROM model_names", rs -> rs.getLong(1))
                            .get(0)
                    == 1;
        }
        return onlyModel;
    }

    private GridStatus.Eta eta(double[] sorted, long pending, int running) {
        if (sorted.length == 0) {
            return null;
        }
        int workers;
        String from;
        if (options.workers() != null) {
            workers = options.workers();
            from = "option";
        } else {
            workers = Math.max(1, running);
            from = running > 0 ? "running" : "default";
        }
        double scale = (double) pending / workers;
        return new GridStatus.Eta(
                Percentiles.of(sorted, 0.1) * scale,
                Percentiles.of(sorted, 0.5) * scale,
                Percentiles.of(sorted, 0.9) * scale,
                pending,
                workers,
                from,
                sorted.length);
    }
}

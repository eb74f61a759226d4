package pdrrun.report;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import pdrrun.run.process.TextoutProgress;

/**
 * Builds a {@link GridStatus} with a handful of set-based queries (GROUP BY on the model's
 * indexes, no window functions), so a 100k-job grid takes well under a second on SQLite. Reads
 * only. Not thread-safe (one database connection).
 */
public final class StatusQuery {
    /** Where to look beside the catalog and how to judge ages. */
    public record Options(
            Double capSeconds, int workers, Path scratch, Path storageFolder, boolean withPoints, Clock clock) {
        public Options {
            if (workers < 1) {
                throw new IllegalArgumentException("workers must be at least 1");
            }
        }
    }

    private static final String FINISHED_STATES = "('finished', 'finished_relaxed', 'flagged', 'not_converged')";
    private final ReadOnlyDatabase db;
    private final Options options;

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
        List<GridStatus.PointState> points = options.withPoints() ? points(id) : null;
        List<GridStatus.Running> running = running(id, now);
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
        GridStatus.Eta eta = eta(times, classes.get(StateClass.PENDING));
        List<GridStatus.Event> events = db.query(
                "recent events",
                "SELECT e.event_time, j.model_job_name, e.kind, e.message FROM job_events e JOIN pdr_model_jobs j"
                        + " ON j.id = e.job_id WHERE j.model_name_id = ? ORDER BY e.id DESC LIMIT 20",
                rs -> new GridStatus.Event(
                        SqlText.time(rs.getString(1)), rs.getString(2), rs.getString(3), rs.getString(4)),
                id);
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
                events,
                alerts,
                clusterJobs);
    }

    /**
     * Each point's latest row from one sequential scan ("+model_name_id" keeps SQLite off the
     * status index, whose row look-ups in random order cost ten times more), newest id winning.
     */
    private List<GridStatus.PointState> points(long id) {
        Map<String, GridStatus.PointState> latest = new LinkedHashMap<>();
        Map<String, Long> latestId = new HashMap<>();
        db.query(
                "grid point states",
                "SELECT id, model_job_name, status, attempts FROM pdr_model_jobs WHERE +model_name_id = ? ORDER BY id",
                rs -> {
                    String name = rs.getString(2);
                    GridStatus.PointState before = latest.remove(name);
                    latest.put(
                            name,
                            new GridStatus.PointState(
                                    name, rs.getString(3), before == null ? 1 : before.rows() + 1, rs.getInt(4)));
                    latestId.put(name, rs.getLong(1));
                    return null;
                },
                id);
        List<GridStatus.PointState> points = new ArrayList<>(latest.values());
        points.sort(Comparator.comparingLong(p -> latestId.get(p.jobName())));
        return points;
    }

    private List<GridStatus.Running> running(long id, LocalDateTime now) {
        return db.query(
                "running jobs",
                "SELECT id, model_job_name, lease_owner, time_of_start, heartbeat_at, run_directory FROM pdr_model_jobs"
                        + " WHERE model_name_id = ? AND status = 'running' ORDER BY id",
                rs -> {
                    long jobId = rs.getLong(1);
                    String name = rs.getString(2);
                    String owner = rs.getString(3);
                    LocalDateTime started = SqlText.time(rs.getString(4));
                    Path textout = RunDirectories.textout(rs.getString(6), options.scratch(), jobId, name)
                            .orElse(null);
                    TextoutProgress.Progress progress = textout == null
                            ? null
                            : TextoutProgress.parse(textout).orElse(null);
                    return new GridStatus.Running(
                            jobId,
                            name,
                            owner,
                            owner == null ? null : owner.split(":", 2)[0],
                            started,
                            SqlText.time(rs.getString(5)),
                            started == null
                                    ? null
                                    : Duration.between(started, now).toSeconds(),
                            options.capSeconds(),
                            textout == null ? null : textout.toString(),
                            progress);
                },
                id);
    }

    private GridStatus.Eta eta(double[] sorted, long pending) {
        if (sorted.length == 0) {
            return null;
        }
        double scale = (double) pending / options.workers();
        return new GridStatus.Eta(
                Percentiles.of(sorted, 0.1) * scale,
                Percentiles.of(sorted, 0.5) * scale,
                Percentiles.of(sorted, 0.9) * scale,
                pending,
                options.workers(),
                sorted.length);
    }
}

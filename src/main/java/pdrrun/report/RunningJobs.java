package pdrrun.report;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import pdrrun.run.process.TextoutProgress;

/**
 * The running jobs of a model for status: the latest row of a point only (so the list agrees with
 * the "run" count; a superseded row of the original left in "running" is history), with the host
 * and SLURM job of its open attempt and live progress from its TEXTOUT when the run directory is
 * reachable from here. Reads only; not thread-safe.
 */
final class RunningJobs {
    private final ReadOnlyDatabase db;
    private final StatusQuery.Options options;

    RunningJobs(ReadOnlyDatabase db, StatusQuery.Options options) {
        this.db = db;
        this.options = options;
    }

    List<GridStatus.Running> of(long modelId, LocalDateTime now) {
        List<GridStatus.Running> running = new ArrayList<>();
        db.forEach(
                "running jobs",
                "SELECT j.id, j.model_job_name, j.lease_owner, j.time_of_start, j.heartbeat_at, j.run_directory,"
                        + " a.host, a.cluster_job_id, a.array_task_id FROM pdr_model_jobs j"
                        + " LEFT JOIN job_attempts a ON a.job_id = j.id AND a.finished_at IS NULL"
                        + " WHERE j.model_name_id = ? AND j.status = 'running' AND NOT EXISTS (SELECT 1"
                        + " FROM pdr_model_jobs k WHERE k.model_name_id = j.model_name_id"
                        + " AND k.model_job_name = j.model_job_name AND k.id > j.id) ORDER BY j.id, a.id DESC",
                rs -> {
                    long jobId = rs.getLong(1);
                    if (!running.isEmpty() && running.get(running.size() - 1).id() == jobId) {
                        return; // an older attempt left open: the newest one counts
                    }
                    String name = rs.getString(2);
                    String owner = rs.getString(3);
                    LocalDateTime started = SqlText.time(rs.getString(4));
                    Path textout = RunDirectories.textout(rs.getString(6), options.scratch(), jobId, name)
                            .orElse(null);
                    TextoutProgress.Progress progress = textout == null
                            ? null
                            : TextoutProgress.parse(textout).orElse(null);
                    String host = rs.getString(7);
                    if (host == null && owner != null) {
                        host = owner.split(":", 2)[0];
                    }
                    running.add(new GridStatus.Running(
                            jobId,
                            name,
                            owner,
                            host,
                            rs.getString(8),
                            rs.getString(9),
                            started,
                            SqlText.time(rs.getString(5)),
                            started == null
                                    ? null
                                    : Duration.between(started, now).toSeconds(),
                            options.capSeconds(),
                            textout == null ? null : textout.toString(),
                            progress));
                },
                modelId);
        return running;
    }
}

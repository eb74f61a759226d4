package pdrrun.report;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import pdrrun.run.process.TextoutProgress;

/**
 * Where one grid stands (SPEC section 9, status): counts of the latest rows by state and class,
 * running jobs, ETA, model hours, recent events and alerts. A snapshot; immutable.
 *
 * @param states latest rows per state name
 * @param classes latest rows per class, every class present (zero when none)
 * @param rerunPoints grid points with more than one row or more than one attempt
 * @param points each grid point's latest state, or null when not asked for
 * @param modelHours sum of execution_seconds of every row / 3600
 * @param coresPerModel cores one model run occupies (OpenMP threads), as given to status
 * @param postprocErrors grid points whose latest row has a post-processing error
 */
public record GridStatus(
        String model,
        long modelId,
        LocalDateTime asOf,
        long totalPoints,
        Map<String, Long> states,
        Map<StateClass, Long> classes,
        long rerunPoints,
        List<PointState> points,
        List<Running> running,
        Eta eta,
        double modelHours,
        int coresPerModel,
        long postprocErrors,
        List<Event> events,
        List<Alert> alerts,
        List<ClusterJob> clusterJobs) {

    /** Model hours x cores per model. */
    public double coreHours() {
        return modelHours * coresPerModel;
    }

    /** A cluster (SLURM) job whose workers ran attempts of this grid. */
    public record ClusterJob(String jobId, long attempts, long arrayTasks, long running) {}

    /** A grid point's latest state and how often it ran. */
    public record PointState(String jobName, String state, int rows, int attempts) {}

    /**
     * A running job.
     *
     * @param host the host of the open attempt, else the host part of the lease owner
     *     (host:pid:id), null when unknown
     * @param clusterJob the SLURM job (array job id) of the open attempt, null outside SLURM
     * @param arrayTask the SLURM array task of the open attempt, null when none
     * @param capSeconds pdr.max_walltime_s, null when not configured
     * @param progress live progress from its TEXTOUT, null when the run directory is not reachable
     */
    public record Running(
            long id,
            String jobName,
            String owner,
            String host,
            String clusterJob,
            String arrayTask,
            LocalDateTime started,
            LocalDateTime heartbeat,
            Long elapsedSeconds,
            Double capSeconds,
            String textout,
            TextoutProgress.Progress progress) {}

    /**
     * Time to finish the pending points: percentiles of finished run times x pending / workers.
     *
     * @param workersFrom where the worker count comes from: "option" (--workers), "running" (the
     *     jobs running now, one per busy worker slot) or "default" (1: nothing runs)
     * @param samples finished run times the percentiles come from
     */
    public record Eta(
            double p10Seconds,
            double p50Seconds,
            double p90Seconds,
            long pending,
            int workers,
            String workersFrom,
            int samples) {}

    /** One job event. */
    public record Event(LocalDateTime time, String jobName, String kind, String message) {}

    /** Something a user must look at now. */
    public record Alert(String kind, String message) {}
}

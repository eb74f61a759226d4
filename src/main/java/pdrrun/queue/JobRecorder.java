package pdrrun.queue;

import java.time.LocalDateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pdrrun.catalog.Catalog;
import pdrrun.catalog.CatalogException;
import pdrrun.catalog.ClaimedJob;
import pdrrun.catalog.JobResult;
import pdrrun.catalog.JobResultWriter;
import pdrrun.catalog.LeaseLostException;
import pdrrun.catalog.Leases;
import pdrrun.job.IllegalJobStateChangeException;
import pdrrun.job.JobStatus;

/** Records a slot's results, falling back to an error state so a job never stays running. */
final class JobRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(JobRecorder.class);

    /** What {@link #record} wrote. */
    enum Recorded {
        /** The result itself. */
        RESULT,
        /** An error state in its place: the result was refused. */
        FALLBACK,
        /**
         * Nothing, and rightly: the job is no longer this worker's (released or recovered while it
         * ran, or recorded by another).
         */
        DROPPED,
        /** Nothing: the job's lease will expire for recovery. */
        NOTHING
    }

    private final JobResultWriter results;
    private final Leases leases;

    JobRecorder(Catalog catalog, Leases leases) {
        this.results = new JobResultWriter(catalog);
        this.leases = leases;
    }

    /**
     * Records a result (and its retry); when that fails, records an error state without outputs
     * instead. A result for a job that is no longer running under {@code owner} (released,
     * recovered as pending or lost, recorded by another) is dropped. {@link Recorded#NOTHING} when
     * not even the error state could be recorded: the slot should stop, and the job's lease will
     * expire for recovery.
     */
    Recorded record(ClaimedJob job, String owner, JobResult result, LocalDateTime retryAt, RunSummary summary) {
        try {
            results.finish(job.id(), owner, result, retryAt);
            summary.add(
                    job.id(), retryAt == null ? result.status() : JobStatus.PENDING, result.postprocError() != null);
            if (retryAt != null) {
                LOG.info(
                        "job {} {} {} on attempt {}: retry at {}",
                        job.id(),
                        job.jobName(),
                        result.status().dbName(),
                        job.attempt(),
                        retryAt);
            }
            return Recorded.RESULT;
        } catch (IllegalJobStateChangeException | CatalogException e) {
            if (LeaseLostException.causes(e)) {
                // Not a failure of this worker: the job was taken from it while it ran (cancel, a
                // lease that expired, another process). Writing an error over it would undo that.
                LOG.warn(
                        "job {} {}: no longer this worker's (released, recovered or recorded by another);"
                                + " its result {} is not recorded",
                        job.id(),
                        job.jobName(),
                        result.status().dbName());
                summary.unrecorded();
                return Recorded.DROPPED;
            }
            LOG.error(
                    "job {} {}: result {} not recorded: {}",
                    job.id(),
                    job.jobName(),
                    result.status().dbName(),
                    e.getMessage());
            summary.unrecorded();
        }
        try {
            results.finish(
                    job.id(),
                    owner,
                    JobResult.withoutFiles(
                            JobStatus.ERROR,
                            result.started(),
                            result.finished(),
                            result.executionSeconds(),
                            result.exitCode(),
                            "the result (" + result.status().dbName() + ") could not be recorded; see the log"));
            return Recorded.FALLBACK;
        } catch (IllegalJobStateChangeException | CatalogException e) {
            if (LeaseLostException.causes(e)) {
                // Taken from this worker meanwhile: nothing to record, and no reason to stop.
                LOG.warn(
                        "job {} {}: no longer this worker's; its error state is not recorded", job.id(), job.jobName());
                return Recorded.DROPPED;
            }
            LOG.error("job {} {}: not even its failure could be recorded: {}", job.id(), job.jobName(), e.getMessage());
            return Recorded.NOTHING;
        }
    }

    /** Gives a job back when the worker stops; its attempt does not count. */
    void release(ClaimedJob job, String owner, RunSummary summary) {
        try {
            leases.release(job.id(), owner, "worker stopped");
            summary.released();
        } catch (CatalogException e) {
            LOG.error(
                    "job {} {} could not be released; its lease will expire: {}",
                    job.id(),
                    job.jobName(),
                    e.getMessage());
        }
    }
}

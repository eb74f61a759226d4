package pdrrun.run;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pdrrun.catalog.Catalog;
import pdrrun.catalog.CatalogException;
import pdrrun.catalog.ClaimedJob;
import pdrrun.catalog.JobRepository;
import pdrrun.catalog.JobResult;
import pdrrun.catalog.JobResultWriter;
import pdrrun.job.IllegalJobStateChangeException;
import pdrrun.job.JobStatus;

/**
 * Runs a model's runnable jobs with N workers in this process: each worker claims a job, runs it
 * through the pipeline and records the result, then claims the next. One bad job never stops a
 * worker: its failure is recorded on the job.
 */
public final class GridRunner {
    private static final Logger LOG = LoggerFactory.getLogger(GridRunner.class);

    private final JobRepository jobs;
    private final JobResultWriter results;
    private final KosmaTauPipeline pipeline;
    private final Clock clock;
    private final int workers;
    private final ProgressListener progress;
    private final String owner;

    /** Hears each recorded job, for progress output. Thread-safe implementations. */
    public interface ProgressListener {
        void jobDone(ClaimedJob job, JobResult result, int done);
    }

    public GridRunner(Catalog catalog, KosmaTauPipeline pipeline, Clock clock, int workers, ProgressListener progress) {
        this.jobs = new JobRepository(catalog, clock);
        this.results = new JobResultWriter(catalog);
        this.pipeline = pipeline;
        this.clock = clock;
        this.workers = Math.max(1, workers);
        this.progress = progress;
        this.owner = ownerId();
    }

    /**
     * Records a result; when that fails, records an error state without outputs instead, so the
     * job does not stay running. Returns false when not even that could be recorded.
     */
    private boolean record(ClaimedJob job, String owner, JobResult result, RunSummary summary) {
        try {
            results.finish(job.id(), owner, result);
            summary.add(result.status(), result.postprocError() != null);
            return true;
        } catch (IllegalJobStateChangeException | CatalogException e) {
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
                    new JobResult(
                            JobStatus.ERROR,
                            result.started(),
                            result.finished(),
                            result.executionSeconds(),
                            result.exitCode(),
                            "the result (" + result.status().dbName() + ") could not be recorded; see the log",
                            null,
                            null,
                            null,
                            Map.of(),
                            null,
                            null,
                            null));
            return true;
        } catch (IllegalJobStateChangeException | CatalogException e) {
            LOG.error("job {} {}: not even its failure could be recorded: {}", job.id(), job.jobName(), e.getMessage());
            return false;
        }
    }

    /** host:pid:random, unique per process, recorded as the lease owner of claimed jobs. */
    static String ownerId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return host + ":" + ProcessHandle.current().pid() + ":"
                + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Runs until no runnable job of the model is left. */
    public RunSummary run(long modelId) {
        RunSummary summary = new RunSummary();
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t =
                    new Thread(r, "pdr-worker-" + UUID.randomUUID().toString().substring(0, 4));
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                String slotOwner = owner + "/" + i;
                futures.add(pool.submit(() -> work(modelId, slotOwner, summary, done)));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CatalogException("interrupted while running model " + modelId, e);
        } catch (ExecutionException e) {
            throw new CatalogException("a worker failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return summary;
    }

    private void work(long modelId, String owner, RunSummary summary, AtomicInteger done) {
        while (!Thread.currentThread().isInterrupted()) {
            Optional<ClaimedJob> claimed = jobs.claimNext(modelId, owner);
            if (claimed.isEmpty()) {
                return;
            }
            ClaimedJob job = claimed.get();
            JobResult result;
            try {
                result = pipeline.execute(job);
            } catch (RuntimeException e) {
                LOG.error("job {} {} failed unexpectedly", job.id(), job.jobName(), e);
                LocalDateTime now = LocalDateTime.now(clock);
                result = new JobResult(
                        JobStatus.ERROR,
                        job.started(),
                        now,
                        null,
                        null,
                        "unexpected failure: " + e,
                        null,
                        null,
                        null,
                        Map.of(),
                        null,
                        null,
                        null);
            }
            if (!record(job, owner, result, summary)) {
                // The catalog cannot take results: stop claiming rather than run jobs whose
                // results would be lost. The job keeps its lease for recovery.
                progress.jobDone(job, result, done.incrementAndGet());
                return;
            }
            progress.jobDone(job, result, done.incrementAndGet());
        }
    }
}

package pdrrun.queue;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pdrrun.catalog.AttemptInfo;
import pdrrun.catalog.Catalog;
import pdrrun.catalog.CatalogException;
import pdrrun.catalog.ClaimedJob;
import pdrrun.catalog.JobRepository;
import pdrrun.catalog.JobResult;
import pdrrun.catalog.Leases;
import pdrrun.concurrent.DaemonThreads;
import pdrrun.job.JobStatus;
import pdrrun.spool.Spool;
import pdrrun.spool.SpoolEntry;
import pdrrun.storage.StorageBackend;
import pdrrun.storage.StorageException;
import pdrrun.storage.StorageRetry;

/**
 * Stores what waits in the spool and records each job with the outcome its model run had, without
 * running any model ({@code pdr-run upload-pending}, and the start of every run and worker). Per
 * entry: claim the job (so no other process works on it), upload, record, and only after the
 * commit remove the entry. Idempotent: a crash anywhere leaves the entry and the job for the next
 * pass.
 *
 * <p>An entry is removed without uploading only when the job's recorded result is provably its
 * own: recorded with the entry's id (its upload committed, then the process died), or storage
 * holds the entry's structure file byte for byte. A job recorded otherwise was recomputed by a
 * host that could not see this spool. If that run ended without a complete model (aborted,
 * timeout, stalled, missing_output) and the entry holds one, the entry is stored and recorded
 * over it; in every other case the entry stays, named in the report, for the user to decide.
 * Not thread-safe; one pass at a time per object.
 */
public final class SpoolUploads {
    private static final Logger LOG = LoggerFactory.getLogger(SpoolUploads.class);

    /** States whose job still lacks its stored outputs and may be claimed to store them. */
    static final Set<JobStatus> UPLOADABLE = EnumSet.of(
            JobStatus.FAILED_STORAGE, JobStatus.PENDING, JobStatus.RESET_STALE, JobStatus.LOST, JobStatus.ERROR);

    /**
     * Final states of a model run that stored no complete model: a complete entry of such a job
     * is stored and recorded over them.
     */
    static final Set<JobStatus> ENDED_WITHOUT_OUTPUTS =
            EnumSet.of(JobStatus.ABORTED, JobStatus.TIMEOUT, JobStatus.STALLED, JobStatus.MISSING_OUTPUT);

    /**
     * What one pass did.
     *
     * @param uploaded entries stored and recorded
     * @param alreadyRecorded entries whose job was already recorded with their outputs: removed
     * @param failed entries whose upload failed again (job failed_storage), with the reason
     * @param left entries not touched (job running elsewhere, queued for --rerun, recorded by
     *     another run, not in this catalog, damaged), with the reason
     * @param incomplete entries without a manifest (spooling interrupted or under way): ignored
     */
    public record Report(int uploaded, int alreadyRecorded, List<String> failed, List<String> left, int incomplete) {
        /** True when nothing stays in the spool for want of a retry or a decision. */
        public boolean nothingPending() {
            return failed.isEmpty() && left.isEmpty();
        }

        public boolean isEmpty() {
            return uploaded == 0 && alreadyRecorded == 0 && nothingPending() && incomplete == 0;
        }

        /** The one-line summary, naming every entry that stays. */
        public String line(Spool spool) {
            List<String> pending = new ArrayList<>(failed);
            pending.addAll(left);
            StringBuilder line = new StringBuilder("Spool ")
                    .append(spool)
                    .append(": ")
                    .append(uploaded)
                    .append(" uploaded and recorded, ")
                    .append(alreadyRecorded)
                    .append(" already recorded, ")
                    .append(pending.size())
                    .append(" still pending");
            if (!pending.isEmpty()) {
                line.append(" (")
                        .append(String.join(
                                ", ",
                                pending.stream()
                                        .map(p -> p.substring(0, p.indexOf(':')))
                                        .toList()))
                        .append(")");
            }
            if (incomplete > 0) {
                line.append("; ").append(incomplete).append(" incomplete entr").append(incomplete == 1 ? "y" : "ies");
                line.append(" ignored");
            }
            return line.toString();
        }
    }

    private final JobRepository jobs;
    private final Leases leases;
    private final JobRecorder recorder;
    private final StorageBackend storage;
    private final StorageRetry retry;
    private final Spool spool;
    private final QueuePolicy policy;
    private final String owner = Worker.ownerId() + "/spool";
    private final AttemptInfo where = AttemptInfo.current(System.getenv());

    public SpoolUploads(
            Catalog catalog, StorageBackend storage, StorageRetry retry, Spool spool, QueuePolicy policy, Clock clock) {
        this.jobs = new JobRepository(catalog, clock);
        this.leases = new Leases(catalog, clock);
        this.recorder = new JobRecorder(catalog, leases);
        this.storage = storage;
        this.retry = retry;
        this.spool = spool;
        this.policy = policy;
    }

    /**
     * One pass over the spool's complete entries of {@code models} (all when empty).
     *
     * @throws StorageException when the spool folder cannot be listed
     */
    public Report uploadAll(List<String> models) {
        Spool.Listing listing = spool.list(models);
        List<String> failed = new ArrayList<>();
        List<String> left = new ArrayList<>();
        listing.damaged().forEach((folder, why) -> left.add(name(folder) + ": " + why));
        if (listing.complete().isEmpty()) {
            return new Report(0, 0, failed, left, listing.incomplete().size());
        }
        recoverDeadWorkers();
        int uploaded = 0;
        int already = 0;
        for (SpoolEntry entry : listing.complete()) {
            try {
                switch (upload(entry, failed, left)) {
                    case UPLOADED -> uploaded++;
                    case ALREADY_RECORDED -> already++;
                    default -> {}
                }
            } catch (CatalogException | StorageException e) {
                // one entry's trouble (its removal, the catalog) never stops the others
                left.add(entry.manifest().name() + ": " + e.getMessage());
            }
        }
        return new Report(uploaded, already, failed, left, listing.incomplete().size());
    }

    private enum Done {
        UPLOADED,
        ALREADY_RECORDED,
        NOT_DONE
    }

    private Done upload(SpoolEntry entry, List<String> failed, List<String> left) {
        var m = entry.manifest();
        Optional<JobRepository.JobState> state = jobs.state(m.jobId());
        if (state.isEmpty()
                || !state.get().modelName().equals(m.model())
                || !state.get().jobName().equals(m.job())) {
            left.add(m.name() + ": job " + m.jobId() + " of model " + m.model()
                    + " is not in this catalog; the entry stays in " + entry.where());
            return Done.NOT_DONE;
        }
        Optional<JobStatus> status = JobStatus.fromDb(state.get().status());
        if (status.isEmpty() || status.get() == JobStatus.RUNNING) {
            left.add(m.name() + ": job " + m.jobId() + " is " + state.get().status()
                    + "; the process holding it stores these outputs");
            return Done.NOT_DONE;
        }
        if (JobStatus.RUNNABLE.contains(status.get()) && state.get().forced()) {
            left.add(m.name() + ": job " + m.jobId() + " is queued for recomputation (--rerun);"
                    + " its new outputs will replace the entry");
            return Done.NOT_DONE;
        }
        if (UPLOADABLE.contains(status.get())) {
            return claimAndUpload(entry, UPLOADABLE, failed, left);
        }
        if (ownResult(entry, state.get())) {
            // Its outputs were stored and recorded by an earlier pass (or run) that died before
            // removing the entry: the entry is done.
            LOG.info(
                    "spool entry {}: job {} is already {} with these outputs; removed",
                    entry.where(),
                    m.jobId(),
                    status.get().dbName());
            entry.delete();
            return Done.ALREADY_RECORDED;
        }
        if (m.completeOutputs() && ENDED_WITHOUT_OUTPUTS.contains(status.get())) {
            // A recomputation elsewhere (a host that could not see this spool) failed where this
            // entry's model finished: these are the job's only complete outputs.
            EnumSet<JobStatus> from = EnumSet.copyOf(UPLOADABLE);
            from.add(status.get());
            return claimAndUpload(entry, from, failed, left);
        }
        // Recorded by another run, with other outputs (or, for an incomplete model, its own) in
        // storage: which to keep is the user's decision, so nothing is overwritten or lost.
        String recorded = status.get().dbName();
        String spooled = m.result().status().dbName();
        left.add(m.name() + ": job " + m.jobId() + " was recorded as " + recorded + " by another run, whose outputs"
                + " are in storage; these of a " + spooled + " model stay in " + entry.where() + ": remove the"
                + " folder to keep the recorded result, or select the job with run --rerun to store these instead");
        return Done.NOT_DONE;
    }

    /**
     * Whether the job's latest result is provably this entry's own: recorded with this entry's
     * id, or (an entry stored by a process that died before it could record, then taken as stored
     * by a later run) storage holds this entry's structure file byte for byte.
     */
    private boolean ownResult(SpoolEntry entry, JobRepository.JobState state) {
        return entry.manifest().id().equals(state.storedFromSpool()) || entry.structureStored(storage, retry);
    }

    /** Claims the job from one of {@code from}, stores the entry, records the job and removes the entry. */
    private Done claimAndUpload(SpoolEntry entry, Set<JobStatus> from, List<String> failed, List<String> left) {
        var m = entry.manifest();
        Optional<ClaimedJob> claim = jobs.claim(m.jobId(), from, owner, policy.lease(), where);
        if (claim.isEmpty()) {
            left.add(m.name() + ": job " + m.jobId() + " was taken by another process meanwhile");
            return Done.NOT_DONE;
        }
        ClaimedJob job = claim.get();
        JobResult result = uploadHeartbeating(job, entry);
        // No automatic retry from here: the entry waits for the next pass, run or worker.
        JobRecorder.Recorded recorded = recorder.record(job, owner, result, null, new RunSummary());
        if (recorded == JobRecorder.Recorded.RESULT && result.status() != JobStatus.FAILED_STORAGE) {
            entry.delete();
            LOG.info(
                    "job {} {}: stored from the spool and recorded as {}",
                    job.id(),
                    job.jobName(),
                    result.status().dbName());
            return Done.UPLOADED;
        }
        String why =
                recorded == JobRecorder.Recorded.RESULT ? result.errorMessage() : "its result could not be recorded";
        failed.add(m.name() + ": " + why);
        return Done.NOT_DONE;
    }

    /** Uploads while a heartbeat keeps the claim: a large upload may outlast one lease. */
    private JobResult uploadHeartbeating(ClaimedJob job, SpoolEntry entry) {
        ScheduledExecutorService heartbeat =
                Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("pdr-spool-heartbeat"));
        long period = Math.max(50, policy.heartbeat().toMillis());
        heartbeat.scheduleAtFixedRate(
                () -> {
                    try {
                        leases.renew(Map.of(job.id(), owner), policy.lease());
                    } catch (CatalogException e) {
                        LOG.warn("heartbeat of job {} failed (will try again): {}", job.id(), e.getMessage());
                    }
                },
                period,
                period,
                TimeUnit.MILLISECONDS);
        try {
            return entry.upload(storage, retry);
        } catch (StorageException e) {
            return entry.storageFailure(
                    "storage: " + e.getMessage() + "; the outputs still wait in the spool on " + entry.where());
        } finally {
            heartbeat.shutdownNow();
        }
    }

    private void recoverDeadWorkers() {
        // A job whose uploader died holds an expired lease: back to pending (or lost), and then
        // claimable here.
        try {
            List<Long> recovered = leases.recoverExpired(policy.maxAttempts());
            if (!recovered.isEmpty()) {
                LOG.warn("recovered {} job(s) of dead workers: {}", recovered.size(), recovered);
            }
        } catch (CatalogException e) {
            LOG.warn("recovery of expired leases failed: {}", e.getMessage());
        }
    }

    private static String name(java.nio.file.Path folder) {
        return folder.getParent().getFileName() + "/" + folder.getFileName();
    }
}

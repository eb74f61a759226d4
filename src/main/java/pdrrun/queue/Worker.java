package pdrrun.queue;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
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
import pdrrun.run.KosmaTauPipeline;

/**
 * Claims jobs from the catalog and runs them, {@code slots} at a time, until idle: the same code
 * for {@code run} and for {@code worker} processes on many hosts. Leases are renewed by a
 * heartbeat; expired leases of dead workers are recovered before claiming; a failed attempt in a
 * retryable state is queued again. One bad job never stops a slot.
 */
public final class Worker {
    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);

    /** Hears each claimed and each recorded job, for progress output. Thread-safe implementations. */
    public interface ProgressListener {
        /** A slot claimed {@code job} and starts it (again, after a retry). */
        default void jobStarted(ClaimedJob job) {}

        void jobDone(ClaimedJob job, JobResult result, int done);
    }

    private final Catalog catalog;
    private final JobRepository jobs;
    private final Leases leases;
    private final JobRecorder recorder;
    private final KosmaTauPipeline pipeline;
    private final Clock clock;
    private final QueuePolicy policy;
    private final WorkerOptions options;
    private final ProgressListener progress;
    private final String owner = ownerId();
    private final AttemptInfo where = AttemptInfo.current(System.getenv());
    private final Map<Long, String> inFlight = new ConcurrentHashMap<>();
    private final List<Thread> slots = new CopyOnWriteArrayList<>();
    private final List<Thread> finishers = new CopyOnWriteArrayList<>();
    private final AtomicInteger claimed = new AtomicInteger();
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicLong lastWork = new AtomicLong(System.nanoTime());
    private final AtomicLong lastRecovery = new AtomicLong(System.nanoTime() - Long.MAX_VALUE / 2);
    private final IdleSignal idle = new IdleSignal();
    private volatile boolean stopping;
    /** Set when running jobs are to be killed; a job finished after that sees it as an interrupt. */
    private volatile boolean killing;

    public Worker(
            Catalog catalog,
            KosmaTauPipeline pipeline,
            Clock clock,
            QueuePolicy policy,
            WorkerOptions options,
            ProgressListener progress) {
        this.catalog = catalog;
        this.jobs = new JobRepository(catalog, clock);
        this.leases = new Leases(catalog, clock);
        this.recorder = new JobRecorder(catalog, leases);
        this.pipeline = pipeline;
        this.clock = clock;
        this.policy = policy;
        this.options = options;
        this.progress = progress;
    }

    /** host:pid:random, recorded as lease owner (with the slot number appended). */
    static String ownerId() {
        return AttemptInfo.current(Map.of()).host() + ":"
                + ProcessHandle.current().pid() + ":"
                + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Runs until idle (or stopped); returns what was done. */
    public RunSummary run() {
        RunSummary summary = new RunSummary();
        ScheduledExecutorService heartbeat =
                Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("pdr-heartbeat"));
        long period = Math.max(50, policy.heartbeat().toMillis());
        heartbeat.scheduleAtFixedRate(this::beat, period, period, TimeUnit.MILLISECONDS);
        try {
            // Before the first claims, which all slots make at once: a folder and a connection
            // for each, instead of each slot's first job waiting for them (20 to 60 ms here).
            if (policy.overlap()) {
                pipeline.prepareAhead(options.slots());
            }
            catalog.openAhead(options.slots() + 1);
            for (int i = 0; i < options.slots(); i++) {
                String slotOwner = owner + "/" + i;
                Thread t = DaemonThreads.of(
                        () -> {
                            try {
                                work(slotOwner, summary);
                            } finally {
                                idle.changed(); // the others may now be the last ones
                            }
                        },
                        "pdr-worker-" + i);
                slots.add(t);
                t.start();
            }
            for (Thread t : slots) {
                t.join();
            }
        } catch (InterruptedException e) {
            stop(true);
            Thread.currentThread().interrupt();
        } finally {
            heartbeat.shutdownNow();
            pipeline.discardPrepared();
        }
        return summary;
    }

    /** Stops claiming; running models get the policy's grace, then are killed (immediately: now). */
    public void stop(boolean immediately) {
        stopping = true;
        idle.changed();
        if (immediately || policy.grace().isZero()) {
            interruptAll();
            return;
        }
        Thread killer = DaemonThreads.of(
                () -> {
                    try {
                        Thread.sleep(policy.grace().toMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    interruptAll();
                },
                "pdr-grace");
        killer.start();
    }

    private void interruptAll() {
        killing = true; // an executor clears a thread's interrupt between two tasks
        slots.forEach(Thread::interrupt);
        finishers.forEach(Thread::interrupt);
    }

    private void beat() {
        try {
            leases.renew(Map.copyOf(inFlight), policy.lease());
        } catch (CatalogException e) {
            LOG.warn("heartbeat failed (will try again): {}", e.getMessage());
        }
    }

    private void work(String slotOwner, RunSummary summary) {
        Finisher finisher = policy.overlap() ? new Finisher(slotOwner) : null;
        try {
            while (!stopping && !Thread.currentThread().isInterrupted() && (finisher == null || !finisher.slotEnded)) {
                if (options.maxJobs() > 0 && claimed.incrementAndGet() > options.maxJobs()) {
                    return;
                }
                recoverIfDue();
                if (pastDeadline()) {
                    LOG.info("stops claiming: a job could not finish before the allocation ends");
                    return;
                }
                long seen = idle.version();
                // A claim takes a running job of its owner for an orphan of a claim whose answer
                // was lost, which the jobs the slot still finishes are not. They are read before
                // whether the slot must stop: a job that ends the slot (left running when nothing
                // could be recorded) says so before it leaves them, and must not be claimed again.
                long[] finishing = finisher == null ? new long[0] : finisher.finishing();
                if (finisher != null && finisher.slotEnded) {
                    if (options.maxJobs() > 0) {
                        claimed.decrementAndGet();
                    }
                    return;
                }
                Optional<ClaimedJob> claim =
                        jobs.claimNext(options.modelIds(), slotOwner, policy.lease(), where, finishing);

                if (claim.isEmpty()) {
                    if (finisher != null) {
                        finisher.go();
                    }
                    if (options.maxJobs() > 0) {
                        claimed.decrementAndGet();
                    }
                    if (idleLongEnough()) {
                        return;
                    }
                    idle.await(
                            seen, Math.min(1000, Math.max(20, policy.heartbeat().toMillis() / 2)));
                    continue;
                }
                lastWork.set(System.nanoTime());
                ClaimedJob job = claim.get();
                if (finisher != null) {
                    finisher.go();
                }
                inFlight.put(job.id(), slotOwner);
                progress.jobStarted(job);
                KosmaTauPipeline.Remainder rest = begin(job);
                if (finisher == null) {
                    if (!complete(job, slotOwner, rest, summary)) {
                        return;
                    }
                } else {
                    finisher.handOver(
                            job.id(),
                            () -> postprocess(job, rest),
                            stored -> complete(job, slotOwner, stored, summary));
                }
            }
        } finally {
            if (finisher != null) {
                finisher.close();
            }
        }
    }

    /**
     * Finishes the job (its post-processing, unless done, and its outputs) and records it; false
     * when the slot must stop: the job was released by a stop, or nothing could be recorded.
     */
    private boolean complete(ClaimedJob job, String slotOwner, KosmaTauPipeline.Remainder rest, RunSummary summary) {
        try {
            JobResult result = finish(job, rest);
            if (stopping && (result.status() == JobStatus.RESET_STALE || killedByTheStop(result))) {
                recorder.release(job, slotOwner, summary);
                return false;
            }
            Duration delay = policy.retryDelay(result.status(), job.attempt());
            LocalDateTime retryAt =
                    delay == null ? null : LocalDateTime.now(clock).plus(delay);
            JobRecorder.Recorded recorded = recorder.record(job, slotOwner, result, retryAt, summary);
            if (recorded == JobRecorder.Recorded.NOTHING) {
                return false;
            }
            if (recorded == JobRecorder.Recorded.RESULT) {
                pipeline.recorded(job, result);
            }
            progress.jobDone(job, result, done.incrementAndGet());
            return true;
        } finally {
            // Only now: an idle slot that saw no job in flight (and no retry due, the result not
            // yet committed) would take the grid for done while this job may still be retried.
            lastWork.set(System.nanoTime());
            inFlight.remove(job.id());
            idle.changed();
        }
    }

    /**
     * One slot's threads for the part of a job after its model, so the slot starts its next model
     * meanwhile: a model is never kept waiting for its predecessor's uploads. That part runs in two
     * stages on two threads, so that a job's post-processing (ONION) overlaps its predecessor's
     * storing and recording: 100 jobs of instant executables and four species on one slot took
     * 2.51 instead of 2.77 s (medians of 4), whose critical path had been the whole of each job's
     * remainder. The slot hands over a job once its predecessor's post-processing has ended and
     * the one before that is recorded: at most one job post-processed and one stored per slot,
     * each in its own run directory, and jobs are recorded in the order they were claimed.
     * Post-processing starts once the next job is claimed (or there is none), not during the
     * claim: with the two at once, claim to model start took 18-42 ms instead of 14-23 on
     * PostgreSQL. Used by the slot's thread only.
     */
    private final class Finisher {
        private final ExecutorService postprocessor;
        private final ExecutorService storer;
        /** The post-processing of the last job handed over; null when none. */
        private Future<?> postprocessing;
        /** The last job handed over and the one before: recorded, false when the slot must stop. */
        private Future<Boolean> last;

        private Future<Boolean> beforeLast;
        /**
         * Set when a finished job says the slot must stop; read by the slot before its claims
         * (the slot may have claimed one more job meanwhile, which it finishes).
         */
        private volatile boolean slotEnded;
        /** The ids of the jobs being post-processed or stored, for the claim (at most two). */
        private final Set<Long> finishing = ConcurrentHashMap.newKeySet();
        /** Opened when the job handed over may be post-processed. */
        private CountDownLatch gate = new CountDownLatch(0);

        Finisher(String slotName) {
            String slot = slotName.substring(slotName.lastIndexOf('/') + 1);
            this.postprocessor = Executors.newSingleThreadExecutor(r -> finisherThread(r, "pdr-finish-" + slot));
            this.storer = Executors.newSingleThreadExecutor(r -> finisherThread(r, "pdr-record-" + slot));
        }

        private Thread finisherThread(Runnable r, String name) {
            Thread t = DaemonThreads.of(r, name);
            finishers.add(t); // interrupted with the slots when the run stops
            return t;
        }

        /** The ids of the jobs being finished, for {@link JobRepository#claimNext}. */
        long[] finishing() {
            return finishing.stream().mapToLong(Long::longValue).toArray();
        }

        /**
         * Waits until the previous job is post-processed and the one before it recorded, then
         * finishes the job in the background: {@code postprocess} on one thread, then {@code
         * record} (storing and recording) on the other.
         */
        void handOver(
                long jobId,
                Supplier<KosmaTauPipeline.Remainder> postprocess,
                Function<KosmaTauPipeline.Remainder, Boolean> record) {
            awaitPostprocessed();
            awaitRecorded(beforeLast);
            finishing.add(jobId);
            CountDownLatch opened = new CountDownLatch(1);
            gate = opened;
            CompletableFuture<KosmaTauPipeline.Remainder> post = CompletableFuture.supplyAsync(
                    () -> {
                        awaitUninterruptibly(opened);
                        seeTheKill();
                        return postprocess.get();
                    },
                    postprocessor);
            postprocessing = post;
            beforeLast = last;
            last = post.handleAsync(
                    (stored, failure) -> {
                        seeTheKill();
                        boolean goOn = false;
                        try {
                            if (failure != null) {
                                // Not a RuntimeException (those become an error result): reported
                                // by the hand-over that waits for this job.
                                throw new CompletionException(failure);
                            }
                            goOn = record.apply(stored);
                            return goOn;
                        } finally {
                            if (!goOn) {
                                slotEnded = true; // seen by the slot before its next claim, not only its next hand-over
                            }
                            finishing.remove(jobId);
                        }
                    },
                    storer);
        }

        /** An executor clears a thread's interrupt between two tasks: a kill is made an interrupt again. */
        private void seeTheKill() {
            if (killing) {
                Thread.currentThread().interrupt();
            }
        }

        /** Lets the job handed over be post-processed: the next job is claimed, or there is none. */
        void go() {
            gate.countDown();
        }

        /**
         * A stop's interrupt must not skip the job (it would be neither recorded nor released): it
         * is kept, and the job's remainder sees it.
         */
        private static void awaitUninterruptibly(CountDownLatch latch) {
            boolean interrupted = false;
            while (true) {
                try {
                    latch.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        /** Waits for the last job's post-processing (uninterruptibly: its job must be recorded or released). */
        private void awaitPostprocessed() {
            go();
            if (postprocessing != null) {
                awaitQuietly(postprocessing); // a failure is reported where the job is recorded
                postprocessing = null;
            }
        }

        /** Waits until {@code job} is recorded (uninterruptibly: it must be recorded or released). */
        private void awaitRecorded(Future<Boolean> job) {
            if (job == null) {
                return;
            }
            try {
                if (!await(job)) {
                    slotEnded = true;
                }
            } catch (ExecutionException e) {
                LOG.error("finishing a job failed unexpectedly", e.getCause());
                slotEnded = true;
            }
        }

        private static <T> T await(Future<T> future) throws ExecutionException {
            boolean interrupted = false;
            try {
                while (true) {
                    try {
                        return future.get();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        private static void awaitQuietly(Future<?> future) {
            try {
                await(future);
            } catch (ExecutionException e) {
                // reported by the stage after it
            }
        }

        void close() {
            awaitPostprocessed();
            awaitRecorded(beforeLast);
            awaitRecorded(last);
            beforeLast = null;
            last = null;
            postprocessor.shutdown();
            storer.shutdown();
        }
    }

    private KosmaTauPipeline.Remainder begin(ClaimedJob job) {
        try {
            return pipeline.begin(job);
        } catch (RuntimeException e) {
            return KosmaTauPipeline.Remainder.done(unexpected(job, e));
        }
    }

    /** The job's post-processing; what is left to finish (failures become a finished remainder). */
    private KosmaTauPipeline.Remainder postprocess(ClaimedJob job, KosmaTauPipeline.Remainder rest) {
        try {
            return rest.postprocess();
        } catch (RuntimeException e) {
            return KosmaTauPipeline.Remainder.done(unexpected(job, e));
        }
    }

    private JobResult finish(ClaimedJob job, KosmaTauPipeline.Remainder rest) {
        try {
            return rest.finish();
        } catch (RuntimeException e) {
            return unexpected(job, e);
        }
    }

    private JobResult unexpected(ClaimedJob job, RuntimeException e) {
        LOG.error("job {} {} failed unexpectedly", job.id(), job.jobName(), e);
        LocalDateTime now = LocalDateTime.now(clock);
        return JobResult.withoutFiles(JobStatus.ERROR, job.started(), now, null, null, "unexpected failure: " + e);
    }

    /**
     * A model killed by a signal while its worker stops was most likely killed by the same stop:
     * scancel and systemd signal every process of the task, the model too. That run says nothing
     * about the job, which is released like an interrupted one rather than counted as aborted.
     * Only an aborted run counts: a timeout or stall is our own limit's kill (SIGTERM, exit 143
     * too) and a true result, and a result stored from the spool carries the exit code of a model
     * run long before this stop.
     */
    static boolean killedByTheStop(JobResult result) {
        return result.status() == JobStatus.ABORTED
                && result.spoolEntry() == null
                && result.exitCode() != null
                && result.exitCode() > 128;
    }

    /** Dead workers' jobs are recovered at most once per heartbeat period per process. */
    private void recoverIfDue() {
        long last = lastRecovery.get();
        long now = System.nanoTime();
        if (now - last < policy.heartbeat().toNanos() || !lastRecovery.compareAndSet(last, now)) {
            return;
        }
        try {
            List<Long> recovered = leases.recoverExpired(policy.maxAttempts());
            if (!recovered.isEmpty()) {
                LOG.warn("recovered {} job(s) of dead workers: {}", recovered.size(), recovered);
            }
        } catch (CatalogException e) {
            LOG.warn("recovery of expired leases failed (will try again): {}", e.getMessage());
        }
    }

    /** True when a job started now could outlast the deadline (its wall-time cap counted). */
    private boolean pastDeadline() {
        if (options.deadline() <= 0) {
            return false;
        }
        Duration cap = pipeline.wallTimeCap();
        return clock.millis() + (cap == null ? 0 : cap.toMillis()) > options.deadline();
    }

    private boolean idleLongEnough() {
        if (System.nanoTime() - lastWork.get() < options.idleExit().toNanos() || !inFlight.isEmpty()) {
            return false;
        }
        // A job whose worker went silent is recovered when its lease expires: stay until then, so
        // that a grid whose other workers died still completes.
        if (leases.silentJobs(options.modelIds(), policy.heartbeat().multipliedBy(2))) {
            return false;
        }
        return !options.waitForRetries() || !leases.retriesWaiting(options.modelIds());
    }
}

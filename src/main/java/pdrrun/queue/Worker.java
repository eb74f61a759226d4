package pdrrun.queue;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
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
                // was lost, which the job the slot still finishes is not.
                Optional<ClaimedJob> claim = jobs.claimNext(
                        options.modelIds(),
                        slotOwner,
                        policy.lease(),
                        where,
                        finisher == null ? 0 : finisher.finishing);

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
                    finisher.handOver(job.id(), () -> complete(job, slotOwner, rest, summary));
                }
            }
        } finally {
            if (finisher != null) {
                finisher.close();
            }
        }
    }

    /**
     * Finishes the job (post-processing, outputs) and records it; false when the slot must stop:
     * the job was released by a stop, or nothing could be recorded.
     */
    private boolean complete(ClaimedJob job, String slotOwner, KosmaTauPipeline.Remainder rest, RunSummary summary) {
        JobResult result = finish(job, rest);
        try {
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
     * One slot's thread for the part of a job after its model (ONION, post-processing, storing,
     * recording), so the slot starts its next model meanwhile: a model is never kept waiting for its
     * predecessor's uploads. That part starts once the next job is claimed (or there is none), not
     * during the claim: with the two at once, claim to model start took 18-42 ms instead of 14-23
     * on PostgreSQL. Waiting for the next model's start as well gave 1 s models a makespan 0.002
     * x shorter, but instant ones 2.5 ms more per job (their inputs and folder made in turn). At
     * most one job is being finished per slot: handing over the next waits for it. Used by the
     * slot's thread only.
     */
    private final class Finisher {
        private final ExecutorService thread;
        private Future<Boolean> current;
        /** Set when a finished job says the slot must stop; read by the slot before claiming. */
        private volatile boolean slotEnded;
        /** The id of the job being finished, 0 when none. */
        private volatile long finishing;
        /** Opened when the job handed over may be finished. */
        private CountDownLatch gate = new CountDownLatch(0);

        Finisher(String slotName) {
            this.thread = Executors.newSingleThreadExecutor(r -> {
                Thread t = DaemonThreads.of(r, "pdr-finish-" + slotName.substring(slotName.lastIndexOf('/') + 1));
                finishers.add(t); // interrupted with the slots when the run stops
                return t;
            });
        }

        /** Waits until the previous job is finished, then finishes {@code task} in the background. */
        void handOver(long jobId, Callable<Boolean> task) {
            awaitCurrent();
            finishing = jobId;
            CountDownLatch opened = new CountDownLatch(1);
            gate = opened;
            current = thread.submit(() -> {
                awaitUninterruptibly(opened);
                if (killing) {
                    Thread.currentThread().interrupt();
                }
                boolean goOn = false;
                try {
                    goOn = task.call();
                    return goOn;
                } finally {
                    if (!goOn) {
                        slotEnded = true; // seen by the slot before its next claim, not only its next hand-over
                    }
                }
            });
        }

        /** Lets the job handed over be finished: the next job is claimed, or there is none. */
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

        /** Waits for the job being finished (uninterruptibly: it must be recorded or released). */
        private void awaitCurrent() {
            go();
            if (current == null) {
                return;
            }
            boolean interrupted = false;
            try {
                while (true) {
                    try {
                        if (!current.get()) {
                            slotEnded = true;
                        }
                        break;
                    } catch (InterruptedException e) {
                        interrupted = true;
                    } catch (ExecutionException e) {
                        LOG.error("finishing a job failed unexpectedly", e.getCause());
                        slotEnded = true;
                        break;
                    }
                }
            } finally {
                current = null;
                finishing = 0;
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        void close() {
            awaitCurrent();
            thread.shutdown();
        }
    }

    private KosmaTauPipeline.Remainder begin(ClaimedJob job) {
        try {
            return pipeline.begin(job);
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

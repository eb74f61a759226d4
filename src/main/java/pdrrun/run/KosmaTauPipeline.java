package pdrrun.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pdrrun.catalog.ClaimedJob;
import pdrrun.catalog.JobResult;
import pdrrun.concurrent.DaemonThreads;
import pdrrun.job.JobStatus;
import pdrrun.run.process.Invocation;
import pdrrun.run.process.ModelProcess;
import pdrrun.run.process.Outcome;
import pdrrun.run.process.OutcomeClassifier;
import pdrrun.run.process.ProcessLimits;
import pdrrun.run.process.ProcessResult;
import pdrrun.run.process.RunStatus;
import pdrrun.spool.PendingResult;
import pdrrun.spool.Spool;
import pdrrun.spool.SpoolEntry;
import pdrrun.storage.StorageBackend;
import pdrrun.storage.StorageException;
import pdrrun.storage.StorageRetry;

/**
 * One KOSMA-tau model run (SPEC section 4 and 9): run directory, inputs, pdrexe under its limits,
 * outcome, ONION and post-processing for usable models, outputs into storage. Outputs that cannot
 * be stored go to the {@link Spool}, and a job whose outputs wait there is stored from it instead
 * of being recomputed. It never touches the database: the caller records the returned {@link
 * JobResult} (and then calls {@link #recorded}), so no connection is held while a model runs.
 * Thread-safe: parallel jobs use one pipeline.
 */
public final class KosmaTauPipeline {
    private static final Logger LOG = LoggerFactory.getLogger(KosmaTauPipeline.class);
    private static final int WARM_UP_RENDERINGS = 40; // enough for the client compiler to take over

    private final RunSettings settings;
    private final StorageBackend storage;
    private final StorageRetry retry;
    private final Clock clock;
    private final JobListener listener;
    private final ModelProcess processes;
    private final Spool spool;
    /** Spool entries to remove once the job's result is committed, by job id. */
    private final Map<Long, AfterCommit> afterCommit = new ConcurrentHashMap<>();

    private record AfterCommit(SpoolEntry entry, JobResult result) {}

    private final RunDirectoryPool runDirectories;

    public KosmaTauPipeline(
            RunSettings settings,
            StorageBackend storage,
            StorageRetry retry,
            Clock clock,
            JobListener listener,
            Spool spool) {
        this.settings = settings;
        this.storage = storage;
        this.retry = retry;
        this.clock = clock;
        this.listener = listener;
        this.processes = new ModelProcess(clock);
        this.spool = spool;
        this.runDirectories = new RunDirectoryPool(settings.scratch(), settings.home(), settings.inputMode());
    }

    /**
     * Starts a low-priority daemon thread that renders the templates a few dozen times for made-up
     * values and initialises the checksum, JSON and archive code while the catalog is opened and
     * the grid registered (call it as soon as the settings are known). The JVM loads, initialises
     * and compiles that code once (a quarter of a second for the JSON parser alone); without this,
     * each slot's first jobs pay for it between two models. Best effort: a failure is logged at
     * debug level and changes nothing.
     */
    public static void warmUpInBackground(RunSettings settings) {
        Thread t = DaemonThreads.of(() -> warmUp(settings), "pdr-warm-up");
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    private static void warmUp(RunSettings settings) {
        try {
            Map<String, Object> values = new HashMap<>();
            for (pdrrun.grid.ParameterColumn column : pdrrun.grid.ParameterColumns.ALL) {
                values.put(column.name(), column.defaultValue() == null ? "CO" : column.defaultValue());
            }
            for (int i = 0; i < WARM_UP_RENDERINGS; i++) {
                values.put("xnsur", 1000.0 + i); // a different value each time, as for real jobs
                RenderedInputs.render(settings, values);
            }
            pdrrun.storage.Checksums.newSha256().digest(new byte[1 << 16]);
            pdrrun.storage.OutArchive.warmUp();
        } catch (RuntimeException | IOException e) {
            LOG.debug("warm-up stopped: {}", e.toString());
        }
    }

    /**
     * From now on, up to {@code folders} run directories are made ahead, each after a job's model
     * (while the slot's next model runs), so that the next job of a slot finds one made and its
     * model starts sooner; the first ones now, before any job is claimed. Only with pdr.input_mode
     * link. {@link #discardPrepared} removes those left when the run ends.
     */
    public void prepareAhead(int folders) {
        runDirectories.keepAhead(folders);
        runDirectories.fill();
    }

    /** Removes the run directories made ahead and not used. */
    public void discardPrepared() {
        runDirectories.discard();
    }

    /** The wall-time cap of one model run (pdr.max_walltime_s), or null when there is none. */
    public java.time.Duration wallTimeCap() {
        return settings.limits().wallTime();
    }

    /**
     * What is left of a job once its model has exited: post-processing, storing the outputs and
     * removing the run directory. {@link #finish} runs it (once) and returns what to record; it may
     * run on another thread than {@link #begin}, while the caller starts its next model.
     */
    public interface Remainder {
        /** Completes the job; failures become states, never exceptions. */
        JobResult finish();

        /**
         * Runs the job's post-processing (ONION per species, the configured steps) and returns the
         * rest, which stores the model's outputs and must then be finished: a slot may finish that
         * while its next job is post-processed. Failures become a finished remainder, as
         * {@link #finish} makes them states. Called instead of {@link #finish} on this remainder,
         * at most once.
         */
        default Remainder postprocess() {
            return this;
        }

        /** A job that ended before or with its model: nothing is left to do. */
        static Remainder done(JobResult result) {
            return () -> result;
        }
    }

    /**
     * Runs the job and returns what to record; failures become states, never exceptions. Same as
     * {@code begin(job).finish()}.
     */
    public JobResult execute(ClaimedJob job) {
        return begin(job).finish();
    }

    /**
     * Runs the job up to the exit of its model and returns the rest, which must then be finished;
     * failures before that become a finished remainder. A job whose outputs wait in the spool is
     * stored from there, not recomputed; under --rerun only as long as its inputs (rendered
     * configuration, template) are those the entry was computed from, else the model runs and its
     * outputs supersede the entry.
     */
    public Remainder begin(ClaimedJob job) {
        LocalDateTime started = LocalDateTime.now(clock);
        Optional<SpoolEntry> spooled = spooledOutputs(job);
        if (spooled.isPresent() && !job.forced()) {
            return Remainder.done(fromSpool(job, spooled.get(), started));
        }
        StoragePaths paths = new StoragePaths(job.modelName(), job.jobName());
        RenderedInputs inputs;
        try {
            inputs = RenderedInputs.render(settings, job);
        } catch (RuntimeException e) {
            return Remainder.done(failure(job, started, JobStatus.ERROR, e.getMessage(), null));
        }
        if (spooled.isPresent() && computedFrom(spooled.get(), inputs)) {
            return Remainder.done(fromSpool(job, spooled.get(), started));
        }
        if (!job.forced() && isStored(paths)) {
            return Remainder.done(new SkippedJob(settings, storage, retry, clock).record(job, inputs, paths, started));
        }
        RunDirectory dir = null;
        boolean handedOver = false;
        try {
            dir = runDirectories.take(job.jobName(), job.id(), !species(job).isEmpty());
            inputs.writeInto(dir.root());
            listener.runDirectory(job, dir.root());
            Path textout = dir.resolve("pdroutput/TEXTOUT");
            ProcessResult process = processes.run(
                    new Invocation(
                            List.of("./" + settings.home().pdrExe()), dir.root(), textout, false, environment(job)),
                    settings.limits());
            Outcome outcome = OutcomeClassifier.classify(process, dir.root());
            if (outcome.warning() != null) {
                LOG.warn("job {} {}: {}", job.id(), job.jobName(), outcome.warning());
            }
            RunDirectory ran = dir;
            handedOver = true;
            return new AfterModel(job, inputs, paths, ran, started, process, outcome, spooled);
        } catch (RunPreparationException | IOException e) {
            return Remainder.done(failure(job, started, JobStatus.ERROR, e.getMessage(), inputs));
        } catch (InterruptedException e) {
            // The run is being stopped: the job did not fail, it becomes runnable again.
            Thread.currentThread().interrupt();
            return Remainder.done(
                    failure(job, started, JobStatus.RESET_STALE, "interrupted: the run was stopped", inputs));
        } finally {
            if (dir != null && !handedOver) {
                close(job, dir);
            }
        }
    }

    /**
     * The part of a job after its model, in two: post-processing, then its outputs stored and its
     * run directory given back. Used by one thread at a time.
     */
    private final class AfterModel implements Remainder {
        private final ClaimedJob job;
        private final RenderedInputs inputs;
        private final StoragePaths paths;
        private final RunDirectory dir;
        private final LocalDateTime started;
        private final ProcessResult process;
        private final Outcome outcome;
        private final Optional<SpoolEntry> spooled;
        private final List<String> postErrors = new ArrayList<>();
        private OutputStore store;

        AfterModel(
                ClaimedJob job,
                RenderedInputs inputs,
                StoragePaths paths,
                RunDirectory dir,
                LocalDateTime started,
                ProcessResult process,
                Outcome outcome,
                Optional<SpoolEntry> spooled) {
            this.job = job;
            this.inputs = inputs;
            this.paths = paths;
            this.dir = dir;
            this.started = started;
            this.process = process;
            this.outcome = outcome;
            this.spooled = spooled;
        }

        @Override
        public JobResult finish() {
            return postprocess().finish();
        }

        @Override
        public Remainder postprocess() {
            boolean handedOver = false;
            try {
                store = new OutputStore(
                        storage,
                        retry,
                        settings.compression(),
                        settings.takeOutputs() && !settings.keepTmp(),
                        () -> spool.begin(job.id(), job.modelName(), job.jobName()));
                if (job.forced()) {
                    store.replacing(paths.structure());
                }
                if (JobStatus.USABLE.contains(outcome.status())) {
                    KosmaTauPipeline.this.postprocess(job, dir.root(), paths, store, postErrors);
                }
                handedOver = true;
                return this::stored;
            } catch (StorageException e) {
                return Remainder.done(notSpooled(job, started, inputs, process, outcome, store, e, dir));
            } catch (RunPreparationException | IOException | InterruptedException e) {
                return Remainder.done(failed(e));
            } finally {
                if (!handedOver) {
                    try {
                        storage.flush(); // what was stored before the failure, before the catalog names it
                    } finally {
                        close(job, dir);
                    }
                }
            }
        }

        private JobResult stored() {
            try {
                JobResult result = storeOutputs();
                if (spooled.isPresent() && result.status() != JobStatus.FAILED_STORAGE) {
                    afterCommit.put(job.id(), new AfterCommit(spooled.get(), result));
                }
                return result;
            } catch (RunPreparationException | IOException | InterruptedException e) {
                return failed(e);
            } finally {
                close(job, dir);
            }
        }

        /** An interrupt (the run is being stopped: the job becomes runnable again) or an error. */
        private JobResult failed(Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                return failure(job, started, JobStatus.RESET_STALE, "interrupted: the run was stopped", inputs);
            }
            return failure(job, started, JobStatus.ERROR, e.getMessage(), inputs);
        }

        /** Stores the model's outputs after its post-processing, which stored its own into {@code store}. */
        private JobResult storeOutputs() throws IOException, InterruptedException {
            Map<String, String> fileColumns = new LinkedHashMap<>();
            try {
                ModelOutputs.store(dir.root(), paths, outcome.status(), store, fileColumns);
            } catch (StorageException e) {
                return notSpooled(job, started, inputs, process, outcome, store, e, dir);
            } finally {
                storage.flush(); // before anything names the stored files in the catalog
            }
            Map<String, Object> columns = new LinkedHashMap<>();
            putRunStatus(columns, outcome.details());
            if (settings.keepTmp()) {
                columns.put("run_directory", dir.root().toString());
            }
            LocalDateTime finished = LocalDateTime.ofInstant(process.finished(), java.time.ZoneOffset.UTC);
            PendingResult pending = new PendingResult(
                    outcome.status(),
                    LocalDateTime.ofInstant(process.started(), java.time.ZoneOffset.UTC),
                    finished,
                    seconds(process.wallTime()),
                    process.exitCode(),
                    JobStatus.OK.contains(outcome.status()) ? null : outcome.reason(),
                    postErrors.isEmpty() ? null : String.join("; ", postErrors),
                    inputs.configJson(),
                    inputs.templateSha256(),
                    inputs.templateRecord(),
                    columns,
                    fileColumns,
                    ModelOutputs.hdfDestinations(outcome.status(), paths),
                    ModelOutputs.jsonDestination(paths));
            if (store.spooling() == null) {
                return pending.complete(store.stored(), storage.location(job.modelName()), finished);
            }
            SpoolEntry entry;
            try {
                entry = store.spooling().complete(job.attempt(), store.failure().getMessage(), pending);
            } catch (StorageException e) {
                return notSpooled(job, started, inputs, process, outcome, store, e, dir);
            }
            LOG.warn(
                    "job {} {}: outputs not stored ({}); they wait in spool entry {}",
                    job.id(),
                    job.jobName(),
                    store.failure().getMessage(),
                    entry.where());
            return pending.storageFailure("storage: " + store.failure().getMessage()
                    + "; the outputs wait in the spool on " + entry.where() + " (pdr-run upload-pending stores them)");
        }
    }

    /** Keeps the folder, or gives it back to be emptied for the next job (in the background). */
    private void close(ClaimedJob job, RunDirectory dir) {
        if (settings.keepTmp() || dir.keep()) {
            listener.keptRunDirectory(job, dir.root());
            runDirectories.prepareNextLater();
        } else {
            runDirectories.giveBackLater(dir);
        }
    }

    /**
     * Called once the result {@link #execute} returned for {@code job} is committed: removes the
     * spool entry that result came from or superseded. Never throws; an entry left behind is found
     * done and removed by the next upload-pending.
     */
    public void recorded(ClaimedJob job, JobResult result) {
        AfterCommit done = afterCommit.remove(job.id());
        if (done == null || done.result() != result) {
            return;
        }
        try {
            done.entry().delete();
        } catch (RuntimeException e) {
            LOG.warn(
                    "job {} {}: spool entry {} not removed: {}", job.id(), job.jobName(), done.entry(), e.getMessage());
        }
    }

    private Optional<SpoolEntry> spooledOutputs(ClaimedJob job) {
        Optional<SpoolEntry> entry = spool.find(job.modelName(), job.jobName());
        if (entry.isPresent() && entry.get().manifest().jobId() != job.id()) {
            LOG.warn(
                    "job {} {}: spool entry {} belongs to job {} (another catalog?); not used",
                    job.id(),
                    job.jobName(),
                    entry.get().where(),
                    entry.get().manifest().jobId());
            return Optional.empty();
        }
        return entry;
    }

    /** Whether the entry's outputs came from these inputs: recomputing them would give the same. */
    private static boolean computedFrom(SpoolEntry entry, RenderedInputs inputs) {
        PendingResult spooled = entry.manifest().result();
        return java.util.Objects.equals(spooled.configJson(), inputs.configJson())
                && java.util.Objects.equals(spooled.templateSha256(), inputs.templateSha256());
    }

    /** Stores the outputs a failed upload left in the spool; the model is not run again. */
    private JobResult fromSpool(ClaimedJob job, SpoolEntry entry, LocalDateTime started) {
        LOG.info("job {} {}: storing its outputs from spool entry {}", job.id(), job.jobName(), entry.where());
        JobResult result;
        try {
            if (job.forced()) {
                // As a forced run does before its first store: the old marker must not vouch for
                // a mix of old and new outputs should the upload stop half way.
                OutputStore.deleteStructure(
                        storage, retry, new StoragePaths(job.modelName(), job.jobName()).structure());
            }
            result = entry.upload(storage, retry);
        } catch (StorageException e) {
            if (Thread.currentThread().isInterrupted()) {
                return failure(job, started, JobStatus.RESET_STALE, "interrupted: the run was stopped", null);
            }
            return entry.storageFailure(
                    "storage: " + e.getMessage() + "; the outputs still wait in the spool on " + entry.where());
        }
        afterCommit.put(job.id(), new AfterCommit(entry, result));
        return result;
    }

    private boolean isStored(StoragePaths paths) {
        return retry.call(
                "look up " + paths.structure(),
                () -> storage.exists(paths.structure()) || storage.exists(paths.structure() + ".gz"));
    }

    /**
     * Neither storage nor the spool took the outputs: the run directory, which has those not
     * stored, is kept.
     */
    private JobResult notSpooled(
            ClaimedJob job,
            LocalDateTime started,
            RenderedInputs inputs,
            ProcessResult process,
            Outcome outcome,
            OutputStore store,
            StorageException e,
            RunDirectory dir) {
        dir.keepOnClose();
        String reason = store.failure() == null
                ? "storage: " + e.getMessage()
                : "storage: " + store.failure().getMessage() + "; spooling failed too: " + e.getMessage();
        // Files stored before the failure left the run directory (a taken file is moved): name
        // both places, or a user looking only in the kept run directory misses those.
        int stored = store.stored().size();
        String where = stored == 0
                ? "the outputs are in the kept run directory " + dir.root()
                : stored + " output(s) stored before the failure are in " + storage.location(job.modelName())
                        + ", the others in the kept run directory " + dir.root();
        LOG.error("job {} {}: {}; {}", job.id(), job.jobName(), reason, where);
        return failure(job, started, JobStatus.FAILED_STORAGE, reason + "; " + where, inputs, process, outcome);
    }

    private void postprocess(ClaimedJob job, Path dir, StoragePaths paths, OutputStore store, List<String> errors)
            throws IOException, InterruptedException {
        ProcessLimits onionLimits = new ProcessLimits(
                settings.onionTimeout(),
                null,
                settings.limits().killGrace(),
                settings.limits().pollInterval());
        // The configured steps run after ONION in the run directory and may read onionoutput/
        // (the last species' files): those must be copied, not taken, when there are steps.
        boolean taking = settings.postprocessing().isEmpty();
        OnionRuns.run(
                new OnionRuns.Job(
                        processes,
                        dir,
                        settings.home().onionExe(),
                        species(job),
                        environment(job),
                        onionLimits,
                        job.jobName(),
                        paths),
                store,
                taking,
                errors);
        for (PostprocessingStep step : settings.postprocessing()) {
            String error = ExternalStep.run(processes, step, dir, environment(job), settings.limits(), store, paths);
            if (error != null) {
                errors.add(error);
            }
        }
    }

    List<String> species(ClaimedJob job) {
        return settings.speciesOverride().orElse(job.onionSpecies());
    }

    /** The child's environment: ours without secrets, plus what identifies the job. */
    Map<String, String> environment(ClaimedJob job) {
        Map<String, String> env = new HashMap<>(settings.environment());
        env.put("PDR_JOB_NAME", job.jobName());
        env.put("PDR_JOB_ID", Long.toString(job.id()));
        env.put("PDR_MODEL_NAME", job.modelName());
        settings.cpus().ifPresent(n -> env.put("OMP_NUM_THREADS", Integer.toString(n)));
        return env;
    }

    private static void putRunStatus(Map<String, Object> columns, RunStatus s) {
        if (s == null) {
            return;
        }
        columns.put("run_status_converged", s.converged());
        columns.put("run_status_global_iterations", s.globalIterations());
        columns.put("run_status_eps_final", s.epsFinal());
        columns.put("run_status_tsearch_flagged_shells", s.tsearchFlaggedShells());
        columns.put("run_status_chem_relaxed_calls", s.chemRelaxedCalls());
        columns.put("run_status_deferred_iterations", s.deferredIterations());
        columns.put("run_status_code_version", s.codeVersion());
        columns.put("run_status_git_hash", s.gitHash());
        columns.put("run_status_source", s.source());
    }

    private JobResult failure(
            ClaimedJob job, LocalDateTime started, JobStatus status, String reason, RenderedInputs inputs) {
        LocalDateTime now = LocalDateTime.now(clock);
        return new JobResult(
                status,
                started,
                now,
                null,
                null,
                reason,
                null,
                inputs == null ? null : inputs.configJson(),
                inputs == null ? null : inputs.templateSha256(),
                Map.of(),
                null,
                null,
                null);
    }

    private JobResult failure(
            ClaimedJob job,
            LocalDateTime started,
            JobStatus status,
            String reason,
            RenderedInputs inputs,
            ProcessResult process,
            Outcome outcome) {
        Map<String, Object> columns = new LinkedHashMap<>();
        putRunStatus(columns, outcome.details());
        return new JobResult(
                status,
                LocalDateTime.ofInstant(process.started(), java.time.ZoneOffset.UTC),
                LocalDateTime.ofInstant(process.finished(), java.time.ZoneOffset.UTC),
                seconds(process.wallTime()),
                process.exitCode(),
                reason + " (model outcome: " + outcome.status().dbName() + ")",
                null,
                inputs.configJson(),
                inputs.templateSha256(),
                columns,
                null,
                null,
                inputs.templateRecord());
    }

    static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    static void write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}

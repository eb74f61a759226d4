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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pdrrun.catalog.ClaimedJob;
import pdrrun.catalog.FileRecord;
import pdrrun.catalog.JobResult;
import pdrrun.job.JobStatus;
import pdrrun.run.process.Invocation;
import pdrrun.run.process.ModelProcess;
import pdrrun.run.process.Outcome;
import pdrrun.run.process.OutcomeClassifier;
import pdrrun.run.process.ProcessLimits;
import pdrrun.run.process.ProcessResult;
import pdrrun.run.process.RunStatus;
import pdrrun.storage.StorageBackend;
import pdrrun.storage.StorageException;
import pdrrun.storage.StorageRetry;

/**
 * One KOSMA-tau model run (SPEC section 4 and 9): run directory, inputs, pdrexe under its limits,
 * outcome, ONION and post-processing for usable models, outputs into storage. It never touches
 * the database: the caller records the returned {@link JobResult}, so no connection is held while
 * a model runs. Thread-safe: parallel jobs use one pipeline.
 */
public final class KosmaTauPipeline {
    private static final Logger LOG = LoggerFactory.getLogger(KosmaTauPipeline.class);

    private final RunSettings settings;
    private final StorageBackend storage;
    private final StorageRetry retry;
    private final Clock clock;
    private final JobListener listener;
    private final ModelProcess processes;

    public KosmaTauPipeline(
            RunSettings settings, StorageBackend storage, StorageRetry retry, Clock clock, JobListener listener) {
        this.settings = settings;
        this.storage = storage;
        this.retry = retry;
        this.clock = clock;
        this.listener = listener;
        this.processes = new ModelProcess(clock);
    }

    /** The wall-time cap of one model run (pdr.max_walltime_s), or null when there is none. */
    public java.time.Duration wallTimeCap() {
        return settings.limits().wallTime();
    }

    /** Runs the job and returns what to record; failures become states, never exceptions. */
    public JobResult execute(ClaimedJob job) {
        LocalDateTime started = LocalDateTime.now(clock);
        StoragePaths paths = new StoragePaths(job.modelName(), job.jobName());
        RenderedInputs inputs;
        try {
            inputs = RenderedInputs.render(settings, job);
        } catch (RuntimeException e) {
            return failure(job, started, JobStatus.ERROR, e.getMessage(), null);
        }
        if (!job.forced() && isStored(paths)) {
            return new SkippedJob(settings, storage, retry, clock).record(job, inputs, paths, started);
        }
        RunDirectory dir = null;
        try {
            dir = RunDirectory.create(
                    settings.scratch(),
                    job.jobName(),
                    job.id(),
                    settings.home(),
                    settings.inputMode(),
                    !species(job).isEmpty());
            inputs.writeInto(dir.root());
            listener.runDirectory(job, dir.root());
            return runModel(job, inputs, paths, dir, started);
        } catch (RunPreparationException | IOException e) {
            return failure(job, started, JobStatus.ERROR, e.getMessage(), inputs);
        } catch (InterruptedException e) {
            // The run is being stopped: the job did not fail, it becomes runnable again.
            Thread.currentThread().interrupt();
            return failure(job, started, JobStatus.RESET_STALE, "interrupted: the run was stopped", inputs);
        } finally {
            if (dir != null) {
                if (settings.keepTmp()) {
                    listener.keptRunDirectory(job, dir.root());
                } else {
                    dir.delete();
                }
            }
        }
    }

    private boolean isStored(StoragePaths paths) {
        return retry.call(
                "look up " + paths.structure(),
                () -> storage.exists(paths.structure()) || storage.exists(paths.structure() + ".gz"));
    }

    private JobResult runModel(
            ClaimedJob job, RenderedInputs inputs, StoragePaths paths, RunDirectory dir, LocalDateTime started)
            throws IOException, InterruptedException {
        Path textout = dir.resolve("pdroutput/TEXTOUT");
        ProcessResult process = processes.run(
                new Invocation(List.of("./" + settings.home().pdrExe()), dir.root(), textout, false, environment(job)),
                settings.limits());
        Outcome outcome = OutcomeClassifier.classify(process, dir.root());
        if (outcome.warning() != null) {
            LOG.warn("job {} {}: {}", job.id(), job.jobName(), outcome.warning());
        }
        List<String> postErrors = new ArrayList<>();
        OutputStore store = new OutputStore(storage, retry, settings.compression(), !settings.keepTmp());
        Map<String, Object> columns = new LinkedHashMap<>();
        FileRecord[] hdf = null;
        FileRecord json;
        try {
            if (JobStatus.USABLE.contains(outcome.status())) {
                postprocess(job, dir.root(), paths, store, postErrors);
            }
            json = ModelOutputs.store(dir.root(), paths, outcome.status(), store, columns);
            if (ModelOutputs.complete(outcome.status())) {
                hdf = ModelOutputs.hdfRecords(store, paths);
            }
        } catch (StorageException e) {
            return failure(
                    job, started, JobStatus.FAILED_STORAGE, "storage: " + e.getMessage(), inputs, process, outcome);
        }
        columns.put("output_directory", storage.location(job.modelName()));
        putRunStatus(columns, outcome.details());
        if (settings.keepTmp()) {
            columns.put("run_directory", dir.root().toString());
        }
        String postprocError = postErrors.isEmpty() ? null : String.join("; ", postErrors);
        return new JobResult(
                outcome.status(),
                LocalDateTime.ofInstant(process.started(), java.time.ZoneOffset.UTC),
                LocalDateTime.ofInstant(process.finished(), java.time.ZoneOffset.UTC),
                seconds(process.wallTime()),
                process.exitCode(),
                JobStatus.OK.contains(outcome.status()) ? null : outcome.reason(),
                postprocError,
                inputs.configJson(),
                inputs.templateSha256(),
                columns,
                hdf,
                json,
                inputs.templateRecord());
    }

    private void postprocess(ClaimedJob job, Path dir, StoragePaths paths, OutputStore store, List<String> errors)
            throws IOException, InterruptedException {
        ProcessLimits onionLimits = new ProcessLimits(
                settings.onionTimeout(),
                null,
                settings.limits().killGrace(),
                settings.limits().pollInterval());
        for (String sp : species(job)) {
            try {
                List<Path> files =
                        OnionStep.run(processes, dir, settings.home().onionExe(), sp, environment(job), onionLimits);
                for (Path file : files.subList(0, files.size() - 1)) {
                    store.take(file, paths.oniongrid("ONION" + job.jobName() + "." + file.getFileName()));
                }
                store.take(files.get(files.size() - 1), paths.oniongrid("TEXTOUT" + job.jobName() + "_" + sp));
            } catch (OnionStep.OnionFailure e) {
                errors.add(e.getMessage());
                store.storeIfPresent(
                        dir.resolve("onionoutput/TEXTOUT"), paths.oniongrid("TEXTOUT" + job.jobName() + "_" + sp));
            }
        }
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

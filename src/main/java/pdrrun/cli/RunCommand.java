package pdrrun.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import pdrrun.catalog.Catalog;
import pdrrun.catalog.CatalogDiagnostics;
import pdrrun.catalog.DatabaseSettings;
import pdrrun.catalog.GridRegistrar;
import pdrrun.catalog.JobRepository;
import pdrrun.catalog.RegistrationRequest;
import pdrrun.catalog.RegistrationResult;
import pdrrun.config.Config;
import pdrrun.config.ConfigException;
import pdrrun.config.ConfigSchema;
import pdrrun.grid.GridSpec;
import pdrrun.job.JobStatus;
import pdrrun.queue.Worker;
import pdrrun.queue.WorkerOptions;
import pdrrun.run.GridSubmission;
import pdrrun.run.JobListener;
import pdrrun.run.RunSettings;
import pdrrun.storage.StorageBackend;
import pdrrun.storage.StorageSettings;
import pdrrun.storage.Storages;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pdr-run run}: registers the grid, then runs the model's runnable jobs. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        usageHelpAutoWidth = true,
        description = "Register a grid and run its models. Exit code 0: every job succeeded or was skipped;"
                + " 1: some job or its post-processing failed; 2: the run itself failed.")
final class RunCommand implements Callable<Integer> {
    /** How often plain progress output prints a summary line. */
    static final Duration PROGRESS_INTERVAL = Duration.ofMinutes(1);

    @Spec
    CommandSpec spec;

    @Mixin
    GridOptions grid;

    @Option(names = "--dry-run", description = "Print the resolved configuration and grid size; write nothing.")
    boolean dryRun;

    @Option(names = "--parallel", description = "Run several jobs at once (see --workers).")
    boolean parallel;

    @Option(names = "--workers", paramLabel = "N", description = "Jobs at once with --parallel (default: CPUs).")
    Integer workers;

    @Option(names = "--cpus", paramLabel = "N", description = "OpenMP threads per model (OMP_NUM_THREADS).")
    Integer cpus;

    @Option(names = "--force-onion", description = "Run ONION also for models skipped as already stored.")
    boolean forceOnion;

    @Option(names = "--keep-tmp", description = "Keep each job's run directory and print its path.")
    boolean keepTmp;

    @Option(
            names = "--rerun",
            paramLabel = "STATE,...",
            description = "Recompute jobs in these states: all,"
                    + " failed (not finished/finished_relaxed/flagged/skipped) or literal states.")
    String rerun;

    @Option(
            names = "--reset-stale-jobs",
            description = "Mark abandoned running and never-started pending jobs"
                    + " reset_stale (runnable again) before running.")
    boolean resetStale;

    @Option(
            names = "--stale-after-hours",
            paramLabel = "H",
            description = "Age that makes a job stale" + " (default 1.5 x pdr.max_walltime_s, else 6).")
    Double staleAfterHours;

    @Option(names = "--verbose", description = "Stack traces on errors.")
    boolean verbose;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Config config = grid.resolve();
        Warnings.print(config, err);
        Set<JobStatus> rerunStates = rerun == null ? Set.of() : RerunSelection.parse(rerun);
        int workerCount = workerCount();
        Optional<List<String>> species =
                Optional.ofNullable(grid.species).map(s -> GridSubmission.onionSpecies(config));
        RunSettings settings = RunSettings.from(config, keepTmp, forceOnion, species, Optional.ofNullable(cpus));
        settings.warnings().forEach(w -> err.println("pdr-run: warning: " + w));
        if (dryRun) {
            GridSpec gridSpec = GridSpec.from(config);
            DryRun.print(config, out);
            out.printf(
                    "grid: %d points; model '%s'; %d worker(s); database %s%n",
                    gridSpec.size(),
                    GridSubmission.modelName(config),
                    workerCount,
                    DatabaseSettings.from(config, workerCount).describe());
            out.println("dry run: nothing was written");
            return ExitCodes.OK;
        }
        RegistrationRequest request = GridSubmission.prepare(config);
        Clock clock = Clock.systemUTC();
        pdrrun.run.KosmaTauPipeline.warmUpInBackground(settings);
        try (Catalog catalog = Catalog.open(DatabaseSettings.from(config, workerCount));
                StorageBackend storage = Storages.open(StorageSettings.from(config))) {
            CatalogDiagnostics.requireConnectionBudget(catalog, 1);
            RegistrationResult registered = new GridRegistrar(catalog, clock).register(request);
            out.printf(
                    "%d new jobs, %d already registered (model '%s')%n",
                    registered.newJobs(), registered.alreadyRegistered(), request.modelName());
            JobRepository jobs = new JobRepository(catalog, clock);
            if (resetStale) {
                int reset = jobs.resetStale(
                        registered.modelId(), LocalDateTime.now(clock).minus(staleAge(config)));
                out.printf("%d stale job(s) reset%n", reset);
            }
            // Before --rerun: a job whose outputs wait in the spool is stored from there, not
            // selected for recomputation.
            boolean spoolDone =
                    JobExecution.uploadSpooled(config, catalog, storage, List.of(request.modelName()), out, err);
            if (!rerunStates.isEmpty()) {
                out.printf("%d job(s) selected for rerun%n", jobs.requestRerun(registered.modelId(), rerunStates));
            }
            JobListener listener = new JobListener() {
                @Override
                public void keptRunDirectory(pdrrun.catalog.ClaimedJob job, Path dir) {
                    out.printf("kept run directory of %s: %s%n", job.jobName(), dir);
                    out.flush();
                }
            };
            long runnable = jobs.countsByStatus(registered.modelId()).entrySet().stream()
                    .filter(e -> e.getKey().equals("pending") || e.getKey().equals("reset_stale"))
                    .mapToLong(java.util.Map.Entry::getValue)
                    .sum();
            // A bar on a terminal; elsewhere (a file, a pipe, a test) one line per job and a
            // summary line every minute.
            boolean terminal = System.console() != null
                    && out == spec.commandLine().getOut()
                    && !"dumb".equals(System.getenv("TERM"));
            Worker.ProgressListener progress = terminal
                    ? new TerminalProgress(runnable, request.modelName())
                    : new ProgressLines(out, runnable, PROGRESS_INTERVAL);
            int code = JobExecution.execute(
                    config,
                    catalog,
                    storage,
                    settings,
                    new WorkerOptions(List.of(registered.modelId()), workerCount, 0, Duration.ZERO, true, 0),
                    progress,
                    listener,
                    out,
                    err);
            return spoolDone ? code : Math.max(code, ExitCodes.JOBS_FAILED);
        }
    }

    private int workerCount() {
        if (workers != null && workers < 1) {
            throw new ConfigException("--workers: " + workers + " must be at least 1");
        }
        if (!parallel) {
            return 1;
        }
        return workers != null ? workers : Runtime.getRuntime().availableProcessors();
    }

    private Duration staleAge(Config config) {
        if (staleAfterHours != null) {
            if (!(staleAfterHours > 0)) {
                throw new ConfigException("--stale-after-hours: " + staleAfterHours + " must be positive");
            }
            return Duration.ofSeconds((long) (staleAfterHours * 3600));
        }
        return config.number(ConfigSchema.PDR, "max_walltime_s")
                .map(s -> Duration.ofSeconds((long) (s * 1.5)))
                .orElse(Duration.ofHours(6));
    }
}

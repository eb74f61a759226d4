package pdrrun.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import pdrrun.catalog.Catalog;
import pdrrun.catalog.CatalogDiagnostics;
import pdrrun.catalog.DatabaseSettings;
import pdrrun.catalog.JobRepository;
import pdrrun.config.Config;
import pdrrun.config.ConfigException;
import pdrrun.config.ConfigLoader;
import pdrrun.config.ConfigSchema;
import pdrrun.queue.WorkerOptions;
import pdrrun.run.JobListener;
import pdrrun.run.RunSettings;
import pdrrun.storage.StorageBackend;
import pdrrun.storage.StorageSettings;
import pdrrun.storage.Storages;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pdr-run worker}: claims pending jobs from the shared catalog and runs them until idle.
 * Any number of workers on any number of hosts may share one grid, with a {@code run} too.
 */
@Command(
        name = "worker",
        mixinStandardHelpOptions = true,
        usageHelpAutoWidth = true,
        description = "Claim and run pending jobs from the catalog until idle (exit 0: all succeeded).")
final class WorkerCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration file.")
    Path config;

    @Option(names = "--model", paramLabel = "NAME", arity = "1..*", description = "Only jobs of these models.")
    List<String> models;

    @Option(names = "--max-jobs", paramLabel = "N", description = "Stop after N jobs (default: no limit).")
    int maxJobs;

    @Option(
            names = "--idle-exit",
            paramLabel = "SECONDS",
            description = "Exit after this long without work" + " (default: worker.idle_exit_s, else 30).")
    Double idleExit;

    @Option(names = "--slots", paramLabel = "N", description = "Jobs at once (default 1).")
    int slots = 1;

    @Option(
            names = "--deadline-epoch-ms",
            paramLabel = "MS",
            description = "Start no job that cannot finish (pdr.max_walltime_s) before this time, ms since the epoch"
                    + " (the SLURM allocation end; 0: none).")
    long deadline;

    @Option(names = "--verbose", description = "Stack traces on errors.")
    boolean verbose;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Config cfg = ConfigLoader.load(config, GridOptions.environment);
        Warnings.print(cfg, err);
        if (slots < 1 || maxJobs < 0) {
            throw new ConfigException("--slots must be at least 1 and --max-jobs at least 0");
        }
        RunSettings settings = RunSettings.from(cfg, false, false, Optional.empty(), Optional.empty());
        pdrrun.run.KosmaTauPipeline.warmUpInBackground(settings);
        Duration idle = Duration.ofMillis((long) (1000
                * (idleExit != null
                        ? idleExit
                        : cfg.number(ConfigSchema.WORKER, "idle_exit_s").orElse(30.0))));
        Clock clock = Clock.systemUTC();
        try (Catalog catalog = Catalog.open(DatabaseSettings.from(cfg, slots));
                StorageBackend storage = Storages.open(StorageSettings.from(cfg))) {
            CatalogDiagnostics.requireConnectionBudget(catalog, 1);
            List<Long> modelIds = modelIds(catalog, clock);
            boolean spoolDone = JobExecution.uploadSpooled(
                    cfg, catalog, storage, models == null ? List.of() : List.copyOf(models), out, err);
            int code = JobExecution.execute(
                    cfg,
                    catalog,
                    storage,
                    settings,
                    new WorkerOptions(modelIds, slots, maxJobs, idle, false, deadline),
                    // Jobs of a shared queue: no total, a summary line every five minutes.
                    new ProgressLines(out, -1, Duration.ofMinutes(5)),
                    new JobListener() {},
                    out,
                    err);
            return spoolDone ? code : Math.max(code, ExitCodes.JOBS_FAILED);
        }
    }

    private List<Long> modelIds(Catalog catalog, Clock clock) {
        List<Long> ids = new ArrayList<>();
        if (models != null) {
            JobRepository jobs = new JobRepository(catalog, clock);
            for (String name : models) {
                ids.add(jobs.modelId(name)
                        .orElseThrow(() -> new ConfigException(
                                "--model: no model '" + name + "' in the catalog; register it with pdr-run submit")));
            }
        }
        return ids;
    }
}

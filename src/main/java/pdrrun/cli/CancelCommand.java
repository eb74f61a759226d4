package pdrrun.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import pdrrun.catalog.Catalog;
import pdrrun.catalog.DatabaseSettings;
import pdrrun.catalog.JobRepository;
import pdrrun.catalog.Leases;
import pdrrun.config.Config;
import pdrrun.config.ConfigException;
import pdrrun.config.ConfigLoader;
import pdrrun.slurm.ClusterJobs;
import pdrrun.slurm.Sbatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pdr-run cancel}: cancels the SLURM jobs (whole arrays) that run a model's jobs, then
 * releases those jobs to pending so that a later worker runs them.
 */
@Command(
        name = "cancel",
        mixinStandardHelpOptions = true,
        usageHelpAutoWidth = true,
        description = "Cancel a model's SLURM jobs (scancel) and release their running jobs to pending.")
final class CancelCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration file.")
    Path config;

    @Option(names = "--model", paramLabel = "NAME", required = true, description = "Model (grid) name.")
    String model;

    @Option(names = "--verbose", description = "Stack traces on errors.")
    boolean verbose;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Config cfg = ConfigLoader.load(config, GridOptions.environment);
        Clock clock = Clock.systemUTC();
        try (Catalog catalog = Catalog.open(DatabaseSettings.from(cfg, 1))) {
            long modelId = new JobRepository(catalog, clock)
                    .modelId(model)
                    .orElseThrow(() -> new ConfigException("--model: no model '" + model + "' in the catalog"));
            List<ClusterJobs.RunningJob> running = new ClusterJobs(catalog).running(modelId);
            List<String> ids = ClusterJobs.clusterIds(running);
            if (ids.isEmpty()) {
                out.printf("model '%s': no running jobs under a SLURM job%n", model);
                return ExitCodes.OK;
            }
            new Sbatch(GridOptions.environment, Duration.ofSeconds(60)).cancel(ids);
            Leases leases = new Leases(catalog, clock);
            for (ClusterJobs.RunningJob job : running) {
                leases.release(job.jobId(), job.owner(), "cluster job " + job.clusterJobId() + " cancelled");
            }
            out.printf(
                    "model '%s': cancelled SLURM job(s) %s; released %d running job(s) to pending%n",
                    model, String.join(" ", ids), running.size());
        }
        return ExitCodes.OK;
    }
}

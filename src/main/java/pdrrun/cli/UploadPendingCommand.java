package pdrrun.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import pdrrun.catalog.Catalog;
import pdrrun.catalog.DatabaseSettings;
import pdrrun.catalog.JobRepository;
import pdrrun.config.Config;
import pdrrun.config.ConfigException;
import pdrrun.config.ConfigLoader;
import pdrrun.grid.ModelName;
import pdrrun.queue.QueuePolicy;
import pdrrun.queue.SpoolUploads;
import pdrrun.spool.Spool;
import pdrrun.storage.StorageBackend;
import pdrrun.storage.StorageRetry;
import pdrrun.storage.StorageSettings;
import pdrrun.storage.Storages;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pdr-run upload-pending}: stores the outputs that wait in this host's spool after a
 * storage failure and records their jobs with their models' outcomes; no model runs.
 */
@Command(
        name = "upload-pending",
        mixinStandardHelpOptions = true,
        usageHelpAutoWidth = true,
        description = "Store the outputs that wait in the spool (storage.spool_dir) after a storage failure and"
                + " record their jobs; no model is run again. Exit code 0: nothing stays pending; 1: some"
                + " entry stays (named); 2: bad configuration.")
final class UploadPendingCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration file.")
    Path config;

    @Option(names = "--model", paramLabel = "NAME", description = "Only the outputs of this model (grid).")
    String model;

    @Option(names = "--verbose", description = "Stack traces on errors.")
    boolean verbose;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Config cfg = ConfigLoader.load(config, GridOptions.environment);
        Warnings.print(cfg, err);
        List<String> models = models();
        Clock clock = Clock.systemUTC();
        Spool spool = Spool.from(cfg, GridOptions.environment, clock);
        if (spool.list(models).isEmpty()) {
            out.printf(
                    "Spool %s: nothing waits for upload%s%n", spool, model == null ? "" : " (model '" + model + "')");
            return ExitCodes.OK;
        }
        try (Catalog catalog = Catalog.open(DatabaseSettings.from(cfg, 1));
                StorageBackend storage = Storages.open(StorageSettings.from(cfg))) {
            if (model != null
                    && new JobRepository(catalog, clock).modelId(model).isEmpty()) {
                throw new ConfigException("--model: no model '" + model + "' in the catalog "
                        + DatabaseSettings.from(cfg, 1).describe() + "; name a model registered there");
            }
            SpoolUploads.Report report = new SpoolUploads(
                            catalog, storage, StorageRetry.withDefaults(), spool, QueuePolicy.from(cfg), clock)
                    .uploadAll(models);
            report.failed().forEach(f -> err.println("pdr-run: still pending: " + f));
            report.left().forEach(f -> err.println("pdr-run: still pending: " + f));
            out.println(report.line(spool));
            return report.nothingPending() ? ExitCodes.OK : ExitCodes.JOBS_FAILED;
        }
    }

    private List<String> models() {
        if (model == null) {
            return List.of();
        }
        try {
            return List.of(new ModelName(model).value());
        } catch (ConfigException e) {
            throw new ConfigException("--model: '" + model + "' is not a model name; use letters, digits and"
                    + " . _ + - (no '/', no '..'), as registered with --model-name");
        }
    }
}

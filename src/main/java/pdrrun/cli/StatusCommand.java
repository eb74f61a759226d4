package pdrrun.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import pdrrun.catalog.DatabaseSettings;
import pdrrun.config.Config;
import pdrrun.config.ConfigException;
import pdrrun.config.ConfigSchema;
import pdrrun.report.GridStatus;
import pdrrun.report.Models;
import pdrrun.report.ReadOnlyDatabase;
import pdrrun.report.StatusJson;
import pdrrun.report.StatusQuery;
import pdrrun.report.StatusText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pdr-run status}: where each grid stands, read-only. */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        usageHelpAutoWidth = true,
        description = "Where each grid stands: counts by state and class, running jobs, ETA, model hours,"
                + " recent events and alerts. Opens the catalog read-only.")
final class StatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption configOption;

    @Option(names = "--model", paramLabel = "NAME", description = "Only this model (default: all).")
    String model;

    @Option(names = "--json", description = "JSON following pdrrun/report/status.schema.json, with every point.")
    boolean json;

    @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    Path outFile;

    @Option(
            names = "--workers",
            paramLabel = "N",
            description = "Workers for the ETA (default: one per running job, at least one).")
    Integer workers;

    @Option(
            names = "--cores-per-model",
            paramLabel = "N",
            description = "Cores one model run occupies (OpenMP threads, run --cpus), for core hours (default 1).")
    int coresPerModel = 1;

    @Option(names = "--verbose", description = "Stack traces on errors.")
    boolean verbose;

    @Override
    public Integer call() throws IOException {
        if (workers != null && workers < 1) {
            throw new ConfigException("--workers: " + workers + " must be at least 1");
        }
        if (coresPerModel < 1) {
            throw new ConfigException("--cores-per-model: " + coresPerModel + " must be at least 1");
        }
        Config config = configOption.resolve();
        Warnings.print(config, spec.commandLine().getErr());
        StatusQuery.Options options = options(config, workers, coresPerModel, json);
        DatabaseSettings settings = DatabaseSettings.from(config, 1);
        List<GridStatus> grids = new ArrayList<>();
        try (ReadOnlyDatabase db = ReadOnlyDatabase.open(settings)) {
            StatusQuery query = new StatusQuery(db, options);
            for (Models.Model m : Models.selected(db, model)) {
                grids.add(query.of(m));
            }
        }
        if (outFile == null) {
            PrintWriter out = spec.commandLine().getOut();
            print(grids, out, settings);
            out.flush();
        } else {
            try (Writer w = Files.newBufferedWriter(outFile, StandardCharsets.UTF_8);
                    PrintWriter out = new PrintWriter(w)) {
                print(grids, out, settings);
            }
            spec.commandLine().getOut().println("status written to " + outFile);
        }
        return ExitCodes.OK;
    }

    /**
     * What status needs beside the catalog, from the configuration: the wall-time cap, the scratch
     * folder holding live run directories and a local storage folder for the disk alert.
     */
    static StatusQuery.Options options(Config config, Integer workers, int coresPerModel, boolean withPoints) {
        String storageType =
                config.string(ConfigSchema.STORAGE, "type").orElse("local").toLowerCase(Locale.ROOT);
        Path storage = storageType.equals("local")
                ? Path.of(config.string(ConfigSchema.STORAGE, "base_dir").orElse("storage"))
                : null;
        Path scratch =
                config.string(ConfigSchema.DIRECTORIES, "tmp_dir").map(Path::of).orElse(null);
        return new StatusQuery.Options(
                config.number(ConfigSchema.PDR, "max_walltime_s").orElse(null),
                workers,
                coresPerModel,
                scratch,
                storage,
                withPoints,
                Clock.systemUTC());
    }

    private void print(List<GridStatus> grids, PrintWriter out, DatabaseSettings settings) {
        if (json) {
            StatusJson.write(out, settings.describe(), LocalDateTime.now(Clock.systemUTC()), grids);
            out.println();
        } else if (grids.isEmpty()) {
            out.println("no models in " + settings.describe());
        } else {
            grids.forEach(g -> StatusText.print(g, out));
        }
    }
}

package pdrrun.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import pdrrun.catalog.DatabaseSettings;
import pdrrun.config.Config;
import pdrrun.config.ConfigException;
import pdrrun.report.GridPoint;
import pdrrun.report.GridPoints;
import pdrrun.report.GridStatus;
import pdrrun.report.HtmlReport;
import pdrrun.report.Models;
import pdrrun.report.ReadOnlyDatabase;
import pdrrun.report.StatusQuery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pdr-run report}: the grid as one self-contained HTML page. */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        usageHelpAutoWidth = true,
        description = "Write one self-contained HTML page (no network needed): heatmaps over two axes faceted by"
                + " the others, coloured by state class, run time or iterations, a summary and a run-time histogram.")
final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption configOption;

    @Option(names = "--model", paramLabel = "NAME", description = "Model (default: the only one in the catalog).")
    String model;

    @Option(names = "--out", paramLabel = "FILE", description = "HTML file to write (default report.html).")
    Path outFile = Path.of("report.html");

    @Option(
            names = "--cores-per-model",
            paramLabel = "N",
            description = "Cores one model run occupies, for core hours (default 1).")
    int coresPerModel = 1;

    @Option(names = "--verbose", description = "Stack traces on errors.")
    boolean verbose;

    @Override
    public Integer call() throws IOException {
        if (coresPerModel < 1) {
            throw new ConfigException("--cores-per-model: " + coresPerModel + " must be at least 1");
        }
        Config config = configOption.resolve();
        DatabaseSettings settings = DatabaseSettings.from(config, 1);
        List<GridPoint> points;
        GridStatus status;
        String name;
        try (ReadOnlyDatabase db = ReadOnlyDatabase.open(settings)) {
            Models.Model m = Models.one(db, model);
            name = m.name();
            // The summary's counts, hours and alerts come from the status query itself, so the
            // page and `pdr-run status` show the same numbers.
            status = new StatusQuery(db, StatusCommand.options(config, null, coresPerModel, false)).of(m);
            points = GridPoints.of(db, m.id());
        }
        try (Writer w = Files.newBufferedWriter(outFile, StandardCharsets.UTF_8)) {
            HtmlReport.write(status, settings.describe(), points, w);
        }
        spec.commandLine()
                .getOut()
                .printf(
                        "report of %d grid points of model %s written to %s%n",
                        points.size(), name, outFile.toAbsolutePath());
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}

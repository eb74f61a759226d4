package pdrrun.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.Callable;
import pdrrun.catalog.DatabaseSettings;
import pdrrun.report.GridPoint;
import pdrrun.report.GridPoints;
import pdrrun.report.HtmlReport;
import pdrrun.report.Models;
import pdrrun.report.ReadOnlyDatabase;
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

    @Option(names = "--verbose", description = "Stack traces on errors.")
    boolean verbose;

    @Override
    public Integer call() throws IOException {
        DatabaseSettings settings = DatabaseSettings.from(configOption.resolve(), 1);
        List<GridPoint> points;
        String name;
        try (ReadOnlyDatabase db = ReadOnlyDatabase.open(settings)) {
            Models.Model m = Models.one(db, model);
            name = m.name();
            points = GridPoints.of(db, m.id());
        }
        try (Writer w = Files.newBufferedWriter(outFile, StandardCharsets.UTF_8)) {
            HtmlReport.write(name, settings.describe(), LocalDateTime.now(Clock.systemUTC()), points, w);
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

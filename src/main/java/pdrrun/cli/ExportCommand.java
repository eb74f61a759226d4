package pdrrun.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import pdrrun.catalog.DatabaseSettings;
import pdrrun.report.GridExport;
import pdrrun.report.GridExportJson;
import pdrrun.report.GridPoint;
import pdrrun.report.GridPoints;
import pdrrun.report.Models;
import pdrrun.report.ReadOnlyDatabase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pdr-run export}: one row per grid point for fitting codes and notebooks. */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        usageHelpAutoWidth = true,
        description = "One row per grid point (latest job row): encoded and physical parameters, state, class,"
                + " convergence fields, run times and output paths, as CSV (RFC 4180) or JSON.")
final class ExportCommand implements Callable<Integer> {
    enum Format {
        csv,
        json
    }

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption configOption;

    @Option(names = "--model", paramLabel = "NAME", description = "Model (default: the only one in the catalog).")
    String model;

    @Option(names = "--format", paramLabel = "csv|json", description = "Output format (default csv).")
    Format format = Format.csv;

    @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    Path outFile;

    @Option(names = "--verbose", description = "Stack traces on errors.")
    boolean verbose;

    @Override
    public Integer call() throws IOException {
        List<GridPoint> points;
        try (ReadOnlyDatabase db = ReadOnlyDatabase.open(DatabaseSettings.from(configOption.resolve(), 1))) {
            points = GridPoints.of(db, Models.one(db, model).id());
        }
        if (outFile == null) {
            PrintWriter out = spec.commandLine().getOut();
            write(points, out);
            out.flush();
        } else {
            try (Writer w = Files.newBufferedWriter(outFile, StandardCharsets.UTF_8)) {
                write(points, w);
            }
            spec.commandLine().getErr().printf("%d grid points written to %s%n", points.size(), outFile);
        }
        return ExitCodes.OK;
    }

    private void write(List<GridPoint> points, Writer out) throws IOException {
        if (format == Format.csv) {
            GridExport.csv(points, out);
        } else {
            GridExportJson.write(points, out);
            out.write(System.lineSeparator());
        }
    }
}

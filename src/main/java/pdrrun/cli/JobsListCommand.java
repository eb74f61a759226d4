package pdrrun.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import pdrrun.catalog.DatabaseSettings;
import pdrrun.config.Config;
import pdrrun.report.GridPoint;
import pdrrun.report.GridPoints;
import pdrrun.report.JobAxes;
import pdrrun.report.Models;
import pdrrun.report.ReadOnlyDatabase;
import pdrrun.report.StatusText;
import pdrrun.report.WhereExpression;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pdr-run jobs list}: one line per grid point (latest row), filtered. */
@Command(
        name = "list",
        mixinStandardHelpOptions = true,
        usageHelpAutoWidth = true,
        description = "One line per grid point (its latest job row): id, name, state, class, rows, attempts,"
                + " run time, iterations, error.")
final class JobsListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption configOption;

    @Option(names = "--model", paramLabel = "NAME", description = "Only this model (default: all).")
    String model;

    @Option(
            names = "--state",
            paramLabel = "S,...",
            description = "Only these states or classes (ok, warn, bad, run, pending), comma-separated.")
    String state;

    @Option(
            names = "--where",
            paramLabel = "EXPR",
            description = "Filter on the encoded axes metal, dens, mass, chi, e.g. 'dens>=30 and chi<20'"
                    + " (< <= > >= == !=, and, or, not, parentheses).")
    String where;

    @Option(names = "--verbose", description = "Stack traces on errors.")
    boolean verbose;

    @Override
    public Integer call() {
        Predicate<JobAxes> filter = where == null ? a -> true : WhereExpression.parse(where);
        Set<String> states = state == null
                ? null
                : Arrays.stream(state.split(","))
                        .map(s -> s.strip().toLowerCase(Locale.ROOT))
                        .collect(Collectors.toSet());
        Config config = configOption.resolve();
        PrintWriter out = spec.commandLine().getOut();
        int shown = 0;
        try (ReadOnlyDatabase db = ReadOnlyDatabase.open(DatabaseSettings.from(config, 1))) {
            for (Models.Model m : Models.selected(db, model)) {
                for (GridPoint p : GridPoints.of(db, m.id())) {
                    if (states != null
                            && !states.contains(String.valueOf(p.status()))
                            && !states.contains(p.stateClass().label())) {
                        continue;
                    }
                    if (where != null && !p.axes().map(filter::test).orElse(false)) {
                        continue;
                    }
                    if (shown++ == 0) {
                        out.printf(
                                "%-8s %-10s %-22s %-16s %-7s %4s %4s %12s %5s  %s%n",
                                "id", "model", "job", "state", "class", "rows", "att", "run time", "iter", "error");
                    }
                    out.printf(
                            "%-8d %-10s %-22s %-16s %-7s %4d %4d %12s %5s  %s%n",
                            p.id(),
                            m.name(),
                            p.jobName(),
                            p.status(),
                            p.stateClass().label(),
                            p.rows(),
                            p.attempts(),
                            p.executionSeconds() == null ? "-" : StatusText.duration(p.executionSeconds()),
                            p.runStatus().globalIterations() == null
                                    ? "-"
                                    : p.runStatus().globalIterations(),
                            p.error() == null ? "" : p.error().replace('\n', ' '));
                }
            }
        }
        out.printf("%d job(s)%n", shown);
        out.flush();
        return ExitCodes.OK;
    }
}

package pdrrun.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import pdrrun.catalog.DatabaseSettings;
import pdrrun.report.JobDetails;
import pdrrun.report.ReadOnlyDatabase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pdr-run jobs show ID|NAME}: one job in full. */
@Command(
        name = "show",
        mixinStandardHelpOptions = true,
        usageHelpAutoWidth = true,
        description = "One job in full: parameters, provenance, attempts, convergence, stored outputs with"
                + " checksums, the TEXTOUT tail and post-processing errors.")
final class JobsShowCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption configOption;

    @Parameters(paramLabel = "ID|NAME", description = "Job id, or job name (its latest row) such as 100_30_-10_10_00.")
    String job;

    @Option(names = "--model", paramLabel = "NAME", description = "Model of a job name found in several models.")
    String model;

    @Option(names = "--verbose", description = "Stack traces on errors.")
    boolean verbose;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (ReadOnlyDatabase db = ReadOnlyDatabase.open(DatabaseSettings.from(configOption.resolve(), 1))) {
            JobDetails.print(db, JobDetails.resolve(db, job, model), out);
        }
        out.flush();
        return ExitCodes.OK;
    }
}

package pdrrun.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level {@code pdr-run} command: prints help when called without a subcommand. */
@Command(
        name = "pdr-run",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Runs grids of KOSMA-tau PDR models and keeps every model's inputs, provenance and outputs"
                + " in a catalog.",
        subcommands = {
            SubmitCommand.class,
            RunCommand.class,
            DemoCommand.class,
            DbCommand.class,
            WorkerCommand.class,
            CancelCommand.class,
            UploadPendingCommand.class,
            StatusCommand.class,
            JobsCommand.class,
            ExportCommand.class,
            ReportCommand.class
        },
        usageHelpAutoWidth = true)
public final class PdrRunCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}

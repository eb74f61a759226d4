package pdrrun.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code pdr-run jobs}: list jobs or show one; prints help without a subcommand. */
@Command(
        name = "jobs",
        mixinStandardHelpOptions = true,
        usageHelpAutoWidth = true,
        description = "List a grid's jobs or show one job in full (read-only).",
        subcommands = {JobsListCommand.class, JobsShowCommand.class})
final class JobsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}

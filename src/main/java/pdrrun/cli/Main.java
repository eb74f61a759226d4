package pdrrun.cli;

import pdrrun.run.process.LaunchMechanism;
import picocli.CommandLine;

/** Entry point of the {@code pdr-run} command. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        LaunchMechanism.preferVfork();
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code (tests call this). */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new PdrRunCommand());
        cl.setExecutionExceptionHandler(new ErrorHandler());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }
}

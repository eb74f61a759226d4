package pdrrun.cli;

import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;

/** Runs the command line with given writers and environment; used by tests and embedding code. */
public final class CommandRunner {
    private CommandRunner() {}

    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = Main.commandLine();
        cl.setOut(out);
        cl.setErr(err);
        return cl.execute(args);
    }

    /** Replaces the environment the configuration reads (null restores the process environment). */
    public static void environment(Map<String, String> environment) {
        GridOptions.environment = environment == null ? System.getenv() : environment;
    }
}

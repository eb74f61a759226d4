package pdrrun.cli;

import java.io.PrintWriter;
import pdrrun.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Prints one line for a failed command (the stack trace only with --verbose) and maps it to exit
 * code 2: a failure here means the run itself failed.
 */
final class ErrorHandler implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine cl, ParseResult parseResult) {
        PrintWriter err = cl.getErr();
        boolean verbose = parseResult != null && isVerbose(parseResult);
        String message = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
        if (e instanceof ConfigException) {
            err.println("pdr-run: " + message);
        } else {
            err.println("pdr-run: error: " + message + (verbose ? "" : " (run with --verbose for details)"));
        }
        if (verbose) {
            e.printStackTrace(err);
        }
        err.flush();
        return ExitCodes.RUN_FAILED;
    }

    private static boolean isVerbose(ParseResult parseResult) {
        for (ParseResult p = parseResult; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }
}

package pdrrun.cli;

import java.io.PrintWriter;
import pdrrun.config.Config;

/** Prints configuration warnings (unknown keys) once, before a command does its work. */
final class Warnings {
    private Warnings() {}

    static void print(Config config, PrintWriter err) {
        for (String warning : config.warnings()) {
            err.println("pdr-run: warning: " + warning);
        }
        err.flush();
    }
}

package pdrrun.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import pdrrun.config.Config;
import pdrrun.config.Secrets;
import pdrrun.config.Setting;

/** Prints the resolved configuration with each value's origin; secrets are masked. */
final class DryRun {
    private DryRun() {}

    static void print(Config config, PrintWriter out) {
        out.println("# resolved configuration (file < environment < flags); secrets masked");
        for (Map.Entry<String, Map<String, Setting>> section : config.sections().entrySet()) {
            out.println(section.getKey() + ":");
            for (Map.Entry<String, Setting> entry : section.getValue().entrySet()) {
                Object shown = Secrets.shown(entry.getKey(), entry.getValue().value());
                out.printf(
                        "  %s: %s    # %s%n",
                        entry.getKey(), format(shown), entry.getValue().origin());
            }
        }
    }

    private static String format(Object value) {
        if (value instanceof List<?> list) {
            return list.toString();
        }
        return String.valueOf(value);
    }
}

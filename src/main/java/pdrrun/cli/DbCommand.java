package pdrrun.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import pdrrun.catalog.Catalog;
import pdrrun.catalog.CatalogDiagnostics;
import pdrrun.catalog.DatabaseSettings;
import pdrrun.config.Config;
import pdrrun.config.ConfigLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pdr-run db migrate|info}: schema migrations and a look at the catalog and its pool. */
@Command(
        name = "db",
        mixinStandardHelpOptions = true,
        usageHelpAutoWidth = true,
        description = "Catalog maintenance.",
        subcommands = {DbCommand.Migrate.class, DbCommand.Info.class})
final class DbCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static Config config(Path file) {
        return ConfigLoader.load(file, GridOptions.environment);
    }

    @Command(
            name = "migrate",
            mixinStandardHelpOptions = true,
            description = "Apply pending migrations (a database of the original is baselined first).")
    static final class Migrate implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration file.")
        Path config;

        @Override
        public Integer call() {
            try (Catalog catalog = Catalog.open(DatabaseSettings.from(config(config), 1))) {
                spec.commandLine()
                        .getOut()
                        .println("schema of " + catalog.settings().describe() + " is at version "
                                + CatalogDiagnostics.snapshot(catalog).get("schema_version"));
            }
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "info",
            mixinStandardHelpOptions = true,
            description = "Server version, schema version, pool state, max_connections, transaction counts.")
    static final class Info implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration file.")
        Path config;

        @Override
        public Integer call() {
            try (Catalog catalog = Catalog.open(DatabaseSettings.from(config(config), 1))) {
                print(CatalogDiagnostics.snapshot(catalog), "");
            }
            return ExitCodes.OK;
        }

        private void print(Map<String, Object> values, String indent) {
            for (Map.Entry<String, Object> e : values.entrySet()) {
                if (e.getValue() instanceof Map<?, ?> inner) {
                    spec.commandLine().getOut().println(indent + e.getKey() + ":");
                    @SuppressWarnings("unchecked")
                    Map<String, Object> nested = (Map<String, Object>) inner;
                    print(nested, indent + "  ");
                } else {
                    spec.commandLine().getOut().println(indent + e.getKey() + ": " + e.getValue());
                }
            }
        }
    }
}

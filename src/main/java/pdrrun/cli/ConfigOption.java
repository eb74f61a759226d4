package pdrrun.cli;

import java.nio.file.Path;
import pdrrun.config.Config;
import pdrrun.config.ConfigLoader;
import picocli.CommandLine.Option;

/** {@code --config FILE} of the reporting commands: the file, then the environment over it. */
final class ConfigOption {
    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration file (database section).")
    Path config;

    Config resolve() {
        return ConfigLoader.load(config, GridOptions.environment);
    }
}

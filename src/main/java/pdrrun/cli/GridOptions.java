package pdrrun.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import pdrrun.config.Config;
import pdrrun.config.ConfigException;
import pdrrun.config.ConfigLoader;
import pdrrun.config.ConfigSchema;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** The original's grid flags, shared by submit and run; flags override environment and file. */
final class GridOptions {
    /** Environment the configuration reads; tests replace it. */
    static Map<String, String> environment = System.getenv();

    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration file.")
    Path config;

    @Option(names = "--model-name", paramLabel = "NAME", description = "Model (grid) name; names its storage folder.")
    String modelName;

    @ArgGroup(exclusive = true)
    Shape shape = new Shape();

    static final class Shape {
        @Option(names = "--single", description = "Run one model: each axis must have exactly one value.")
        boolean single;

        @Option(names = "--grid", description = "Run the full grid (default).")
        boolean grid;
    }

    @Option(names = "--metal", arity = "1..*", paramLabel = "V", description = "Metallicity, percent of solar.")
    List<String> metal;

    @Option(names = "--dens", arity = "1..*", paramLabel = "V", description = "Surface density, 10*log10(n/cm^-3).")
    List<String> dens;

    @Option(names = "--mass", arity = "1..*", paramLabel = "V", description = "Clump mass, 10*log10(M/M_sun).")
    List<String> mass;

    @Option(names = "--chi", arity = "1..*", paramLabel = "V", description = "FUV field, 10*log10(chi/Draine).")
    List<String> chi;

    @Option(names = "--species", arity = "1..*", paramLabel = "S", description = "Species ONION runs for, e.g. CO C+.")
    List<String> species;

    @Option(names = "--random", description = "Draw random points between each axis's min and max.")
    boolean random;

    @Option(names = "--random-count", paramLabel = "N", description = "Points of a random grid (default 50).")
    Integer randomCount;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of a random grid (same seed, same points).")
    Long seed;

    @Option(names = "--json-template", paramLabel = "FILE", description = "Your pdr_config.json template.")
    Path jsonTemplate;

    /** File, then environment, then these flags. */
    Config resolve() {
        Config c = ConfigLoader.load(config, environment);
        String mp = ConfigSchema.MODEL_PARAMETERS;
        c = set(c, ConfigSchema.PDR, "model_name", modelName, "--model-name");
        c = set(c, mp, "metal", metal, "--metal");
        c = set(c, mp, "dens", dens, "--dens");
        c = set(c, mp, "mass", mass, "--mass");
        c = set(c, mp, "chi", chi, "--chi");
        c = set(c, mp, "species", species, "--species");
        c = set(c, mp, "random_model_num", randomCount == null ? null : randomCount.longValue(), "--random-count");
        c = set(c, mp, "seed", seed, "--seed");
        c = set(
                c,
                ConfigSchema.PDR,
                "json_template_file",
                jsonTemplate == null ? null : jsonTemplate.toString(),
                "--json-template");
        if (random) {
            c = c.with(mp, "random", true, "flag --random");
        }
        if (shape.single) {
            for (String axis : List.of("metal", "dens", "mass", "chi")) {
                List<String> values = c.list(mp, axis).orElse(List.of());
                if (values.size() != 1) {
                    throw new ConfigException("--single: --" + axis + " has " + values.size()
                            + " values; a single model takes exactly one per axis (or use --grid)");
                }
            }
        }
        return c;
    }

    private static Config set(Config c, String section, String key, Object value, String flag) {
        return value == null ? c : c.with(section, key, value, "flag " + flag);
    }
}

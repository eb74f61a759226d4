package pdrrun.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import pdrrun.catalog.RegistrationRequest;
import pdrrun.config.Config;
import pdrrun.config.ConfigException;
import pdrrun.config.ConfigSchema;
import pdrrun.grid.GridPoint;
import pdrrun.grid.GridSpec;
import pdrrun.grid.ModelName;
import pdrrun.provenance.Executable;
import pdrrun.provenance.ExecutableProbe;

/**
 * Turns a resolved configuration into a registration request, validating everything (grid,
 * model name, PDR home, executables, chemical database) before anything is written.
 */
public final class GridSubmission {
    /** ONION species when neither --species nor model_parameters.species is given. */
    public static final List<String> DEFAULT_ONION_SPECIES = List.of("CO", "C+", "C", "O");

    private GridSubmission() {}

    /** The model name of a configuration (pdr.model_name / --model-name), validated. */
    public static ModelName modelName(Config config) {
        return new ModelName(config.string(ConfigSchema.PDR, "model_name").orElse("default"));
    }

    /** Storage base folder (storage.base_dir / PDR_STORAGE_DIR, default ./storage). */
    public static Path storageBase(Config config) {
        return Path.of(config.string(ConfigSchema.STORAGE, "base_dir").orElse("storage"))
                .toAbsolutePath()
                .normalize();
    }

    public static List<String> onionSpecies(Config config) {
        List<String> species =
                config.list(ConfigSchema.MODEL_PARAMETERS, "species").orElse(DEFAULT_ONION_SPECIES);
        List<String> cleaned = new ArrayList<>();
        for (String s : species) {
            for (String part : s.strip().split("[\\s,]+")) {
                if (!part.isEmpty()) {
                    if (part.contains("/") || part.contains("..")) {
                        throw new ConfigException("--species: '" + part + "' is not a species name");
                    }
                    cleaned.add(part);
                }
            }
        }
        return List.copyOf(cleaned);
    }

    /**
     * Validates and assembles the request.
     *
     * @throws ConfigException naming the value, flag, file or path at fault
     */
    public static RegistrationRequest prepare(Config config) {
        ModelName model = modelName(config);
        GridSpec spec = GridSpec.from(config);
        List<GridPoint> points = spec.points();
        List<String> species = onionSpecies(config);
        PdrHome home = PdrHome.from(config);
        home.requireHome();
        List<Executable> executables = new ArrayList<>();
        for (String name : home.executableNames()) {
            executables.add(ExecutableProbe.probe(home.execDir(), name));
        }
        Path chem = home.chemDatabasePath();
        if (!Files.isRegularFile(chem)) {
            throw new ConfigException(chem + ": chemical-rates file not found; set pdr.chem_database to a file in "
                    + home.baseDir().resolve("pdrinpdata"));
        }
        String user = config.string(ConfigSchema.USER, "username").orElse(System.getProperty("user.name", "unknown"));
        String email = config.string(ConfigSchema.USER, "email").orElse("");
        boolean local =
                config.string(ConfigSchema.STORAGE, "type").orElse("local").equalsIgnoreCase("local");
        String modelPath = local
                ? storageBase(config).resolve(model.value()).toString()
                : config.string(ConfigSchema.STORAGE, "base_dir").orElse("").replaceAll("/+$", "") + "/"
                        + model.value();
        return new RegistrationRequest(
                model.value(),
                modelPath,
                user,
                email,
                executables,
                home.chemDatabase(),
                chem,
                home.chemOrigin(),
                String.join(" ", species),
                points,
                spec.factory());
    }
}

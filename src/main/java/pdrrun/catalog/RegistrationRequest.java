package pdrrun.catalog;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import pdrrun.grid.ParameterSet;
import pdrrun.provenance.Executable;

/**
 * Everything registering a grid writes: provenance once, then one parameter row and one pending
 * job per distinct parameter set.
 *
 * @param executables pdrexe first: jobs link to it
 * @param onionSpecies space-separated species ONION runs for (the original's onion_species)
 */
public record RegistrationRequest(
        String modelName,
        String modelPath,
        String userName,
        String userEmail,
        List<Executable> executables,
        String chemFileName,
        Path chemPath,
        String chemOrigin,
        String onionSpecies,
        List<ParameterSet> parameterSets) {
    public RegistrationRequest {
        Objects.requireNonNull(modelName, "modelName");
        Objects.requireNonNull(modelPath, "modelPath");
        executables = List.copyOf(executables);
        if (executables.isEmpty()) {
            throw new IllegalArgumentException("at least pdrexe is needed");
        }
        parameterSets = List.copyOf(parameterSets);
    }
}

package pdrrun.catalog;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import pdrrun.grid.GridPoint;
import pdrrun.grid.ParameterSetFactory;
import pdrrun.provenance.Executable;

/**
 * Everything registering a grid writes: provenance once, then one parameter row and one pending
 * job per distinct parameter set. Parameter sets are built batch by batch from the points, so a
 * grid of 10^5 points never holds all its sets in memory.
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
        List<GridPoint> points,
        ParameterSetFactory parameters) {
    public RegistrationRequest {
        Objects.requireNonNull(modelName, "modelName");
        Objects.requireNonNull(modelPath, "modelPath");
        executables = List.copyOf(executables);
        if (executables.isEmpty()) {
            throw new IllegalArgumentException("at least pdrexe is needed");
        }
        points = List.copyOf(points);
        Objects.requireNonNull(parameters, "parameters");
    }
}

package pdrrun.catalog;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

/**
 * A job this process has claimed (status running, lease owned), with everything a model run
 * needs, read in the claiming transaction so no connection is held while the model runs.
 *
 * @param parameters column name to value (Double, Long or String) of its parameter row
 * @param forced set by --rerun: recompute even if stored
 */
public record ClaimedJob(
        long id,
        String jobName,
        long modelId,
        String modelName,
        String modelPath,
        long parameterId,
        Map<String, Object> parameters,
        List<String> onionSpecies,
        Long executableId,
        boolean forced,
        int attempt,
        LocalDateTime started) {
    public ClaimedJob {
        parameters = Map.copyOf(parameters);
        onionSpecies = List.copyOf(onionSpecies);
    }
}

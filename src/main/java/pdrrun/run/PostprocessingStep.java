package pdrrun.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import pdrrun.config.ConfigException;

/**
 * An external post-processing step (SIMLINE line synthesis, a UV-continuum tool...) declared in
 * {@code pdr.postprocessing}: run in the run directory after ONION for usable models, with a
 * timeout and the exit codes that count as success.
 *
 * <pre>
 * pdr:
 *   postprocessing:
 *     - name: SIMLINE
 *       command: [./simline, pdroutput/pdrstruct_s.hdf5]
 *       timeout_s: 600
 *       accepted_exit_codes: [0]
 *       outputs: [simline.out]
 * </pre>
 */
public record PostprocessingStep(
        String name, List<String> command, Duration timeout, Set<Integer> acceptedExitCodes, List<String> outputs) {
    public PostprocessingStep {
        command = List.copyOf(command);
        acceptedExitCodes = Set.copyOf(acceptedExitCodes);
        outputs = List.copyOf(outputs);
    }

    /** Parses the pdr.postprocessing list (plain YAML values). */
    public static List<PostprocessingStep> parse(Object value) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new ConfigException("pdr.postprocessing must be a list of steps (name, command, timeout_s)");
        }
        List<PostprocessingStep> steps = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof Map<?, ?> map)
                    || !(map.get("name") instanceof String name)
                    || !name.matches("[A-Za-z0-9_.+-]+")) {
                throw new ConfigException(
                        "pdr.postprocessing: each step needs a name (letters, digits, _ . + -)" + " and a command");
            }
            Object command = map.get("command");
            List<String> argv = new ArrayList<>();
            if (command instanceof List<?> parts && !parts.isEmpty()) {
                parts.forEach(p -> argv.add(String.valueOf(p)));
            } else if (command instanceof String text && !text.isBlank()) {
                argv.addAll(List.of(text.strip().split("\\s+")));
            } else {
                throw new ConfigException("pdr.postprocessing step '" + name + "': command is missing");
            }
            Object timeout = map.get("timeout_s");
            double seconds = timeout instanceof Number n ? n.doubleValue() : 3600.0;
            Set<Integer> accepted = new TreeSet<>();
            if (map.get("accepted_exit_codes") instanceof List<?> codes) {
                codes.forEach(c -> accepted.add(((Number) c).intValue()));
            } else {
                accepted.add(0);
            }
            List<String> outputs = new ArrayList<>();
            if (map.get("outputs") instanceof List<?> files) {
                files.forEach(f -> outputs.add(String.valueOf(f)));
            }
            steps.add(
                    new PostprocessingStep(name, argv, Duration.ofMillis((long) (seconds * 1000)), accepted, outputs));
        }
        return steps;
    }
}

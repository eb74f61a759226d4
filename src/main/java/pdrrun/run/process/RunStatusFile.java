package pdrrun.run.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code pdroutput/run_status.json}, which newer KOSMA-tau codes write at the end of a run.
 * A file that is not a JSON object with a valid {@code converged} field is reported invalid, so
 * the caller can fall back on TEXTOUT. Thread-safe (the mapper is shared read-only).
 */
final class RunStatusFile {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> CONVERGED = Set.of(RunStatus.STRICT, RunStatus.RELAXED, RunStatus.NO);

    private RunStatusFile() {}

    /** The file could not be used; {@code problem} says why, for the outcome's warning. */
    static final class Invalid extends Exception {
        Invalid(String problem, Throwable cause) {
            super(problem, cause);
        }
    }

    /**
     * @return the details, or empty if the file does not exist
     * @throws Invalid if it exists but cannot be read or is not a valid status
     */
    static Optional<RunStatus> read(Path file) throws Invalid {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new Invalid("unreadable: " + firstLine(e.getMessage()), e);
        }
        if (root == null || !root.isObject()) {
            throw new Invalid("not a JSON object", null);
        }
        String converged = text(root, "converged");
        converged = converged == null ? null : converged.strip().toLowerCase(Locale.ROOT);
        if (!CONVERGED.contains(converged)) {
            throw new Invalid("converged is " + root.get("converged") + ", not strict, relaxed or no", null);
        }
        return Optional.of(new RunStatus(
                converged,
                integer(root, "global_iterations"),
                number(root, "eps_final"),
                integer(root, "tsearch_flagged_shells"),
                integer(root, "chem_relaxed_calls"),
                integer(root, "deferred_iterations"),
                text(root, "code_version"),
                text(root, "git_hash"),
                RunStatus.FROM_STATUS_FILE));
    }

    private static String text(JsonNode root, String field) {
        JsonNode n = root.get(field);
        return n == null || n.isNull() || n.isContainerNode() ? null : n.asText();
    }

    // Fortran-written JSON may quote numbers or use a D exponent: accept what is unambiguous.
    private static Double number(JsonNode root, String field) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        return n.isNumber() ? Double.valueOf(n.doubleValue()) : FortranNumber.parse(n.asText());
    }

    private static Integer integer(JsonNode root, String field) {
        Double d = number(root, field);
        return d == null || d.isNaN() || d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE ? null : d.intValue();
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}

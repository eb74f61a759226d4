package pdrrun.run.process;

import java.util.Set;

/**
 * Convergence details of a finished model, stored in the job's {@code run_status_*} columns. Every
 * field may be null: the text log gives only some of them, an old code gives none.
 *
 * @param converged "strict", "relaxed", "no", or null when unknown
 * @param globalIterations number of global iterations
 * @param epsFinal the final convergence measure (for a relaxed convergence: the relaxed eps)
 * @param tsearchFlaggedShells shells where the temperature search was flagged
 * @param chemRelaxedCalls chemistry calls that needed relaxed tolerances
 * @param deferredIterations iterations deferred by the code
 * @param codeVersion the code's revision, as it reports it
 * @param gitHash the code's git commit
 * @param source where the details came from: {@link #FROM_STATUS_FILE}, {@link #FROM_TEXTOUT} or
 *     null
 */
public record RunStatus(
        String converged,
        Integer globalIterations,
        Double epsFinal,
        Integer tsearchFlaggedShells,
        Integer chemRelaxedCalls,
        Integer deferredIterations,
        String codeVersion,
        String gitHash,
        String source) {

    public static final String STRICT = "strict";
    public static final String RELAXED = "relaxed";
    public static final String NO = "no";
    public static final String FROM_STATUS_FILE = "run_status.json";
    public static final String FROM_TEXTOUT = "TEXTOUT";

    private static final Set<String> CONVERGED = Set.of(STRICT, RELAXED, NO);
    private static final Set<String> SOURCES = Set.of(FROM_STATUS_FILE, FROM_TEXTOUT);

    /** @throws IllegalArgumentException for an unknown converged value or source */
    public RunStatus {
        if (converged != null && !CONVERGED.contains(converged)) {
            throw new IllegalArgumentException("converged must be strict, relaxed or no: " + converged);
        }
        if (source != null && !SOURCES.contains(source)) {
            throw new IllegalArgumentException("unknown run status source: " + source);
        }
    }

    /** Nothing known. */
    public static RunStatus empty() {
        return new RunStatus(null, null, null, null, null, null, null, null, null);
    }

    /** What a convergence line of TEXTOUT tells. */
    static RunStatus fromTextout(String converged, Integer iterations, Double eps) {
        return new RunStatus(converged, iterations, eps, null, null, null, null, null, FROM_TEXTOUT);
    }
}

package pdrrun.report;

import java.time.LocalDateTime;
import java.util.Optional;

/**
 * The latest job row of one grid point (the highest id per model and job name: catalogs of the
 * original hold duplicate rows) with its parameters and how many rows the point has.
 *
 * @param rows job rows of this point (more than one: rerun by the original)
 * @param attempts claims of the latest row (more than one: retried or recovered)
 * @param executionSeconds the model's own wall time, null when it did not run
 */
public record GridPoint(
        long id,
        String jobName,
        String status,
        int rows,
        int attempts,
        Double executionSeconds,
        LocalDateTime started,
        LocalDateTime finished,
        Integer exitCode,
        String error,
        String postprocError,
        RunStatusFields runStatus,
        PhysicalValues physical,
        Outputs outputs) {

    /** The run_status_* columns (SPEC section 9). */
    public record RunStatusFields(
            String converged,
            Integer globalIterations,
            Double epsFinal,
            Integer flaggedShells,
            Integer chemRelaxedCalls,
            Integer deferredIterations,
            String codeVersion,
            String gitHash,
            String source) {}

    /** Physical values from the parameter row: zmetal, xnsur (cm^-3), mass (M_sun), sint, rtot (cm). */
    public record PhysicalValues(Double zmetal, Double xnsur, Double mass, Double sint, Double rtot) {}

    /** Stored output locations. */
    public record Outputs(String directory, String textout, String hdf5, String hdf, String json) {}

    /** The state's class. */
    public StateClass stateClass() {
        return StateClass.of(status);
    }

    /** Encoded axes from the job name; empty for names of another shape. */
    public Optional<JobAxes> axes() {
        return JobAxes.parse(jobName);
    }
}

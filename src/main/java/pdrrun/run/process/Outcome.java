package pdrrun.run.process;

import java.util.Objects;
import pdrrun.job.JobStatus;

/**
 * The classified result of one model run.
 *
 * @param status the job's terminal state
 * @param details convergence details for the {@code run_status_*} columns, never null
 * @param warning something a user should see although the run may be usable, or null
 * @param reason one line saying why the run failed (for failure states), or null
 */
public record Outcome(JobStatus status, RunStatus details, String warning, String reason) {

    /** @throws IllegalArgumentException if the status is not terminal */
    public Outcome {
        Objects.requireNonNull(status, "status");
        details = details == null ? RunStatus.empty() : details;
        if (!status.terminal()) {
            throw new IllegalArgumentException("an outcome is a terminal state, not " + status);
        }
    }

    /** A failure outcome with no convergence details. */
    static Outcome failed(JobStatus status, String reason) {
        return new Outcome(status, RunStatus.empty(), null, reason);
    }

    /** Whether post-processing may use the outputs. */
    public boolean usable() {
        return JobStatus.USABLE.contains(status);
    }
}

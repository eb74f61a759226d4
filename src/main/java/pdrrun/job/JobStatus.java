package pdrrun.job;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * States of a model job, stored as their lower-case names in {@code pdr_model_jobs.status}.
 * Changes go through {@link #requireTransition}: a terminal state is never overwritten by a later
 * generic error, and only a deliberate rerun or recovery makes a job pending again.
 */
public enum JobStatus {
    PENDING,
    RUNNING,
    /** Converged with the strict criterion. */
    FINISHED,
    /** Converged with the relaxed criterion only. */
    FINISHED_RELAXED,
    /** Converged but the temperature search flagged shells. */
    FLAGGED,
    /** Already stored: not recomputed. */
    SKIPPED,
    NOT_CONVERGED,
    /** Killed by the wall-time cap. */
    TIMEOUT,
    /** Killed by the stall watchdog: never reached iteration 2. */
    STALLED,
    /** pdrexe exited non-zero. */
    ABORTED,
    /** pdrexe exited 0 without writing pdroutput/pdrstruct_s.hdf5. */
    MISSING_OUTPUT,
    /** The model ran, its outputs could not be stored. */
    FAILED_STORAGE,
    /** The run could not be prepared (missing input, template error). */
    ERROR,
    /** Marked abandoned by --reset-stale-jobs; runnable again. */
    RESET_STALE,
    /** Lost with its worker too often to retry. */
    LOST;

    /** States whose outputs are usable by post-processing and count as success. */
    public static final Set<JobStatus> USABLE = EnumSet.of(FINISHED, FINISHED_RELAXED, FLAGGED);
    /** States that count as success for the exit code. */
    public static final Set<JobStatus> OK = EnumSet.of(FINISHED, FINISHED_RELAXED, FLAGGED, SKIPPED);
    /** States a run picks up. */
    public static final Set<JobStatus> RUNNABLE = EnumSet.of(PENDING, RESET_STALE);

    private static final Map<JobStatus, Set<JobStatus>> ALLOWED = Map.of(
            PENDING, EnumSet.of(RUNNING, SKIPPED, RESET_STALE, ERROR),
            RUNNING, EnumSet.complementOf(EnumSet.of(RUNNING)),
            RESET_STALE, EnumSet.of(PENDING, RUNNING, SKIPPED, ERROR));

    /** The stored name ("finished_relaxed"). */
    public String dbName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean terminal() {
        return this != PENDING && this != RUNNING && this != RESET_STALE;
    }

    /** A terminal state may only become pending again (rerun); others follow the table. */
    public boolean canBecome(JobStatus next) {
        if (terminal()) {
            return next == PENDING;
        }
        return ALLOWED.getOrDefault(this, Set.of()).contains(next);
    }

    /**
     * @throws IllegalJobStateChangeException when the table does not allow {@code this -> next}
     */
    public void requireTransition(JobStatus next) {
        if (!canBecome(next)) {
            throw new IllegalJobStateChangeException(this, next);
        }
    }

    /** Parses a stored name; unknown names (written by other tools) give empty. */
    public static Optional<JobStatus> fromDb(String name) {
        if (name == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(name.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}

package pdrrun.report;

import java.util.Locale;

/**
 * The five classes of SPEC section 9 that status, export and report group job states into. A
 * state another tool wrote and we do not know counts as bad.
 */
public enum StateClass {
    /** finished, finished_relaxed, flagged, skipped. */
    OK,
    /** not_converged: outputs exist, physics is doubtful. */
    WARN,
    /** timeout, stalled, aborted, missing_output, failed_storage, error, lost and unknown states. */
    BAD,
    /** running. */
    RUN,
    /** pending, reset_stale (and rows without a state). */
    PENDING;

    /** The class of a stored state name. */
    public static StateClass of(String status) {
        if (status == null) {
            return PENDING;
        }
        switch (status.strip().toLowerCase(Locale.ROOT)) {
            case "finished":
            case "finished_relaxed":
            case "flagged":
            case "skipped":
                return OK;
            case "not_converged":
                return WARN;
            case "running":
                return RUN;
            case "pending":
            case "reset_stale":
                return PENDING;
            default:
                return BAD;
        }
    }

    /** Lower-case name as printed and exported ("ok"). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}

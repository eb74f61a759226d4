package pdrrun.run.process;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How a model process ended. A non-zero exit is a result, not an error: {@link OutcomeClassifier}
 * turns it into a job state.
 *
 * @param exitCode the exit code as {@link Process#exitValue()} reports it (128 + signal when a
 *     signal killed it, e.g. 137 for SIGKILL), or -1 when the process could not be seen to exit
 * @param timedOut the wall-time cap fired and the process group was killed
 * @param stalled the stall watchdog fired and the process group was killed
 * @param started when the process was started
 * @param finished when its exit was seen (or when it was given up on)
 */
public record ProcessResult(int exitCode, boolean timedOut, boolean stalled, Instant started, Instant finished) {

    /** The exit code reported when the process never showed an exit. */
    public static final int UNKNOWN_EXIT = -1;

    /**
     * @throws IllegalArgumentException if both limits are said to have fired or finished precedes
     *     started
     */
    public ProcessResult {
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(finished, "finished");
        if (timedOut && stalled) {
            throw new IllegalArgumentException("a run is killed by one limit, not both");
        }
        if (finished.isBefore(started)) {
            throw new IllegalArgumentException("finished " + finished + " before started " + started);
        }
    }

    /** The model's own wall time, stored as the job's execution_time. */
    public Duration wallTime() {
        return Duration.between(started, finished);
    }

    /** Whether the runner killed the process (cap or watchdog). */
    public boolean killedByRunner() {
        return timedOut || stalled;
    }
}

package pdrrun.queue;

import java.time.Duration;
import java.util.List;

/**
 * What a worker takes on.
 *
 * @param modelIds models to claim from (empty: all)
 * @param slots jobs run at once
 * @param maxJobs stop after claiming this many (0: no limit)
 * @param idleExit stop after being idle this long
 * @param waitForRetries keep going while jobs of the models wait for an automatic retry (run)
 * @param deadline do not start a job that cannot end before this many ms since the epoch (0: none)
 */
public record WorkerOptions(
        List<Long> modelIds, int slots, int maxJobs, Duration idleExit, boolean waitForRetries, long deadline) {
    public WorkerOptions {
        modelIds = List.copyOf(modelIds);
        slots = Math.max(1, slots);
    }
}

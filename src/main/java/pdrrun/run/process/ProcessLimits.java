package pdrrun.run.process;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a model process may run and how it is stopped. Immutable and thread-safe.
 *
 * @param wallTime wall-time cap ({@code pdr.max_walltime_s}); null means no cap
 * @param stallFirstIteration time from start within which the log must show iteration step 2 or
 *     later ({@code pdr.stall_first_iteration_s}); null means no stall watchdog
 * @param killGrace time between SIGTERM and SIGKILL to the process group; null means 10 s
 * @param pollInterval how often the limits and the log are checked; null means 1 s
 */
public record ProcessLimits(
        Duration wallTime, Duration stallFirstIteration, Duration killGrace, Duration pollInterval) {

    /** What the original waited between SIGTERM and SIGKILL. */
    public static final Duration DEFAULT_KILL_GRACE = Duration.ofSeconds(10);

    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);

    /**
     * @throws IllegalArgumentException if a given duration is negative, or a cap, watchdog or poll
     *     interval is zero
     */
    public ProcessLimits {
        killGrace = killGrace == null ? DEFAULT_KILL_GRACE : killGrace;
        pollInterval = pollInterval == null ? DEFAULT_POLL_INTERVAL : pollInterval;
        requirePositive(wallTime, "wallTime");
        requirePositive(stallFirstIteration, "stallFirstIteration");
        requirePositive(pollInterval, "pollInterval");
        if (killGrace.isNegative()) {
            throw new IllegalArgumentException("killGrace must not be negative: " + killGrace);
        }
    }

    /** No cap, no watchdog, default grace and poll interval. */
    public static ProcessLimits none() {
        return new ProcessLimits(null, null, null, null);
    }

    /** The same limits with another wall-time cap (null: none). */
    public ProcessLimits withWallTime(Duration cap) {
        return new ProcessLimits(cap, stallFirstIteration, killGrace, pollInterval);
    }

    /** The same limits with another stall watchdog (null: none). */
    public ProcessLimits withStallFirstIteration(Duration watchdog) {
        return new ProcessLimits(wallTime, watchdog, killGrace, pollInterval);
    }

    public ProcessLimits withKillGrace(Duration grace) {
        return new ProcessLimits(wallTime, stallFirstIteration, Objects.requireNonNull(grace), pollInterval);
    }

    public ProcessLimits withPollInterval(Duration interval) {
        return new ProcessLimits(wallTime, stallFirstIteration, killGrace, Objects.requireNonNull(interval));
    }

    private static void requirePositive(Duration d, String name) {
        if (d != null && (d.isNegative() || d.isZero())) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
    }
}

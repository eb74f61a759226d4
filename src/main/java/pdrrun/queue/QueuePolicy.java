package pdrrun.queue;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import pdrrun.config.Config;
import pdrrun.config.ConfigException;
import pdrrun.config.ConfigSchema;
import pdrrun.job.JobStatus;

/**
 * How claimed jobs are kept and recovered (section {@code worker} of the configuration): a
 * heartbeat every {@code heartbeat}; a job whose heartbeat is older than {@code missedHeartbeats}
 * of them belongs to a dead worker and is recovered; failed attempts in a retryable state are
 * retried up to {@code maxAttempts} after {@code retryBackoff} (doubling per attempt). With {@code
 * overlap}, a slot starts its next model while the previous job's post-processing and storing run.
 */
public record QueuePolicy(
        Duration heartbeat,
        int missedHeartbeats,
        int maxAttempts,
        Set<JobStatus> retryable,
        Duration retryBackoff,
        Duration grace,
        boolean overlap) {

    /** Same inputs give the same result for these, so they are not retried by default. */
    public static final Set<JobStatus> DEFAULT_RETRYABLE =
            EnumSet.of(JobStatus.ABORTED, JobStatus.MISSING_OUTPUT, JobStatus.FAILED_STORAGE, JobStatus.LOST);

    public QueuePolicy {
        if (heartbeat.isNegative() || heartbeat.isZero() || missedHeartbeats < 1 || maxAttempts < 1) {
            throw new ConfigException(
                    "worker: heartbeat_s must be positive, missed_heartbeats and max_attempts at" + " least 1");
        }
        retryable = Set.copyOf(retryable);
    }

    /** As the full constructor, overlapping (the default of worker.overlap). */
    public QueuePolicy(
            Duration heartbeat,
            int missedHeartbeats,
            int maxAttempts,
            Set<JobStatus> retryable,
            Duration retryBackoff,
            Duration grace) {
        this(heartbeat, missedHeartbeats, maxAttempts, retryable, retryBackoff, grace, true);
    }

    /** A lease lasts this long without a heartbeat. */
    public Duration lease() {
        return heartbeat.multipliedBy(missedHeartbeats);
    }

    /** When a failed attempt may run again, or null when it is final. */
    public Duration retryDelay(JobStatus outcome, int attempts) {
        if (!retryable.contains(outcome) || attempts >= maxAttempts) {
            return null;
        }
        return retryBackoff.multipliedBy(1L << Math.min(10, Math.max(0, attempts - 1)));
    }

    public static QueuePolicy from(Config config) {
        String s = ConfigSchema.WORKER;
        Set<JobStatus> retryable = EnumSet.noneOf(JobStatus.class);
        List<String> states = config.list(s, "retry_states").orElse(null);
        if (states == null) {
            retryable.addAll(DEFAULT_RETRYABLE);
        } else {
            for (String name : states) {
                retryable.add(JobStatus.fromDb(name)
                        .filter(JobStatus::terminal)
                        .orElseThrow(() -> new ConfigException(config.origin(s, "retry_states")
                                + ": worker.retry_states: '" + name + "' is not a final job state")));
            }
        }
        return new QueuePolicy(
                seconds(config, "heartbeat_s", 30),
                config.integer(s, "missed_heartbeats").orElse(4L).intValue(),
                config.integer(s, "max_attempts").orElse(3L).intValue(),
                retryable,
                seconds(config, "retry_backoff_s", 10),
                seconds(config, "grace_s", 60),
                config.bool(s, "overlap").orElse(true));
    }

    private static Duration seconds(Config config, String key, double fallback) {
        double value = config.number(ConfigSchema.WORKER, key).orElse(fallback);
        if (value < 0) {
            throw new ConfigException(
                    config.origin(ConfigSchema.WORKER, key) + ": worker." + key + " must not be negative");
        }
        return Duration.ofMillis((long) (value * 1000));
    }
}

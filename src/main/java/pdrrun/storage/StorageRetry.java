package pdrrun.storage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a storage operation with bounded retries: at most {@value #DEFAULT_MAX_ATTEMPTS} attempts in
 * total by default (the first and two retries), with exponential backoff and jitter in between.
 * Only {@link StorageException#retryable()} failures are repeated; PERMISSION, NOT_FOUND,
 * INVALID_PATH, NO_SPACE and OTHER fail at once, as does any other exception. The last failure is
 * thrown with the earlier ones attached via {@code addSuppressed}. Operations must be idempotent
 * (every {@link StorageBackend} operation is). Thread-safe.
 */
public final class StorageRetry {
    public static final int DEFAULT_MAX_ATTEMPTS = 3;
    public static final Duration DEFAULT_BASE_DELAY = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(StorageRetry.class);

    /** Waits between attempts; tests pass one that records instead of sleeping. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final int maxAttempts;
    private final Duration baseDelay;
    private final Sleeper sleeper;

    /**
     * @param maxAttempts attempts in total, at least 1
     * @param baseDelay wait before the first retry; doubled for each further one, then a random
     *     part of its upper half is taken so parallel workers do not retry in lockstep
     */
    public StorageRetry(int maxAttempts, Duration baseDelay, Sleeper sleeper) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        if (baseDelay.isNegative()) {
            throw new IllegalArgumentException("baseDelay must not be negative, got " + baseDelay);
        }
        this.maxAttempts = maxAttempts;
        this.baseDelay = baseDelay;
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    /** 3 attempts, 1 s base delay, real sleeping. */
    public static StorageRetry withDefaults() {
        return new StorageRetry(DEFAULT_MAX_ATTEMPTS, DEFAULT_BASE_DELAY, d -> Thread.sleep(d.toMillis()));
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    /**
     * Runs {@code operation}, retrying transient failures.
     *
     * @param context what is done, for logs ("store TEXTOUT of job 12")
     * @throws StorageException the last failure, earlier ones suppressed; OTHER when interrupted
     */
    public <T> T call(String context, Supplier<T> operation) {
        List<StorageException> earlier = new ArrayList<>();
        for (int attempt = 1; ; attempt++) {
            try {
                return operation.get();
            } catch (StorageException e) {
                if (!e.retryable() || attempt >= maxAttempts) {
                    earlier.forEach(e::addSuppressed);
                    if (attempt > 1) {
                        LOG.error("{} failed after {} attempts: {}", context, attempt, e.getMessage());
                    }
                    throw e;
                }
                earlier.add(e);
                Duration wait = backoff(attempt);
                LOG.warn(
                        "{}: {}; attempt {} of {} in {} ms",
                        context,
                        e.getMessage(),
                        attempt + 1,
                        maxAttempts,
                        wait.toMillis());
                pause(wait, e);
            }
        }
    }

    /** {@link #call} for operations without a result. */
    public void run(String context, Runnable operation) {
        call(context, () -> {
            operation.run();
            return null;
        });
    }

    Duration backoff(int attempt) {
        long ceiling = baseDelay.toMillis() << Math.min(attempt - 1, 20);
        return Duration.ofMillis(ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1));
    }

    private void pause(Duration wait, StorageException last) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            StorageException interrupted = new StorageException(
                    StorageException.Kind.OTHER,
                    last.path(),
                    "interrupted while waiting to retry after: " + last.getMessage(),
                    e);
            interrupted.addSuppressed(last);
            throw interrupted;
        }
    }
}

package pdrrun.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class StorageRetryTest {
    private final List<Duration> waits = new ArrayList<>();
    private final StorageRetry retry = new StorageRetry(3, Duration.ofMillis(100), waits::add);
    private final AtomicInteger attempts = new AtomicInteger();

    private static StorageException failure(StorageException.Kind kind, int attempt) {
        return new StorageException(kind, "g/pdrgrid/pdr1.hdf", "attempt " + attempt + " at g/pdrgrid/pdr1.hdf");
    }

    @Test
    void transientFailuresAreRetriedWithGrowingWaitsUntilSuccess() {
        String result = retry.call("store pdr1.hdf", () -> {
            int attempt = attempts.incrementAndGet();
            if (attempt < 3) {
                throw failure(StorageException.Kind.TRANSIENT, attempt);
            }
            return "stored";
        });

        assertThat(result).isEqualTo("stored");
        assertThat(attempts).hasValue(3);
        assertThat(waits).hasSize(2);
        assertThat(waits.get(0)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
        assertThat(waits.get(1)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
    }

    @ParameterizedTest
    @EnumSource(
            value = StorageException.Kind.class,
            names = {"TRANSIENT"},
            mode = EnumSource.Mode.EXCLUDE)
    void permanentFailuresAreThrownAtOnce(StorageException.Kind kind) {
        StorageException permanent = failure(kind, 1);

        assertThatThrownBy(() -> retry.run("store", () -> {
                    attempts.incrementAndGet();
                    throw permanent;
                }))
                .isSameAs(permanent);
        assertThat(attempts).hasValue(1);
        assertThat(waits).isEmpty();
        assertThat(permanent.getSuppressed()).isEmpty();
    }

    @Test
    void attemptsAreBoundedAndEarlierFailuresAreKeptAsSuppressed() {
        assertThatThrownBy(() -> retry.run("store", () -> {
                    throw failure(StorageException.Kind.TRANSIENT, attempts.incrementAndGet());
                }))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("attempt 3")
                .satisfies(e -> assertThat(e.getSuppressed())
                        .extracting(Throwable::getMessage)
                        .containsExactly("attempt 1 at g/pdrgrid/pdr1.hdf", "attempt 2 at g/pdrgrid/pdr1.hdf"));
        assertThat(attempts).hasValue(StorageRetry.DEFAULT_MAX_ATTEMPTS);
        assertThat(waits).hasSize(2);
    }

    @Test
    void otherExceptionsAreNotRetried() {
        assertThatThrownBy(() -> retry.run("store", () -> {
                    attempts.incrementAndGet();
                    throw new IllegalStateException("bug");
                }))
                .isInstanceOf(IllegalStateException.class);
        assertThat(attempts).hasValue(1);
    }

    @Test
    void interruptionWhileWaitingStopsRetrying() {
        StorageRetry interrupted = new StorageRetry(3, Duration.ofMillis(100), d -> {
            throw new InterruptedException();
        });
        try {
            assertThatThrownBy(() -> interrupted.run("store", () -> {
                        throw failure(StorageException.Kind.TRANSIENT, attempts.incrementAndGet());
                    }))
                    .isInstanceOfSatisfying(StorageException.class, e -> {
                        assertThat(e.kind()).isEqualTo(StorageException.Kind.OTHER);
                        assertThat(e.getMessage()).contains("interrupted", "attempt 1");
                    });
            assertThat(attempts).hasValue(1);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void onlyTransientFailuresAreRetryable() {
        for (StorageException.Kind kind : StorageException.Kind.values()) {
            assertThat(failure(kind, 1).retryable()).isEqualTo(kind == StorageException.Kind.TRANSIENT);
        }
        assertThatThrownBy(() -> new StorageRetry(0, Duration.ZERO, d -> {})).hasMessageContaining("at least 1");
    }
}

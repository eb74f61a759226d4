package pdrrun.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class IdleSignalTest {

    @Test
    void aChangeWakesAWaitingSlotAtOnce() throws Exception {
        IdleSignal signal = new IdleSignal();
        long seen = signal.version();
        long t0 = System.nanoTime();
        CompletableFuture<Long> waited = CompletableFuture.supplyAsync(() -> {
            signal.await(seen, 10_000);
            return System.nanoTime() - t0;
        });
        Thread.sleep(100);
        signal.changed();
        assertThat(TimeUnit.NANOSECONDS.toMillis(waited.get(5, TimeUnit.SECONDS)))
                .isLessThan(5_000);
    }

    @Test
    void aChangeBeforeTheWaitIsNotLost() {
        IdleSignal signal = new IdleSignal();
        long seen = signal.version();
        signal.changed();
        long t0 = System.nanoTime();
        signal.await(seen, 10_000);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isLessThan(1_000);
    }

    @Test
    void withoutAChangeTheWaitLastsItsTimeout() {
        IdleSignal signal = new IdleSignal();
        long t0 = System.nanoTime();
        signal.await(signal.version(), 200);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isGreaterThanOrEqualTo(200);
    }

    @Test
    void anInterruptEndsTheWaitAndIsKept() {
        IdleSignal signal = new IdleSignal();
        Thread.currentThread().interrupt();
        signal.await(signal.version(), 10_000);
        assertThat(Thread.interrupted()).isTrue();
    }
}

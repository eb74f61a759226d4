package pdrrun.catalog;

import java.util.concurrent.atomic.AtomicLong;

/** Counts of the one transaction helper; thread-safe. */
public final class CatalogMetrics {
    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong rollbacks = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong transactionNanos = new AtomicLong();
    private final AtomicLong maxTransactionNanos = new AtomicLong();

    void committed(long nanos) {
        commits.incrementAndGet();
        transactionNanos.addAndGet(nanos);
        maxTransactionNanos.accumulateAndGet(nanos, Math::max);
    }

    void rolledBack() {
        rollbacks.incrementAndGet();
    }

    void retried() {
        retries.incrementAndGet();
    }

    public long commits() {
        return commits.get();
    }

    public long rollbacks() {
        return rollbacks.get();
    }

    public long retries() {
        return retries.get();
    }

    /** The longest committed transaction, in milliseconds. */
    public double maxTransactionMillis() {
        return maxTransactionNanos.get() / 1e6;
    }

    /** Total time spent in committed transactions, in milliseconds. */
    public double transactionMillis() {
        return transactionNanos.get() / 1e6;
    }
}

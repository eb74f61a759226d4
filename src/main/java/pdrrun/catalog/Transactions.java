package pdrrun.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way to write to the catalog. Each call borrows a connection, runs the callback in one
 * transaction and commits; on failure it rolls back, logs with the operation's context and
 * rethrows as {@link CatalogException} with earlier failures attached as suppressed. Transient
 * errors are retried (at most {@value #MAX_ATTEMPTS} attempts, exponential backoff with jitter),
 * so callbacks must be idempotent. The connection always returns to the pool. Thread-safe.
 */
public final class Transactions {
    static final int MAX_ATTEMPTS = 5;
    private static final Logger LOG = LoggerFactory.getLogger(Transactions.class);

    private final DataSource dataSource;
    private final CatalogMetrics metrics;
    private final long baseBackoffMillis;

    public Transactions(DataSource dataSource, CatalogMetrics metrics, long baseBackoffMillis) {
        this.dataSource = dataSource;
        this.metrics = metrics;
        this.baseBackoffMillis = baseBackoffMillis;
    }

    public CatalogMetrics metrics() {
        return metrics;
    }

    /**
     * Runs {@code callback} in a transaction.
     *
     * @param context what is being done, for logs and errors ("register model t", "finish job 12")
     * @throws CatalogException when the work fails, after retries if the error was transient
     */
    public <T> T inTransaction(String context, TransactionCallback<T> callback) {
        List<Throwable> earlier = new ArrayList<>();
        for (int attempt = 1; ; attempt++) {
            try {
                return once(callback);
            } catch (SQLException | RuntimeException e) {
                boolean retry = attempt < MAX_ATTEMPTS && TransientErrors.isTransient(e);
                if (!retry) {
                    CatalogException failure = new CatalogException(context + " failed: " + describe(e), e);
                    earlier.forEach(failure::addSuppressed);
                    LOG.error("{} failed after {} attempt(s): {}", context, attempt, describe(e));
                    throw failure;
                }
                earlier.add(e);
                metrics.retried();
                long sleep = backoff(attempt);
                LOG.warn(
                        "{}: transient database error ({}), retry {} of {} in {} ms",
                        context,
                        describe(e),
                        attempt,
                        MAX_ATTEMPTS - 1,
                        sleep);
                pause(sleep);
            }
        }
    }

    private <T> T once(TransactionCallback<T> callback) throws SQLException {
        long start = System.nanoTime();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = callback.apply(connection);
                connection.commit();
                metrics.committed(System.nanoTime() - start);
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    connection.rollback();
                    metrics.rolledBack();
                } catch (SQLException rollbackFailure) {
                    e.addSuppressed(rollbackFailure);
                }
                throw e;
            }
        }
    }

    /**
     * Opens up to {@code connections} pooled connections now (the pool keeps them while they are
     * used), so that that many threads starting at once do not each wait for a new connection (a
     * connection to a server costs 20 to 50 ms here). No statement is run on them. Best effort: a
     * failure is left to the first real use, which reports it.
     */
    void openAhead(int connections) {
        List<Connection> open = new ArrayList<>();
        try {
            for (int i = 0; i < connections; i++) {
                open.add(dataSource.getConnection());
            }
        } catch (SQLException e) {
            // the first transaction gets the same error and reports it
        } finally {
            for (Connection c : open) {
                try {
                    c.close();
                } catch (SQLException e) {
                    // returned to the pool as broken; it makes another when needed
                }
            }
        }
    }

    private long backoff(int attempt) {
        long ceiling = baseBackoffMillis << (attempt - 1);
        return ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CatalogException("interrupted while waiting to retry a database operation", e);
        }
    }

    static String describe(Throwable e) {
        String message = e.getMessage() == null
                ? e.getClass().getSimpleName()
                : e.getMessage().strip();
        return message.split("\n")[0];
    }
}

package pdrrun.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import pdrrun.testing.Workspace;

/**
 * What server catalogs do beyond {@link CatalogContract}: row locks, which SQLite has not (its
 * write transactions exclude each other).
 */
abstract class ServerCatalogContract extends CatalogContract {
    @Test
    void aClaimSkipsTheRowAnotherClaimHoldsInsteadOfWaitingForIt() throws Exception {
        Workspace w = w();
        RegistrationRequest request = request(w, "10");
        try (Catalog catalog = Catalog.open(settings(w))) {
            long model = registered(catalog, request);
            long oldest = w.queryLong("SELECT MIN(id) FROM pdr_model_jobs");
            java.util.concurrent.CountDownLatch locked = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                // Another claimer's transaction, between its locking read and its commit.
                Future<?> holder = pool.submit(() -> catalog.transactions().inTransaction("hold the oldest job", c -> {
                    try (java.sql.Statement st = c.createStatement()) {
                        st.executeQuery("SELECT id FROM pdr_model_jobs WHERE id = " + oldest + " FOR UPDATE")
                                .close();
                    }
                    locked.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return null;
                }));
                locked.await();
                ClaimedJob job = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                        java.time.Duration.ofSeconds(10),
                        () -> new JobRepository(catalog, Clock.systemUTC())
                                .claimNext(model, "b")
                                .orElseThrow());
                assertThat(job.id()).isEqualTo(oldest + 1);
                release.countDown();
                holder.get();
            } finally {
                release.countDown();
                pool.shutdown();
            }
        }
    }
}

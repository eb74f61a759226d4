package pdrrun.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransactionsTest {
    @TempDir
    Path dir;

    private Catalog catalog;

    @BeforeEach
    void open() {
        catalog = Catalog.open(DatabaseSettings.sqlite(dir.resolve("t.db")));
    }

    @AfterEach
    void close() {
        catalog.close();
    }

    private long users() {
        return catalog.transactions().inTransaction("count", c -> {
            try (Statement s = c.createStatement();
                    var rs = s.executeQuery("SELECT COUNT(*) FROM users")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @Test
    void failureRollsBackEverythingAndNamesTheContext() {
        assertThatThrownBy(() -> catalog.transactions().inTransaction("register user for job 7", c -> {
                    try (Statement s = c.createStatement()) {
                        s.executeUpdate("INSERT INTO users (username, email) VALUES ('a', 'b')");
                        s.executeUpdate("INSERT INTO no_such_table VALUES (1)");
                    }
                    return null;
                }))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("register user for job 7");
        assertThat(users()).isZero();
        assertThat(catalog.transactions().metrics().rollbacks()).isEqualTo(1);
    }

    @Test
    void transientErrorsAreRetriedAndEarlierFailuresKeptWhenAllFail() {
        AtomicInteger calls = new AtomicInteger();
        Long result = catalog.transactions().inTransaction("flaky", c -> {
            if (calls.incrementAndGet() < 3) {
                throw new SQLException("deadlock", "40001");
            }
            return 42L;
        });
        assertThat(result).isEqualTo(42L);
        assertThat(catalog.transactions().metrics().retries()).isEqualTo(2);

        AtomicInteger always = new AtomicInteger();
        assertThatThrownBy(() -> catalog.transactions().inTransaction("hopeless", c -> {
                    always.incrementAndGet();
                    throw new SQLException("server gone away", "08S01");
                }))
                .isInstanceOf(CatalogException.class)
                .satisfies(e -> assertThat(e.getSuppressed()).hasSize(Transactions.MAX_ATTEMPTS - 1));
        assertThat(always.get()).isEqualTo(Transactions.MAX_ATTEMPTS);
    }

    @Test
    void permanentErrorsFailFastWithoutRetry() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> catalog.transactions().inTransaction("constraint", c -> {
                    calls.incrementAndGet();
                    throw new SQLException("unique violated", "23000");
                }))
                .isInstanceOf(CatalogException.class);
        assertThat(calls.get()).isEqualTo(1);
    }

    @Test
    void connectionsReturnToThePoolAfterFailures() {
        for (int i = 0; i < 20; i++) {
            try {
                catalog.transactions().inTransaction("fail " + i, c -> {
                    throw new IllegalStateException("boom");
                });
            } catch (CatalogException expected) {
                // each failure must still return its connection
            }
        }
        assertThat(catalog.dataSource().getHikariPoolMXBean().getActiveConnections())
                .isZero();
        assertThat(users()).isZero();
    }
}

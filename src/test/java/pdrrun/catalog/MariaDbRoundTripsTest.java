package pdrrun.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import pdrrun.testing.ServerDatabases;

/** A transaction on MariaDB spends no round trips on switching autocommit. */
class MariaDbRoundTripsTest {
    private ServerDatabases.Scratch scratch;

    @BeforeEach
    void create() {
        scratch = ServerDatabases.mariadb();
    }

    @AfterEach
    void drop() {
        scratch.close();
    }

    @Test
    void transactionsSendNoSetAutocommitStatements() {
        // Com_set_option counts "SET autocommit=..." per session: read it at the start of each
        // transaction; between two transactions on one connection it must not grow.
        Map<Long, List<Long>> byConnection = new HashMap<>();
        try (Catalog catalog = Catalog.open(scratch.settings())) {
            for (int i = 0; i < 30; i++) {
                catalog.transactions().inTransaction("count set statements", c -> {
                    try (Statement s = c.createStatement();
                            ResultSet rs = s.executeQuery("SELECT CONNECTION_ID(), (SELECT VARIABLE_VALUE FROM "
                                    + "information_schema.SESSION_STATUS WHERE VARIABLE_NAME = 'COM_SET_OPTION')")) {
                        rs.next();
                        byConnection
                                .computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                                .add(rs.getLong(2));
                    }
                    return null;
                });
            }
        }
        List<Long> counts = byConnection.values().stream()
                .max((a, b) -> a.size() - b.size())
                .orElseThrow();
        assertThat(counts).hasSizeGreaterThan(1);
        assertThat(counts.get(counts.size() - 1) - counts.get(0))
                .as("SET statements over %d transactions on one connection", counts.size())
                .isZero();
    }
}

package pdrrun.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import pdrrun.catalog.DatabaseSettings;
import pdrrun.catalog.Dialect;

/**
 * Fresh databases on the real servers of the machine (MariaDB on 3306 as root without password,
 * PostgreSQL on 5432 as postgres with trust), one per test, dropped by {@link Scratch#close()}.
 * Without a server the test is skipped with a message, unless PDR_REQUIRE_SERVERS=1 (set by CI),
 * which turns absence into a failure.
 */
public final class ServerDatabases {
    private ServerDatabases() {}

    /** A scratch database; closing it drops it. */
    public record Scratch(DatabaseSettings settings, String admin, String adminUser) implements AutoCloseable {
        @Override
        public void close() {
            try (Connection c = DriverManager.getConnection(admin, adminUser, "");
                    Statement s = c.createStatement()) {
                s.execute(
                        settings.dialect() == Dialect.MYSQL
                                ? "DROP DATABASE IF EXISTS " + settings.database()
                                : "DROP DATABASE IF EXISTS " + settings.database() + " WITH (FORCE)");
            } catch (SQLException e) {
                throw new IllegalStateException("cannot drop " + settings.database(), e);
            }
        }
    }

    public static Scratch mariadb() {
        return create(Dialect.MYSQL, "jdbc:mariadb://127.0.0.1:3306/", "root", 3306);
    }

    public static Scratch postgresql() {
        return create(Dialect.POSTGRESQL, "jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", 5432);
    }

    public static Scratch of(Dialect dialect) {
        return dialect == Dialect.MYSQL ? mariadb() : postgresql();
    }

    private static Scratch create(Dialect dialect, String admin, String user, int port) {
        String name = "pdrt_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(admin, user, "");
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            String message = dialect + " server on 127.0.0.1:" + port + " not reachable: " + e.getMessage();
            if ("1".equals(System.getenv("PDR_REQUIRE_SERVERS"))) {
                Assertions.fail(message + " (PDR_REQUIRE_SERVERS=1)");
            }
            Assumptions.abort(message);
        }
        return new Scratch(
                new DatabaseSettings(
                        dialect,
                        null,
                        "127.0.0.1",
                        port,
                        name,
                        user,
                        "",
                        6,
                        30_000,
                        Duration.ofSeconds(30),
                        Duration.ofMinutes(30)),
                admin,
                user);
    }
}

package pdrrun.catalog;

import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.util.Set;

/**
 * Decides which SQL errors are worth retrying: lost connections, server gone away, deadlocks,
 * lock wait timeouts, serialization failures and SQLite's busy/locked database.
 */
final class TransientErrors {
    /** Lock wait timeout, deadlock, server gone away, lost connection, query interrupted, connection killed. */
    private static final Set<Integer> MYSQL_CODES = Set.of(1205, 1213, 2006, 2013, 1317, 1927);
    /** PostgreSQL: terminated by an administrator, crash shutdown, cannot connect now. */
    private static final Set<String> POSTGRES_STATES = Set.of("57P01", "57P02", "57P03");

    private static final int SQLITE_BUSY = 5;
    private static final int SQLITE_LOCKED = 6;

    private TransientErrors() {}

    static boolean isTransient(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && isTransientSql(sql)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isTransientSql(SQLException e) {
        if (e instanceof SQLTransientException) {
            return true;
        }
        String state = e.getSQLState();
        if (state != null
                && (state.startsWith("08")
                        || state.equals("40001")
                        || state.equals("40P01")
                        || POSTGRES_STATES.contains(state))) {
            return true;
        }
        if (MYSQL_CODES.contains(e.getErrorCode())) {
            return true;
        }
        String message = String.valueOf(e.getMessage());
        int code = e.getErrorCode() & 0xff;
        return (code == SQLITE_BUSY || code == SQLITE_LOCKED) && message.contains("SQLITE_")
                || message.contains("Broken pipe");
    }
}

package pdrrun.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.function.IntFunction;

/**
 * Multi-row INSERT statements of one shape: the statement for a full chunk is prepared once and
 * reused (preparing a statement of thousands of placeholders costs more than running it); a
 * shorter last chunk gets its own. Not thread-safe; one per transaction.
 */
final class Statements implements AutoCloseable {
    private final Connection connection;
    private final IntFunction<String> sql;
    private final int fullRows;
    private PreparedStatement full;

    Statements(Connection connection, IntFunction<String> sql, int fullRows) {
        this.connection = connection;
        this.sql = sql;
        this.fullRows = fullRows;
    }

    /** The statement for {@code rows} rows; closing the use closes only a one-off statement. */
    Use forRows(int rows) throws SQLException {
        if (rows == fullRows) {
            if (full == null) {
                full = connection.prepareStatement(sql.apply(rows));
            }
            return new Use(full, false);
        }
        return new Use(connection.prepareStatement(sql.apply(rows)), true);
    }

    @Override
    public void close() throws SQLException {
        if (full != null) {
            full.close();
        }
    }

    /** One use of a statement. */
    record Use(PreparedStatement statement, boolean oneOff) implements AutoCloseable {
        @Override
        public void close() throws SQLException {
            if (oneOff) {
                statement.close();
            } else {
                statement.clearParameters();
            }
        }
    }
}

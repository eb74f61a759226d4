package pdrrun.catalog;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Binds times the way each back end stores them. SQLite gets the text form the original wrote
 * ("2026-11-26 15:18:39.759817", UTC) so either tool can read the other's rows.
 */
final class SqlTime {
    private static final DateTimeFormatter SQLITE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    private SqlTime() {}

    static void bind(Dialect dialect, PreparedStatement statement, int index, LocalDateTime time) throws SQLException {
        if (time == null) {
            statement.setObject(index, null);
        } else if (dialect == Dialect.SQLITE) {
            statement.setString(index, SQLITE.format(time));
        } else {
            statement.setTimestamp(index, Timestamp.valueOf(time));
        }
    }
}

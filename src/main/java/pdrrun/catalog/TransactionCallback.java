package pdrrun.catalog;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Work done inside one transaction. It may run more than once when a transient error forces a
 * retry, so it must be idempotent: derive everything from the database state it reads, and keep
 * no side effects outside the connection.
 */
@FunctionalInterface
public interface TransactionCallback<T> {
    T apply(Connection connection) throws SQLException;
}

package pdrrun.catalog;

/** The SQL flavours the catalog speaks. */
public enum Dialect {
    SQLITE("sqlite"),
    MYSQL("mysql"),
    POSTGRESQL("postgresql");

    private final String migrationFolder;

    Dialect(String migrationFolder) {
        this.migrationFolder = migrationFolder;
    }

    /** Flyway location of this dialect's migrations. */
    public String migrationLocation() {
        return "classpath:db/migration/" + migrationFolder;
    }

    /**
     * An INSERT that skips rows violating a unique index; the update count is 0 for a skipped row.
     * (MySQL's INSERT IGNORE would also silence other errors, hence the no-op update instead.)
     */
    public String insertIgnoring(String table, String columns, String placeholders) {
        return insertIgnoring(table, columns, placeholders, 1);
    }

    /** As {@link #insertIgnoring(String, String, String)} for {@code rows} rows in one statement. */
    public String insertIgnoring(String table, String columns, String placeholders, int rows) {
        String values = String.join(", ", java.util.Collections.nCopies(rows, "(" + placeholders + ")"));
        String insert = "INSERT INTO " + table + " (" + columns + ") VALUES " + values;
        return this == MYSQL ? insert + " ON DUPLICATE KEY UPDATE id = id" : insert + " ON CONFLICT DO NOTHING";
    }

    /** Suffix that locks the selected rows and skips rows other transactions hold (claiming). */
    public String forUpdateSkipLocked() {
        return this == SQLITE ? "" : " FOR UPDATE SKIP LOCKED";
    }

    /** Suffix that locks the selected rows; SQLite needs none (its write transactions are exclusive). */
    public String forUpdate() {
        return this == SQLITE ? "" : " FOR UPDATE";
    }

    /** Quotes an identifier that is case-sensitive in the original schema ("rescaleQF"). */
    public String quote(String identifier) {
        return this == MYSQL ? "`" + identifier + "`" : "\"" + identifier + "\"";
    }
}

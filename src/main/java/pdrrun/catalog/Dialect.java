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

    /** An INSERT that silently skips rows violating a unique index (the update count says which). */
    public String insertIgnoring(String table, String columns, String placeholders) {
        switch (this) {
            case MYSQL:
                return "INSERT IGNORE INTO " + table + " (" + columns + ") VALUES (" + placeholders + ")";
            default:
                return "INSERT INTO " + table + " (" + columns + ") VALUES (" + placeholders
                        + ") ON CONFLICT DO NOTHING";
        }
    }

    /** Quotes an identifier that is case-sensitive in the original schema ("rescaleQF"). */
    public String quote(String identifier) {
        return this == MYSQL ? "`" + identifier + "`" : "\"" + identifier + "\"";
    }
}

package pdrrun.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import pdrrun.provenance.Executable;

/**
 * Get-or-create of the rows jobs link to: model name, user, executables, chemical database.
 * Every method runs on the caller's connection, inside the caller's transaction, and is
 * idempotent (a retry finds the row the failed attempt could not commit, or creates it).
 */
final class ProvenanceRepository {
    private final Dialect dialect;

    ProvenanceRepository(Dialect dialect) {
        this.dialect = dialect;
    }

    Optional<Long> findModel(Connection c, String name) throws SQLException {
        return firstId(c, "SELECT id FROM model_names WHERE model_name = ? ORDER BY id", name);
    }

    long model(Connection c, String name, String path) throws SQLException {
        Optional<Long> id = findModel(c, name);
        if (id.isPresent()) {
            return id.get();
        }
        // Two processes may race here: the unique index on model_name lets only one insert win.
        try (PreparedStatement insert =
                c.prepareStatement(dialect.insertIgnoring("model_names", "model_name, model_path", "?, ?"))) {
            insert.setString(1, name);
            insert.setString(2, path);
            insert.executeUpdate();
        }
        return findModel(c, name).orElseThrow();
    }

    long user(Connection c, String name, String email) throws SQLException {
        Optional<Long> id =
                firstId(c, "SELECT id FROM users WHERE username = ? AND email = ? ORDER BY id", name, email);
        return id.isPresent() ? id.get() : insert(c, "INSERT INTO users (username, email) VALUES (?, ?)", name, email);
    }

    long chemicalDatabase(Connection c, String file, String fullPath, String origin) throws SQLException {
        Optional<Long> id = firstId(
                c,
                "SELECT id FROM chemical_databases WHERE chem_rates_file_name = ? AND chem_rates_full_path = ? ORDER BY id",
                file,
                fullPath);
        return id.isPresent()
                ? id.get()
                : insert(
                        c,
                        "INSERT INTO chemical_databases (chem_rates_file_name, chem_rates_full_path, database_origin) VALUES (?, ?, ?)",
                        file,
                        fullPath,
                        origin);
    }

    /** One row per distinct binary: same name, folder and checksum is the same executable. */
    long executable(Connection c, Executable exe) throws SQLException {
        String folder = exe.folder().toString();
        Optional<Long> id = firstId(
                c,
                "SELECT id FROM kosmatau_executables WHERE executable_file_name = ? "
                        + "AND executable_full_path = ? AND sha256_sum = ? ORDER BY id",
                exe.fileName(),
                folder,
                exe.sha256());
        if (id.isPresent()) {
            return id.get();
        }
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO kosmatau_executables (code_revision, "
                        + "compilation_date, executable_file_name, executable_full_path, sha256_sum) VALUES (?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, exe.revision());
            SqlTime.bind(dialect, insert, 2, exe.compiled());
            insert.setString(3, exe.fileName());
            insert.setString(4, folder);
            insert.setString(5, exe.sha256());
            insert.executeUpdate();
            return generatedKey(insert);
        }
    }

    private static Optional<Long> firstId(Connection c, String sql, String... args) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                select.setString(i + 1, args[i]);
            }
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    private static long insert(Connection c, String sql, String... args) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            for (int i = 0; i < args.length; i++) {
                insert.setString(i + 1, args[i]);
            }
            insert.executeUpdate();
            return generatedKey(insert);
        }
    }

    private static long generatedKey(PreparedStatement statement) throws SQLException {
        try (ResultSet keys = statement.getGeneratedKeys()) {
            if (!keys.next()) {
                throw new SQLException("the database returned no generated id");
            }
            return keys.getLong(1);
        }
    }
}

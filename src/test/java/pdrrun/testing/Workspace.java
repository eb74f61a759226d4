package pdrrun.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import pdrrun.run.DemoHome;

/**
 * A test workspace: a demo PDR home, a configuration file pointing at an SQLite catalog and local
 * storage inside one temporary folder. Build it with {@link #in(Path)}.
 */
public final class Workspace {
    public final Path dir;
    public final Path home;
    public final Path database;
    public final Path storage;
    public final Path config;
    /** storage.spool_dir: inside the workspace, never the user's own spool. */
    public final Path spool;

    /** The database section to write instead of the SQLite default (server back ends). */
    private String databaseYaml;
    /** The storage section to write instead of the local folder (remote back ends). */
    private String storageYaml;
    /** The worker section's keys instead of the fast defaults. */
    private String workerKeys = "  retry_backoff_s: 0\n  heartbeat_s: 1\n  grace_s: 1\n  max_attempts: 4\n";

    private Workspace(Path dir) {
        this.dir = dir;
        this.home = dir.resolve("pdrhome");
        this.database = dir.resolve("db/pdr.sqlite");
        this.storage = dir.resolve("storage");
        this.config = dir.resolve("config.yaml");
        this.spool = dir.resolve("spool");
    }

    /** A workspace with the demo home installed and a default configuration written. */
    public static Workspace in(Path dir) {
        Workspace w = new Workspace(dir);
        DemoHome.install(w.home);
        w.writeConfig("");
        return w;
    }

    /** (Re)writes config.yaml with the standard sections plus {@code extraYaml} appended. */
    public Workspace writeConfig(String extraYaml) {
        return writeConfig("", extraYaml);
    }

    /**
     * (Re)writes config.yaml; {@code pdrKeys} are extra lines of the pdr section, each indented by
     * two spaces ("  max_walltime_s: 2\n").
     */
    public Workspace writeConfig(String pdrKeys, String extraYaml) {
        String yaml = (databaseYaml != null ? databaseYaml : "database:\n  type: sqlite\n  path: " + database + "\n")
                + (storageYaml != null ? storageYaml : "storage:\n  type: local\n  base_dir: " + storage + "\n")
                + "  spool_dir: " + spool + "\n"
                + "pdr:\n  base_dir: " + home + "\n  chem_database: " + DemoHome.CHEM_DATABASE + "\n" + pdrKeys
                + "user:\n  username: Test User\n  email: test@example.org\n"
                + "directories:\n  tmp_dir: " + dir.resolve("tmp") + "\n"
                // Retries without waiting and a short heartbeat keep the tests fast.
                + "worker:\n" + workerKeys
                + extraYaml;
        try {
            Files.writeString(config, yaml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /**
     * Writes {@code storageKeys} (lines of the storage section, each indented by two spaces)
     * instead of the local folder from now on and rewrites the config; null goes back to local.
     */
    public Workspace withStorage(String storageKeys) {
        this.storageYaml = storageKeys == null ? null : "storage:\n" + storageKeys;
        return writeConfig("");
    }

    /** Writes {@code keys} (indented lines) as the worker section from now on and rewrites the config. */
    public Workspace withWorker(String keys) {
        this.workerKeys = keys;
        return writeConfig("");
    }

    /** Uses {@code settings} (a server database) for the catalog from now on and rewrites the config. */
    public Workspace withDatabase(pdrrun.catalog.DatabaseSettings settings) {
        this.server = settings;
        this.databaseYaml = "database:\n  type: " + settings.dialect().name().toLowerCase(java.util.Locale.ROOT)
                + "\n  host: " + settings.host() + "\n  port: " + settings.port() + "\n  database: "
                + settings.database() + "\n  username: " + settings.username() + "\n  password: '"
                + settings.password() + "'\n";
        return writeConfig("");
    }

    private pdrrun.catalog.DatabaseSettings server;

    private Connection connect() throws SQLException {
        if (server == null) {
            return DriverManager.getConnection("jdbc:sqlite:" + database);
        }
        return DriverManager.getConnection(server.jdbcUrl(), server.username(), server.password());
    }

    /** Row count of a catalog table, 0 when the catalog file does not exist yet. */
    public long count(String table) {
        if (server == null && !Files.exists(database)) {
            return 0;
        }
        return queryLong("SELECT COUNT(*) FROM " + table);
    }

    public long queryLong(String sql) {
        try (Connection c = connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    public String queryString(String sql) {
        try (Connection c = connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /**
     * Whether a process still runs: a zombie (exited, not yet reaped by init) counts as gone,
     * which ProcessHandle.isAlive alone does not do.
     */
    public static boolean processRunning(long pid) {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        try {
            String text = Files.readString(stat);
            char state = text.charAt(text.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException e) {
            return false;
        }
    }

    /** Output of one in-process command run. */
    /**
     * {@code pdr-run run} of one grid point (model m, job 100_30_-10_10_00, ONION for CO) with this
     * workspace's configuration, plus {@code extra} arguments.
     */
    public Result runOnePoint(String... extra) {
        return runPoints(java.util.List.of("10"), extra);
    }

    /**
     * {@code pdr-run run} of the points 100_30_-10_CHI_00 for each of {@code chi} (model m, ONION
     * for CO), job ids in that order, plus {@code extra} arguments.
     */
    public Result runPoints(java.util.List<String> chi, String... extra) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(
                "run",
                "--config",
                config.toString(),
                "--model-name",
                "m",
                "--metal",
                "100",
                "--mass",
                "-10",
                "--dens",
                "30",
                "--chi"));
        args.addAll(chi);
        args.addAll(java.util.List.of("--species", "CO"));
        args.addAll(java.util.List.of(extra));
        return run(args.toArray(String[]::new));
    }

    public record Result(int exitCode, String out, String err) {}

    /** Runs {@code pdr-run args...} in this JVM, capturing stdout and stderr. */
    public static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = pdrrun.cli.CommandRunner.execute(
                new PrintWriter(out, true, StandardCharsets.UTF_8),
                new PrintWriter(err, true, StandardCharsets.UTF_8),
                args);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}

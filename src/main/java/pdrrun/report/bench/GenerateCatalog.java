package pdrrun.report.bench;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Random;
import pdrrun.catalog.Catalog;
import pdrrun.catalog.DatabaseSettings;
import pdrrun.config.Config;

/**
 * Writes a large SQLite catalog for the status benchmark: one model "bench" with N grid points
 * (default 100,000) in a realistic mix of states, 1 % duplicate rows of the original, two events
 * per job that ran. Batched INSERTs in one transaction. Usage: {@code GenerateCatalog FILE [N]}.
 */
public final class GenerateCatalog {
    private static final String[] DONE = {
        "finished",
        "finished",
        "finished",
        "finished_relaxed",
        "flagged",
        "not_converged",
        "timeout",
        "aborted",
        "missing_output",
        "error"
    };

    private GenerateCatalog() {}

    public static void main(String[] args) {
        Path file = Path.of(args[0]).toAbsolutePath();
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        DatabaseSettings settings = DatabaseSettings.from(
                Config.empty()
                        .with("database", "type", "sqlite", "benchmark")
                        .with("database", "path", file.toString(), "benchmark"),
                1);
        long t0 = System.nanoTime();
        try (Catalog catalog = Catalog.open(settings)) {
            catalog.transactions().inTransaction("generate a benchmark catalog", c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("INSERT INTO model_names (id, model_name, model_path) VALUES (1, 'bench', '/tmp/bench')");
                    s.execute("INSERT INTO kosmatau_executables (id, code_revision, executable_file_name, sha256_sum)"
                            + " VALUES (1, 'r1', 'pdrexe', 'aa')");
                }
                Random random = new Random(42);
                try (PreparedStatement p = c.prepareStatement("INSERT INTO kosmatau_parameters (id, model_name_id,"
                                + " zmetal, xnsur, mass, sint, rtot, parameter_hash) VALUES (?, 1, ?, ?, ?, ?, ?, ?)");
                        PreparedStatement j = c.prepareStatement("INSERT INTO pdr_model_jobs (model_name_id,"
                                + " model_job_name, kosmatau_parameters_id, kosmatau_executable_id, status, time_of_start,"
                                + " time_of_finish, execution_seconds, attempts, lease_owner, heartbeat_at,"
                                + " template_sha256, run_status_global_iterations, parameter_hash)"
                                + " VALUES (1, ?, ?, 1, ?, ?, ?, ?, 1, ?, ?, 'tt', ?, ?)");
                        PreparedStatement e = c.prepareStatement(
                                "INSERT INTO job_events (job_id, event_time, kind, message) VALUES (?, ?, ?, ?)")) {
                    long jobId = 0;
                    for (int i = 0; i < n; i++) {
                        int dens = i % 100;
                        int chi = (i / 100) % 100 - 50;
                        int mass = -20 + i / 10_000;
                        String name = "100_" + dens + "_" + mass + "_" + chi + "_00";
                        p.setLong(1, i + 1);
                        p.setDouble(2, 1.0);
                        p.setDouble(3, Math.pow(10, dens / 10.0));
                        p.setDouble(4, Math.pow(10, mass / 10.0));
                        p.setDouble(5, Math.pow(10, chi / 10.0));
                        p.setDouble(6, 1e17);
                        p.setString(7, "h" + i);
                        p.addBatch();
                        int rows = i % 100 == 7 ? 2 : 1;
                        for (int r = 0; r < rows; r++) {
                            String status = i < n * 0.7
                                    ? DONE[random.nextInt(DONE.length)]
                                    : i < n * 0.7 + 40 ? "running" : "pending";
                            boolean ran = !status.equals("pending");
                            double seconds = 3600 * (1 + 29 * random.nextDouble());
                            j.setString(1, name);
                            j.setLong(2, i + 1);
                            j.setString(3, status);
                            j.setString(4, ran ? "2026-01-01 00:00:00.000000" : null);
                            j.setString(5, ran && !status.equals("running") ? "2026-01-02 00:00:00.000000" : null);
                            j.setObject(6, ran && !status.equals("running") ? seconds : null);
                            j.setString(7, status.equals("running") ? "node" + (i % 40) + ":1234:abcd" : null);
                            j.setString(8, ran ? "2026-01-01 00:00:00.000000" : null);
                            j.setObject(9, ran ? 5 + random.nextInt(50) : null);
                            j.setString(10, r == rows - 1 ? "h" + i : null);
                            j.addBatch();
                            jobId++;
                            if (ran) {
                                e.setLong(1, jobId);
                                e.setString(2, "2026-01-01 00:00:00.000000");
                                e.setString(3, "started");
                                e.setString(4, "claimed by node" + (i % 40));
                                e.addBatch();
                                e.setLong(1, jobId);
                                e.setString(2, "2026-01-02 00:00:00.000000");
                                e.setString(3, status);
                                e.setString(4, null);
                                e.addBatch();
                            }
                        }
                        if (i % 5000 == 4999) {
                            p.executeBatch();
                            j.executeBatch();
                            e.executeBatch();
                        }
                    }
                    p.executeBatch();
                    j.executeBatch();
                    e.executeBatch();
                }
                return null;
            });
        }
        System.out.printf("%s: %d grid points written in %.1f s%n", file, n, (System.nanoTime() - t0) / 1e9);
    }
}

package pdrrun.report;

import java.io.PrintWriter;
import java.sql.ResultSetMetaData;
import java.util.List;
import pdrrun.config.ConfigException;

/**
 * {@code jobs show}: everything the catalog knows about one job row: parameters, provenance,
 * attempts, convergence, stored outputs with checksums, the TEXTOUT tail and post-processing
 * errors. Reads only.
 */
public final class JobDetails {
    /** Lines of the TEXTOUT tail shown. */
    public static final int TAIL_LINES = 20;

    private JobDetails() {}

    /**
     * Resolves a job by numeric id or by job name (latest row; {@code model} narrows the name).
     *
     * @throws ConfigException when nothing matches or a name matches in several models
     */
    public static long resolve(ReadOnlyDatabase db, String ref, String model) {
        if (ref.matches("\\d+")) {
            List<Long> ids = db.query(
                    "job " + ref,
                    "SELECT id FROM pdr_model_jobs WHERE id = ?",
                    rs -> rs.getLong(1),
                    Long.parseLong(ref));
            if (!ids.isEmpty()) {
                return ids.get(0);
            }
        }
        // No "? IS NULL" for an absent model: PostgreSQL cannot type a parameter compared only with NULL.
        String sql = "SELECT MAX(j.id), m.model_name FROM pdr_model_jobs j JOIN model_names m ON m.id = j.model_name_id"
                + " WHERE j.model_job_name = ?" + (model == null ? "" : " AND m.model_name = ?")
                + " GROUP BY m.model_name";
        List<Object[]> matches = db.query(
                "job " + ref,
                sql,
                rs -> new Object[] {rs.getLong(1), rs.getString(2)},
                model == null ? new Object[] {ref} : new Object[] {ref, model});
        if (matches.isEmpty()) {
            throw new ConfigException("no job '" + ref + "'" + (model == null ? "" : " in model '" + model + "'")
                    + "; give a job id or a job name such as 100_30_-10_10_00 (see pdr-run jobs list)");
        }
        if (matches.size() > 1) {
            StringBuilder models = new StringBuilder();
            matches.forEach(m -> models.append(models.length() == 0 ? "" : ", ").append(m[1]));
            throw new ConfigException("job '" + ref + "' exists in several models (" + models + "); add --model");
        }
        return (Long) matches.get(0)[0];
    }

    /** Prints the job. */
    public static void print(ReadOnlyDatabase db, long jobId, PrintWriter out) {
        Object[] job = db.query(
                        "job " + jobId,
                        "SELECT j.model_name_id, m.model_name, j.model_job_name, j.kosmatau_parameters_id,"
                                + " e.executable_file_name, e.code_revision, e.sha256_sum, e.executable_full_path,"
                                + " c.chem_rates_file_name, c.chem_rates_full_path, u.username, u.email, j.template_sha256,"
                                + " j.lease_owner, j.heartbeat_at, j.onion_species FROM pdr_model_jobs j"
                                + " LEFT JOIN model_names m ON m.id = j.model_name_id"
                                + " LEFT JOIN kosmatau_executables e ON e.id = j.kosmatau_executable_id"
                                + " LEFT JOIN chemical_databases c ON c.id = j.chemical_database_id"
                                + " LEFT JOIN users u ON u.id = j.user_id WHERE j.id = ?",
                        rs -> {
                            Object[] row = new Object[16];
                            for (int i = 0; i < row.length; i++) {
                                row[i] = rs.getObject(i + 1);
                            }
                            return row;
                        },
                        jobId)
                .get(0);
        long modelId = ((Number) job[0]).longValue();
        GridPoint p = GridPoints.byId(db, modelId, jobId).get(0);
        out.printf("job %d: %s (model %s)%n", jobId, p.jobName(), job[1]);
        out.printf(
                "state: %s (%s); attempts of this row: %d; rows of this grid point: %d%n",
                p.status(), p.stateClass().label(), p.attempts(), p.rows());
        out.printf(
                "run: started %s, finished %s, wall time %s, exit code %s%s%n",
                SqlText.format(p.started()),
                SqlText.format(p.finished()),
                p.executionSeconds() == null ? "-" : StatusText.duration(p.executionSeconds()),
                p.exitCode(),
                job[13] == null ? "" : ", leased by " + job[13] + " (heartbeat " + job[14] + ")");
        GridPoint.RunStatusFields r = p.runStatus();
        out.printf(
                "convergence: %s, %s global iterations, eps %s, flagged shells %s, chem relaxed calls %s,"
                        + " deferred iterations %s, code %s (git %s), from %s%n",
                r.converged(),
                r.globalIterations(),
                r.epsFinal(),
                r.flaggedShells(),
                r.chemRelaxedCalls(),
                r.deferredIterations(),
                r.codeVersion(),
                r.gitHash(),
                r.source());
        out.println("error: " + (p.error() == null ? "-" : p.error()));
        out.println("post-processing errors: " + (p.postprocError() == null ? "-" : p.postprocError()));
        out.printf(
                "provenance: executable %s revision %s sha256 %s (%s); chemical database %s (%s); user %s <%s>;"
                        + " template sha256 %s; ONION species %s%n",
                job[4], job[5], job[6], job[7], job[8], job[9], job[10], job[11], job[12], job[15]);
        parameters(db, job[3], out);
        attempts(db, modelId, p.jobName(), out);
        JobOutputs.print(db, jobId, p, out);
        List<String> tail = TextoutTail.of(p.outputs().textout(), TAIL_LINES);
        out.printf(
                "TEXTOUT tail (%s):%n",
                p.outputs().textout() == null ? "not stored" : p.outputs().textout());
        tail.forEach(line -> out.println("  | " + line));
    }

    private static void parameters(ReadOnlyDatabase db, Object parameterId, PrintWriter out) {
        if (parameterId == null) {
            out.println("parameters: none linked");
            return;
        }
        StringBuilder line = new StringBuilder("parameters:");
        db.query(
                "parameters",
                "SELECT * FROM kosmatau_parameters WHERE id = ?",
                rs -> {
                    ResultSetMetaData meta = rs.getMetaData();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        Object value = rs.getObject(i);
                        if (value != null) {
                            line.append(' ')
                                    .append(meta.getColumnName(i))
                                    .append('=')
                                    .append(value);
                        }
                    }
                    return null;
                },
                ((Number) parameterId).longValue());
        out.println(line);
    }

    private static void attempts(ReadOnlyDatabase db, long modelId, String jobName, PrintWriter out) {
        out.println("attempts (who ran each claim of this grid point, where, and how it ended):");
        int[] shown = {0};
        db.forEach(
                "attempt history",
                "SELECT a.job_id, a.attempt, a.worker, a.host, a.pid, a.cluster_job_id, a.array_task_id, a.started_at,"
                        + " a.finished_at, a.outcome, a.exit_code, a.error FROM job_attempts a JOIN pdr_model_jobs j"
                        + " ON j.id = a.job_id WHERE j.model_name_id = ? AND j.model_job_name = ? ORDER BY a.id",
                rs -> {
                    shown[0]++;
                    String cluster = rs.getString(6) == null
                            ? ""
                            : ", cluster job " + rs.getString(6)
                                    + (rs.getString(7) == null ? "" : "_" + rs.getString(7));
                    Object exit = rs.getObject(11);
                    out.printf(
                            "  attempt %d of row %d: %s on %s (pid %s%s), %s .. %s, %s%s%s%n",
                            rs.getInt(2),
                            rs.getLong(1),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getObject(5),
                            cluster,
                            SqlText.format(SqlText.time(rs.getString(8))),
                            rs.getString(9) == null ? "(open)" : SqlText.format(SqlText.time(rs.getString(9))),
                            rs.getString(10) == null ? "still running" : rs.getString(10),
                            exit == null ? "" : ", exit code " + exit,
                            rs.getString(12) == null ? "" : ": " + rs.getString(12));
                },
                modelId,
                jobName);
        if (shown[0] == 0) {
            out.println("  none recorded (not claimed yet, or run by the original)");
        }
        out.println("rows and events of this grid point:");
        db.query(
                "attempts",
                "SELECT j.id, j.status, j.attempts, j.time_of_start, j.time_of_finish, e.event_time, e.kind, e.message"
                        + " FROM pdr_model_jobs j LEFT JOIN job_events e ON e.job_id = j.id WHERE j.model_name_id = ?"
                        + " AND j.model_job_name = ? ORDER BY j.id, e.id",
                rs -> {
                    out.printf(
                            "  row %d (%s, %d attempt(s), %s .. %s)%s%n",
                            rs.getLong(1),
                            rs.getString(2),
                            rs.getInt(3),
                            SqlText.format(SqlText.time(rs.getString(4))),
                            SqlText.format(SqlText.time(rs.getString(5))),
                            rs.getString(7) == null
                                    ? ""
                                    : ": " + SqlText.format(SqlText.time(rs.getString(6))) + " " + rs.getString(7)
                                            + (rs.getString(8) == null ? "" : " " + rs.getString(8)));
                    return null;
                },
                modelId,
                jobName);
    }
}

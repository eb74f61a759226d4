package pdrrun.report;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import pdrrun.catalog.JobRepository;

/**
 * Reads the latest row of every grid point of a model in one set-based query: a GROUP BY on the
 * (model_name_id, model_job_name) index picks MAX(id) and COUNT(*), joined back to the rows and
 * their parameters. Stateless.
 */
public final class GridPoints {
    private static final String SELECT = "SELECT j.id, j.model_job_name, j.status, l.n, j.attempts,"
            + " j.execution_seconds, j.time_of_start, j.time_of_finish, j.exit_code, j.error_message,"
            + " j.postproc_error, j.run_status_converged, j.run_status_global_iterations, j.run_status_eps_final,"
            + " j.run_status_tsearch_flagged_shells, j.run_status_chem_relaxed_calls,"
            + " j.run_status_deferred_iterations, j.run_status_code_version, j.run_status_git_hash,"
            + " j.run_status_source, p.zmetal, p.xnsur, p.mass, p.sint, p.rtot, j.output_directory,"
            + " j.output_textout_file, j.output_hdf5_file, j.output_hdf4_file, j.output_json_file"
            + " FROM " + JobRepository.LATEST + " JOIN pdr_model_jobs j ON j.id = l.id"
            + " LEFT JOIN kosmatau_parameters p ON p.id = j.kosmatau_parameters_id";

    private GridPoints() {}

    /** Every grid point of the model, in job id order. */
    public static List<GridPoint> of(ReadOnlyDatabase db, long modelId) {
        return db.query("grid points of model " + modelId, SELECT + " ORDER BY j.id", GridPoints::row, modelId);
    }

    /** The latest rows of the model whose job name is {@code jobName} (zero or one). */
    public static List<GridPoint> named(ReadOnlyDatabase db, long modelId, String jobName) {
        return db.query("job " + jobName, SELECT + " WHERE j.model_job_name = ?", GridPoints::row, modelId, jobName);
    }

    /** One row by id (latest or not), with its grid point's row count. */
    static List<GridPoint> byId(ReadOnlyDatabase db, long modelId, long jobId) {
        String sql = SELECT.replace(
                        "JOIN pdr_model_jobs j ON j.id = l.id", "JOIN pdr_model_jobs j ON j.model_job_name = l.name")
                .replace("SELECT MAX(id) AS id, COUNT(*) AS n", "SELECT model_job_name AS name, COUNT(*) AS n");
        return db.query("job " + jobId, sql + " WHERE j.id = ?", GridPoints::row, modelId, jobId);
    }

    private static GridPoint row(ResultSet rs) throws SQLException {
        return new GridPoint(
                rs.getLong(1),
                rs.getString(2),
                rs.getString(3),
                rs.getInt(4),
                integer(rs, 5) == null ? 0 : integer(rs, 5),
                real(rs, 6),
                SqlText.time(rs.getString(7)),
                SqlText.time(rs.getString(8)),
                integer(rs, 9),
                rs.getString(10),
                rs.getString(11),
                new GridPoint.RunStatusFields(
                        rs.getString(12),
                        integer(rs, 13),
                        real(rs, 14),
                        integer(rs, 15),
                        integer(rs, 16),
                        integer(rs, 17),
                        rs.getString(18),
                        rs.getString(19),
                        rs.getString(20)),
                new GridPoint.PhysicalValues(real(rs, 21), real(rs, 22), real(rs, 23), real(rs, 24), real(rs, 25)),
                new GridPoint.Outputs(
                        rs.getString(26), rs.getString(27), rs.getString(28), rs.getString(29), rs.getString(30)));
    }

    static Double real(ResultSet rs, int column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }

    static Integer integer(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : (int) value;
    }
}

package pdrrun.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import pdrrun.grid.ParameterColumn;
import pdrrun.grid.ParameterColumns;

/** Reads a job as a claim returns it: the job row, its model and its parameter row. Stateless. */
final class ClaimedJobs {
    private ClaimedJobs() {}

    /** The job as claimed, with its parameter row, in one query. */
    static ClaimedJob load(Dialect d, Connection c, long id, LocalDateTime started) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT j.model_job_name, j.model_name_id, m.model_name, "
                + "m.model_path, j.kosmatau_parameters_id, j.onion_species, j.kosmatau_executable_id, "
                + "COALESCE(j.force_rerun, 0), j.attempts, p.id, "
                + ParameterColumns.ALL.stream()
                        .map(p -> "p." + d.quote(p.name()))
                        .collect(Collectors.joining(", "))
                + " FROM pdr_model_jobs j JOIN model_names m ON m.id = j.model_name_id "
                + "LEFT JOIN kosmatau_parameters p ON p.id = j.kosmatau_parameters_id WHERE j.id = ?")) {
            select.setLong(1, id);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                long parameterId = rs.getLong(5);
                String species = rs.getString(6);
                long exe = rs.getLong(7);
                Long executableId = rs.wasNull() ? null : exe;
                return new ClaimedJob(
                        id,
                        rs.getString(1),
                        rs.getLong(2),
                        rs.getString(3),
                        rs.getString(4),
                        parameterId,
                        parameters(rs, 10, parameterId),
                        species == null || species.isBlank()
                                ? List.of()
                                : Arrays.asList(species.strip().split("\\s+")),
                        executableId,
                        rs.getInt(8) != 0,
                        rs.getInt(9),
                        started);
            }
        }
    }

    /**
     * The parameter row joined at column {@code idColumn} (its id, NULL when the row is missing),
     * followed by the columns of {@link ParameterColumns#ALL}, as column name to value; NULLs (rows
     * of other tools) get the column default.
     */
    private static Map<String, Object> parameters(ResultSet rs, int idColumn, long parameterId) throws SQLException {
        rs.getLong(idColumn);
        if (rs.wasNull()) {
            throw new SQLException("parameter row " + parameterId + " does not exist");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        int i = idColumn + 1;
        for (ParameterColumn column : ParameterColumns.ALL) {
            Object value;
            switch (column.kind()) {
                case REAL:
                    value = rs.getDouble(i);
                    break;
                case INTEGER:
                    value = rs.getLong(i);
                    break;
                default:
                    value = rs.getString(i);
            }
            values.put(column.name(), rs.wasNull() ? column.defaultValue() : value);
            i++;
        }
        return values;
    }
}

package pdrrun.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pdrrun.config.ConfigException;
import pdrrun.grid.GridPoint;
import pdrrun.grid.ParameterColumn;
import pdrrun.grid.ParameterColumns;
import pdrrun.grid.ParameterSet;

/**
 * Registers a grid: provenance rows, then parameter rows and pending jobs in batches, each batch
 * one transaction. Idempotent: equal parameter sets share one row (unique index on the model and
 * the canonical hash), so registering twice, or from two processes at once, creates no duplicate;
 * a crash between batches leaves whole points registered and a rerun completes the rest.
 */
public final class GridRegistrar {
    private static final Logger LOG = LoggerFactory.getLogger(GridRegistrar.class);
    static final int BATCH = 10000;
    private static final int LOOKUP_CHUNK = 400;

    private final Catalog catalog;
    private final Clock clock;
    private final ProvenanceRepository provenance;
    /** Rows per INSERT: well below every back end's limit on bound parameters (SQLite: 32766). */
    static final int PARAMETER_ROWS = 100;

    static final int JOB_ROWS = 500;
    private final String parameterColumns;
    private final String jobColumns = "model_name_id, model_job_name, user_id, kosmatau_parameters_id, "
            + "kosmatau_executable_id, chemical_database_id, pending, active, status, output_directory, onion_species, "
            + "time_created, time_updated, parameter_hash, attempts, version";

    public GridRegistrar(Catalog catalog, Clock clock) {
        this.catalog = catalog;
        this.clock = clock;
        this.provenance = new ProvenanceRepository(catalog.dialect());
        Dialect d = catalog.dialect();
        this.parameterColumns = "model_name_id, time_created, parameter_hash, "
                + ParameterColumns.ALL.stream().map(c -> d.quote(c.name())).collect(Collectors.joining(", "));
    }

    /**
     * Registers every parameter set of the request as a pending job of its model.
     *
     * @throws ConfigException when a job name of the model is already registered with different
     *     parameters (nothing is written then)
     * @throws CatalogException when the database fails
     */
    public RegistrationResult register(RegistrationRequest request) {
        String context = "register model " + request.modelName();
        Transactions tx = catalog.transactions();
        long started = System.nanoTime();
        tx.inTransaction(context + " (check)", c -> {
            checkNoConflicts(c, request);
            return null;
        });
        ProvenanceIds ids = tx.inTransaction(context + " (provenance)", c -> provenanceIds(c, request));
        int created = 0;
        Set<String> distinct = new HashSet<>();
        List<GridPoint> points = request.points();
        for (int from = 0; from < points.size(); from += BATCH) {
            List<ParameterSet> batch = points.subList(from, Math.min(points.size(), from + BATCH)).stream()
                    .map(request.parameters()::create)
                    .toList();
            batch.forEach(set -> distinct.add(set.hash()));
            created +=
                    tx.inTransaction(context + " (points " + from + "+)", c -> registerBatch(c, ids, request, batch));
            if (from == 0 && points.size() > BATCH && catalog.dialect() == Dialect.POSTGRESQL) {
                refreshStatistics(tx, context);
            }
        }
        LOG.debug(
                "{}: {} points registered in {} ms ({} new)",
                context,
                points.size(),
                (System.nanoTime() - started) / 1_000_000,
                created);
        return new RegistrationResult(ids.modelId(), created, distinct.size() - created);
    }

    /**
     * Without statistics (a new table, autovacuum off) PostgreSQL scans the model's rows for every
     * hash lookup and a large registration slows down as it grows; fresh statistics after the
     * first batch make it use the hash index.
     */
    private static void refreshStatistics(Transactions tx, String context) {
        tx.inTransaction(context + " (statistics)", c -> {
            try (java.sql.Statement s = c.createStatement()) {
                s.execute("ANALYZE kosmatau_parameters");
                s.execute("ANALYZE pdr_model_jobs");
            }
            return null;
        });
    }

    private void checkNoConflicts(Connection c, RegistrationRequest request) throws SQLException {
        Optional<Long> model = provenance.findModel(c, request.modelName());
        if (model.isEmpty()) {
            return;
        }
        Map<String, String> registered = new HashMap<>();
        try (PreparedStatement select = c.prepareStatement("SELECT model_job_name, parameter_hash FROM pdr_model_jobs "
                + "WHERE model_name_id = ? AND parameter_hash IS NOT NULL")) {
            select.setLong(1, model.get());
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    registered.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        if (registered.isEmpty()) {
            return;
        }
        for (GridPoint point : request.points()) {
            String hash = registered.get(point.jobName());
            if (hash == null) {
                continue;
            }
            ParameterSet set = request.parameters().create(point);
            if (!hash.equals(set.hash())) {
                throw new ConfigException("model '" + request.modelName() + "' already has job " + set.jobName()
                        + " with other parameters (changed non_default_parameters, alpha, rcore or species?); "
                        + "register this grid under a new --model-name");
            }
        }
    }

    private ProvenanceIds provenanceIds(Connection c, RegistrationRequest r) throws SQLException {
        if (catalog.dialect() != Dialect.SQLITE) {
            // Serialises get-or-create of shared rows between processes (SQLite's write
            // transactions already are exclusive).
            try (PreparedStatement lock = c.prepareStatement("SELECT name FROM pdr_run_locks WHERE name = 'provenance'"
                    + catalog.dialect().forUpdate())) {
                lock.executeQuery().close();
            }
        }
        long model = provenance.model(c, r.modelName(), r.modelPath());
        long user = provenance.user(c, r.userName(), r.userEmail());
        long pdrexe = provenance.executable(c, r.executables().get(0));
        for (int i = 1; i < r.executables().size(); i++) {
            provenance.executable(c, r.executables().get(i));
        }
        long chem =
                provenance.chemicalDatabase(c, r.chemFileName(), r.chemPath().toString(), r.chemOrigin());
        return new ProvenanceIds(model, user, pdrexe, chem);
    }

    /**
     * One batch: parameter rows, then job rows, each as multi-row INSERTs (one round trip per
     * {@value #PARAMETER_ROWS} or {@value #JOB_ROWS} rows) that skip rows already registered; the
     * update counts say how many jobs are new.
     */
    private int registerBatch(Connection c, ProvenanceIds ids, RegistrationRequest r, List<ParameterSet> batch)
            throws SQLException {
        LocalDateTime now = LocalDateTime.now(clock);
        Dialect d = catalog.dialect();
        int columns = ParameterColumns.ALL.size();
        Statements parameterStatements = new Statements(c, this::parameterInsert, PARAMETER_ROWS);
        for (List<ParameterSet> rows : chunks(batch, PARAMETER_ROWS)) {
            try (Statements.Use use = parameterStatements.forRows(rows.size())) {
                PreparedStatement insert = use.statement();
                int p = 1;
                for (ParameterSet set : rows) {
                    insert.setLong(p++, ids.modelId());
                    SqlTime.bind(d, insert, p++, now);
                    insert.setString(p++, set.hash());
                    for (int i = 0; i < columns; i++) {
                        bindValue(insert, p++, ParameterColumns.ALL.get(i), set.value(i));
                    }
                }
                insert.executeUpdate();
            }
        }
        Map<String, Long> parameterIds = parameterIds(c, ids.modelId(), batch);
        int created = 0;
        Statements jobStatements = new Statements(c, this::jobInsert, JOB_ROWS);
        for (List<ParameterSet> rows : chunks(batch, JOB_ROWS)) {
            try (Statements.Use use = jobStatements.forRows(rows.size())) {
                PreparedStatement insert = use.statement();
                int p = 1;
                for (ParameterSet set : rows) {
                    insert.setLong(p++, ids.modelId());
                    insert.setString(p++, set.jobName());
                    insert.setLong(p++, ids.userId());
                    insert.setLong(p++, parameterIds.get(set.hash()));
                    insert.setLong(p++, ids.executableId());
                    insert.setLong(p++, ids.chemicalDatabaseId());
                    insert.setBoolean(p++, true);
                    insert.setBoolean(p++, false);
                    insert.setString(p++, r.modelPath());
                    insert.setString(p++, r.onionSpecies());
                    SqlTime.bind(d, insert, p++, now);
                    SqlTime.bind(d, insert, p++, now);
                    insert.setString(p++, set.hash());
                }
                created += insert.executeUpdate();
            }
        }
        parameterStatements.close();
        jobStatements.close();
        return created;
    }

    private String parameterInsert(int rows) {
        String marks = "?, ?, ?" + ", ?".repeat(ParameterColumns.ALL.size());
        return catalog.dialect().insertIgnoring("kosmatau_parameters", parameterColumns, marks, rows);
    }

    private String jobInsert(int rows) {
        return catalog.dialect()
                .insertIgnoring(
                        "pdr_model_jobs", jobColumns, "?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?, ?, 0, 0", rows);
    }

    private static <T> List<List<T>> chunks(List<T> list, int size) {
        List<List<T>> chunks = new java.util.ArrayList<>();
        for (int from = 0; from < list.size(); from += size) {
            chunks.add(list.subList(from, Math.min(list.size(), from + size)));
        }
        return chunks;
    }

    private static void bindValue(PreparedStatement s, int index, ParameterColumn column, Object value)
            throws SQLException {
        switch (column.kind()) {
            case REAL:
                s.setDouble(index, ((Number) value).doubleValue());
                break;
            case INTEGER:
                s.setLong(index, ((Number) value).longValue());
                break;
            default:
                s.setString(index, value.toString());
        }
    }

    private static Map<String, Long> parameterIds(Connection c, long modelId, List<ParameterSet> batch)
            throws SQLException {
        Map<String, Long> ids = new HashMap<>(batch.size() * 2);
        for (int from = 0; from < batch.size(); from += LOOKUP_CHUNK) {
            List<ParameterSet> chunk = batch.subList(from, Math.min(batch.size(), from + LOOKUP_CHUNK));
            String marks = String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"));
            try (PreparedStatement select = c.prepareStatement("SELECT parameter_hash, id FROM kosmatau_parameters "
                    + "WHERE model_name_id = ? AND parameter_hash IN (" + marks + ")")) {
                select.setLong(1, modelId);
                for (int i = 0; i < chunk.size(); i++) {
                    select.setString(i + 2, chunk.get(i).hash());
                }
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        ids.put(rs.getString(1), rs.getLong(2));
                    }
                }
            }
        }
        return ids;
    }
}

package pdrrun.catalog;

import java.time.LocalDateTime;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import pdrrun.job.JobStatus;

/**
 * Everything the end of one job run writes, in one transaction.
 *
 * @param columns further job columns: output paths and run_status_* (names from {@link #COLUMNS})
 * @param hdf the three HDF outputs (pdr, pdrstruct, pdrchem) or null when none were stored
 * @param json the stored pdr_config.json or null
 * @param template the JSON template used (name, path, sha256) or null
 * @param spoolEntry the id of the spool entry the outputs were stored from ({@code
 *     SpoolManifest#id}), recorded with the result so that the entry can later be told apart from
 *     a recomputation's; null when the outputs were stored straight from the run
 */
public record JobResult(
        JobStatus status,
        LocalDateTime started,
        LocalDateTime finished,
        Double executionSeconds,
        Integer exitCode,
        String errorMessage,
        String postprocError,
        String configJson,
        String templateSha256,
        Map<String, Object> columns,
        FileRecord[] hdf,
        FileRecord json,
        FileRecord template,
        String spoolEntry) {

    /** Job columns a result may set besides the fixed ones. */
    public static final Set<String> COLUMNS = Set.of(
            "output_directory",
            "output_hdf4_file",
            "output_textout_file",
            "output_chemchk_file",
            "output_mcdrt_zip_file",
            "output_ctrl_ind_file",
            "output_hdf5_file",
            "input_pdrnew_inp_file",
            "input_json_file",
            "output_json_file",
            "log_file",
            "run_directory",
            "run_status_converged",
            "run_status_global_iterations",
            "run_status_eps_final",
            "run_status_tsearch_flagged_shells",
            "run_status_chem_relaxed_calls",
            "run_status_deferred_iterations",
            "run_status_code_version",
            "run_status_git_hash",
            "run_status_source");

    public JobResult {
        Objects.requireNonNull(status, "status");
        columns = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(columns));
        for (String column : columns.keySet()) {
            if (!COLUMNS.contains(column)) {
                throw new IllegalArgumentException("not a job result column: " + column);
            }
        }
        if (hdf != null && hdf.length != 3) {
            throw new IllegalArgumentException("hdf holds pdr, pdrstruct and pdrchem files");
        }
    }

    /** A result whose outputs were stored straight from the run (no spool entry). */
    public JobResult(
            JobStatus status,
            LocalDateTime started,
            LocalDateTime finished,
            Double executionSeconds,
            Integer exitCode,
            String errorMessage,
            String postprocError,
            String configJson,
            String templateSha256,
            Map<String, Object> columns,
            FileRecord[] hdf,
            FileRecord json,
            FileRecord template) {
        this(
                status,
                started,
                finished,
                executionSeconds,
                exitCode,
                errorMessage,
                postprocError,
                configJson,
                templateSha256,
                columns,
                hdf,
                json,
                template,
                null);
    }

    /**
     * A result that names no files, JSON or template and sets no further column: an outcome the
     * pipeline never reached storing for, or a bare record.
     */
    public static JobResult withoutFiles(
            JobStatus status,
            LocalDateTime started,
            LocalDateTime finished,
            Double executionSeconds,
            Integer exitCode,
            String errorMessage) {
        return new JobResult(
                status,
                started,
                finished,
                executionSeconds,
                exitCode,
                errorMessage,
                null,
                null,
                null,
                Map.of(),
                null,
                null,
                null);
    }

    /** The same result, stored from the spool entry {@code id}. */
    public JobResult fromSpoolEntry(String id) {
        return new JobResult(
                status,
                started,
                finished,
                executionSeconds,
                exitCode,
                errorMessage,
                postprocError,
                configJson,
                templateSha256,
                columns,
                hdf,
                json,
                template,
                Objects.requireNonNull(id, "id"));
    }
}

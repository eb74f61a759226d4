package pdrrun.spool;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import pdrrun.catalog.FileRecord;
import pdrrun.catalog.JobResult;
import pdrrun.job.JobStatus;
import pdrrun.storage.StoredFile;

/**
 * A model run's result before its outputs are stored: everything of the {@link JobResult} the run
 * produced, with the stored files named by their destination storage path instead of their stored
 * location, size and checksum (known only once they are uploaded). {@link #complete} turns it into
 * the job's result once every destination is stored, at once or later from the spool. Immutable.
 *
 * @param columns job columns other than file locations (run_status_*, run_directory)
 * @param fileColumns job column to the destination whose stored location it records (null: NULL)
 * @param hdf destinations of pdr, pdrstruct and pdrchem (all three or none)
 * @param json destination of the stored pdr_config.json, or null
 */
public record PendingResult(
        JobStatus status,
        LocalDateTime started,
        LocalDateTime finished,
        Double executionSeconds,
        Integer exitCode,
        String errorMessage,
        String postprocError,
        String configJson,
        String templateSha256,
        FileRecord template,
        Map<String, Object> columns,
        Map<String, String> fileColumns,
        List<String> hdf,
        String json) {

    public PendingResult {
        Objects.requireNonNull(status, "status");
        columns = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(columns));
        // A null destination sets its column to NULL (log_file of a run without TEXTOUT).
        fileColumns = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fileColumns));
        hdf = List.copyOf(hdf);
        if (!hdf.isEmpty() && hdf.size() != 3) {
            throw new IllegalArgumentException("hdf names pdr, pdrstruct and pdrchem, got " + hdf);
        }
    }

    /**
     * The job's result once its outputs are stored.
     *
     * @param stored destination to what the storage recorded for it
     * @param outputDirectory the model's folder in storage (output_directory)
     * @param finished when the result became complete: the model's end when it was stored at once,
     *     the upload's end when it came from the spool (the model's own wall time stays in
     *     execution_seconds)
     * @throws IllegalArgumentException when a destination of a file column was not stored
     */
    public JobResult complete(Map<String, StoredFile> stored, String outputDirectory, LocalDateTime finished) {
        Map<String, Object> all = new LinkedHashMap<>();
        fileColumns.forEach((column, destination) -> {
            if (destination == null) {
                all.put(column, null);
                return;
            }
            StoredFile file = stored.get(destination);
            if (file == null) {
                throw new IllegalArgumentException(column + ": " + destination + " was not stored");
            }
            all.put(column, file.location());
        });
        all.put("output_directory", outputDirectory);
        all.putAll(columns);
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
                all,
                hdfRecords(stored),
                json == null || !stored.containsKey(json) ? null : record(stored.get(json)),
                template);
    }

    /** The job's result while its outputs could not be stored: failed_storage, with the model's outcome. */
    public JobResult storageFailure(String reason) {
        return new JobResult(
                JobStatus.FAILED_STORAGE,
                started,
                finished,
                executionSeconds,
                exitCode,
                reason + " (model outcome: " + status.dbName() + ")",
                postprocError,
                configJson,
                templateSha256,
                columns,
                null,
                null,
                template);
    }

    private FileRecord[] hdfRecords(Map<String, StoredFile> stored) {
        if (hdf.isEmpty() || !hdf.stream().allMatch(stored::containsKey)) {
            return null;
        }
        List<FileRecord> records = new ArrayList<>();
        hdf.forEach(destination -> records.add(record(stored.get(destination))));
        return records.toArray(FileRecord[]::new);
    }

    /** A stored file as the catalog's hdf_files and json_files record it. */
    public static FileRecord record(StoredFile file) {
        String location = file.location();
        int slash = location.lastIndexOf('/');
        return new FileRecord(
                location.substring(slash + 1),
                location,
                slash > 0 ? location.substring(0, slash) : "",
                file.size(),
                file.sha256(),
                LocalDateTime.ofInstant(file.modified(), ZoneOffset.UTC));
    }
}

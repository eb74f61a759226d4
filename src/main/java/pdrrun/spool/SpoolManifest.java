package pdrrun.spool;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a complete spool entry holds: whose outputs they are, why they were spooled, the result to
 * record once they are stored and every output with its destination. Written last into the entry
 * ({@value #FILE}), so an entry without it is incomplete. Immutable.
 *
 * @param host where the entry was written
 * @param created when
 * @param jobId the catalog's job id
 * @param model the model (grid) name
 * @param job the job name ({@code 100_30_-10_10_00})
 * @param attempt the attempt whose model run produced the outputs
 * @param failure the storage failure that sent them to the spool
 */
public record SpoolManifest(
        String host,
        Instant created,
        long jobId,
        String model,
        String job,
        int attempt,
        String failure,
        PendingResult result,
        List<SpooledFile> files) {
    public static final String FILE = "manifest.json";
    /** Version of the manifest's layout; a reader refuses others. */
    public static final int FORMAT = 1;

    public SpoolManifest {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(result, "result");
        files = List.copyOf(files);
    }

    /**
     * Identifies the entry among every entry of its job on any host: the host that wrote it and
     * when ({@code node12/2024-05-01T10:00:00.123456Z}). Recorded with the result stored from it.
     */
    public String id() {
        return host + "/" + created;
    }

    /**
     * Whether the entry holds a complete model's outputs (HDF files and the structure file, named
     * for finished, flagged and not_converged outcomes only).
     */
    public boolean completeOutputs() {
        return !result.hdf().isEmpty();
    }

    /** The destination of the structure file (the "model is stored" marker), or null. */
    public String structure() {
        return result.fileColumns().get("output_hdf5_file");
    }

    /** {@code model/job}, as messages name an entry. */
    public String name() {
        return model + "/" + job;
    }

    /** Files that wait in the entry for upload. */
    public List<SpooledFile> waiting() {
        return files.stream().filter(SpooledFile::waiting).toList();
    }
}

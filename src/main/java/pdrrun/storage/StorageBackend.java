package pdrrun.storage;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

/**
 * Where model outputs are kept: a folder, an SFTP server, an rclone remote. Every path is relative
 * to the storage root and '/'-separated ({@code grid_a/pdrgrid/TEXTOUT100_30_-10_10_00}); paths
 * are checked by {@link StoragePath} and malformed ones fail with {@link
 * StorageException.Kind#INVALID_PATH} naming the path.
 *
 * <p>Uploads are atomic: the bytes go to a part file next to the destination (named {@code
 * <destination>.part-<random hex>}, so concurrent uploads of one destination never share a part
 * file) and are renamed to the final name only when complete and verified. A reader never sees a
 * half-written file under the final name; part files left by a crash are invisible to {@link
 * #exists} and {@link #list}, and names ending in {@code .part} or {@code .part-<hex>} are not
 * valid destinations.
 *
 * <p>Implementations are thread-safe: workers store different files in parallel, and concurrent
 * stores of one destination leave one complete file from one of them. All failures are {@link
 * StorageException}s; only those with {@link StorageException#retryable()} are worth repeating
 * (see {@link StorageRetry}).
 */
public interface StorageBackend extends AutoCloseable {

    /**
     * Copies a local file to {@code destination}, replacing any file there and creating parent
     * folders. Verifies that the stored size equals the bytes read and the source size. Idempotent:
     * storing the same file again gives the same result.
     *
     * @return path, location, stored size, SHA-256 (computed while copying) and modification time
     * @throws StorageException NOT_FOUND if {@code local} is missing, INVALID_PATH, PERMISSION,
     *     NO_SPACE, TRANSIENT for an incomplete transfer, OTHER
     */
    StoredFile store(Path local, String destination);

    /**
     * Like {@link #store}, for a local file its caller will not read again: a back end that can
     * take the file itself instead of copying it (a rename within one file system, so a model's
     * multi-GB outputs are not written twice) does so, and {@code local} is then gone. The default
     * copies, leaving {@code local} in place.
     *
     * @throws StorageException as {@link #store}; on failure {@code local} is still there
     */
    default StoredFile storeTaking(Path local, String destination) {
        return store(local, destination);
    }

    /**
     * A hint that {@link #storeTaking} will be called for {@code locals} next: a back end that
     * syncs each taken file to disk before its rename may sync them all at once now, so the disk
     * commits them together instead of one after the other. Changes nothing else; failures are
     * left for {@link #storeTaking} to report. The default does nothing.
     */
    default void willTake(Collection<Path> locals) {}

    /**
     * Whether {@link #storeTaking} may be called for several files at once, from several threads:
     * a job's files are then taken together, their fsyncs, checksums and renames overlapping. The
     * default: no, one after another.
     */
    default boolean takesAtOnce() {
        return false;
    }

    /**
     * Like {@link #store} but gzip-compresses on the way; the final name is {@code
     * <destination>.gz} and size and checksum describe the compressed bytes.
     *
     * @throws StorageException as {@link #store}
     */
    StoredFile storeGzipped(Path local, String destination);

    /**
     * Copies {@code source} to the local file {@code local}, atomically on the local side too (a
     * part file in the same folder, then a rename), replacing it and creating parent folders.
     *
     * @throws StorageException NOT_FOUND if {@code source} is not stored, or as {@link #store}
     */
    void retrieve(String source, Path local);

    /**
     * Whether a complete file is stored under {@code path}. Never answers "absent" for a file it
     * could not check: a permission or connection failure is an exception, since taking it for
     * "absent" would recompute a stored model.
     *
     * @throws StorageException INVALID_PATH, PERMISSION, OTHER
     */
    boolean exists(String path);

    /**
     * Names of the complete files directly in {@code folder} (not sub-folders, not part files),
     * sorted; empty when the folder does not exist. {@code ""} is the storage root.
     *
     * @throws StorageException INVALID_PATH, PERMISSION, OTHER
     */
    List<String> list(String folder);

    /**
     * Deletes the file at {@code path}. Idempotent: deleting a missing file succeeds.
     *
     * @throws StorageException INVALID_PATH, PERMISSION, OTHER (e.g. {@code path} is a folder)
     */
    void delete(String path);

    /**
     * The full path or URI the catalog records for {@code path}; does not touch the storage.
     *
     * @throws StorageException INVALID_PATH
     */
    String location(String path);

    /** A one-line description for messages ("local folder /data/pdr"); never contains secrets. */
    String describe();

    /**
     * Makes what was stored so far durable where a back end defers that (a local folder syncs the
     * folders it renamed files into once per job rather than once per file). Called before a
     * job's result is recorded, so the catalog never names a file a power cut could take back.
     * Never fails: syncing is best effort. The default does nothing (remote stores are complete
     * when they return).
     */
    default void flush() {}

    /** Releases connections; idempotent. */
    @Override
    void close();
}

package pdrrun.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import pdrrun.catalog.FileRecord;
import pdrrun.storage.CompressionPolicy;
import pdrrun.storage.StorageBackend;
import pdrrun.storage.StorageRetry;
import pdrrun.storage.StoredFile;

/**
 * Stores one job's files: each upload atomic and retried for transient errors only, gzipped when
 * {@code storage.compress_files} matches, and remembered for the catalog. Not thread-safe; one per
 * job.
 */
final class OutputStore {
    private final StorageBackend storage;
    private final StorageRetry retry;
    private final CompressionPolicy compression;
    private final boolean mayTake;
    private final Map<String, StoredFile> stored = new LinkedHashMap<>();

    /**
     * @param mayTake whether {@link #take} may move files out of the run directory (not when the
     *     run directory is kept for inspection)
     */
    OutputStore(StorageBackend storage, StorageRetry retry, CompressionPolicy compression, boolean mayTake) {
        this.storage = storage;
        this.retry = retry;
        this.compression = compression;
        this.mayTake = mayTake;
    }

    /** Stores {@code local} as {@code destination}; returns the recorded location. */
    StoredFile store(Path local, String destination) {
        String name = destination.substring(destination.lastIndexOf('/') + 1);
        StoredFile file = compression.matches(name)
                ? retry.call("store " + destination + ".gz", () -> storage.storeGzipped(local, destination))
                : retry.call("store " + destination, () -> storage.store(local, destination));
        stored.put(destination, file);
        return file;
    }

    /** Stores {@code local} if it exists; returns null otherwise. */
    StoredFile storeIfPresent(Path local, String destination) {
        return Files.isRegularFile(local) ? store(local, destination) : null;
    }

    /**
     * Stores a file nothing will read again in this run: the back end may take it instead of
     * copying it ({@link StorageBackend#storeTaking}), so {@code local} may be gone afterwards.
     */
    StoredFile take(Path local, String destination) {
        String name = destination.substring(destination.lastIndexOf('/') + 1);
        if (!mayTake || compression.matches(name)) {
            return store(local, destination);
        }
        StoredFile file = retry.call("store " + destination, () -> storage.storeTaking(local, destination));
        stored.put(destination, file);
        return file;
    }

    /** {@link #take} if {@code local} exists; returns null otherwise. */
    StoredFile takeIfPresent(Path local, String destination) {
        return Files.isRegularFile(local) ? take(local, destination) : null;
    }

    Map<String, StoredFile> stored() {
        return stored;
    }

    static FileRecord record(StoredFile file) {
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

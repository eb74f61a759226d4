package pdrrun.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pdrrun.concurrent.DaemonThreads;
import pdrrun.spool.SpoolWriter;
import pdrrun.storage.CompressionPolicy;
import pdrrun.storage.StorageBackend;
import pdrrun.storage.StorageException;
import pdrrun.storage.StorageRetry;
import pdrrun.storage.StoredFile;

/**
 * Stores one job's files: each upload atomic and retried for transient errors only, gzipped when
 * {@code storage.compress_files} matches. Once an upload has failed for good, this and every later
 * file of the job are copied to the job's spool entry instead (a dead server is not asked again
 * for each file), so the run completes and nothing it produced is lost. Not thread-safe; one per
 * job ({@link #takeAll} alone uses other threads, and waits for them).
 */
final class OutputStore {
    private static final Logger LOG = LoggerFactory.getLogger(OutputStore.class);
    // Shared by every job, a thread per file being taken (made when needed, ended after a minute
    // idle): a slot's takes never queue behind another slot's large file.
    private static final ExecutorService TAKERS = takers();
    private final StorageBackend storage;
    private final StorageRetry retry;
    private final CompressionPolicy compression;
    private final boolean mayTake;
    private final Supplier<SpoolWriter> spool;
    private final Map<String, StoredFile> stored = new LinkedHashMap<>();
    private final List<String> compressed = new ArrayList<>();
    private SpoolWriter spooling;
    private StorageException failure;
    private String staleMarker;

    /**
     * @param mayTake whether {@link #take} may move files out of the run directory (not when the
     *     run directory is kept for inspection)
     * @param spool opens the job's spool entry, on the first failure
     */
    OutputStore(
            StorageBackend storage,
            StorageRetry retry,
            CompressionPolicy compression,
            boolean mayTake,
            Supplier<SpoolWriter> spool) {
        this.storage = storage;
        this.retry = retry;
        this.compression = compression;
        this.mayTake = mayTake;
        this.spool = spool;
    }

    /**
     * Deletes {@code structure} (and its {@code .gz}) from storage before the first file is stored:
     * a forced rerun replaces a stored model one file at a time, and the old structure file, the
     * "model is stored" marker, must not vouch for a mix of old and new outputs should the run stop
     * while storing. When that deletion fails, nothing is stored: every output goes to the spool.
     */
    void replacing(String structure) {
        this.staleMarker = structure;
    }

    /**
     * Stores {@code local} as {@code destination}, or spools it.
     *
     * @return {@code destination}
     * @throws StorageException only when the file could be neither stored nor spooled
     */
    String store(Path local, String destination) {
        return storeOrSpool(local, destination, false);
    }

    /** Stores {@code local} if it exists; returns null otherwise. */
    String storeIfPresent(Path local, String destination) {
        return Files.isRegularFile(local) ? store(local, destination) : null;
    }

    /**
     * Stores a file nothing will read again in this run: the back end may take it instead of
     * copying it ({@link StorageBackend#storeTaking}), so {@code local} may be gone afterwards. A
     * failed take leaves it in place, to be spooled.
     *
     * @return {@code destination}
     * @throws StorageException only when the file could be neither stored nor spooled
     */
    String take(Path local, String destination) {
        return storeOrSpool(local, destination, mayTake);
    }

    /**
     * Tells the back end which of {@code locals} {@link #take} is about to be called for (those
     * that exist), so it can prepare them together ({@link StorageBackend#willTake}).
     */
    private void willTake(List<Path> locals) {
        if (mayTake && spooling == null) {
            storage.willTake(locals);
        }
    }

    /** Whether {@link #take} moves files out of the run directory. */
    boolean movesFiles() {
        return mayTake;
    }

    /**
     * {@link #takeIfPresent} for each of {@code locals}, as the destination at the same index: all
     * at once where the back end can ({@link StorageBackend#takesAtOnce}: a local folder, where
     * each file's checksum, fsync and rename then overlap with the others' instead of being waited
     * for in turn; a job's nine small outputs took 2.8 instead of 3.5 ms here), otherwise one after
     * another. A file not taken at once
     * (compressed, or the back end failed) is then stored on its own, retried or spooled as by
     * {@link #take}.
     *
     * @return the destinations, null where the file does not exist
     * @throws StorageException only when a file could be neither stored nor spooled
     */
    List<String> takeAll(List<Path> locals, List<String> destinations) {
        String[] taken = new String[locals.size()];
        // The stale structure file goes first, as before any store (its failure starts spooling).
        if (mayTake && storage.takesAtOnce() && locals.size() > 1 && spooling == null && staleMarkerRemoved()) {
            List<CompletableFuture<StoredFile>> files = new ArrayList<>();
            for (int i = 0; i < locals.size(); i++) {
                Path local = locals.get(i);
                String destination = destinations.get(i);
                files.add(
                        compression.matches(destination) || !Files.isRegularFile(local)
                                ? CompletableFuture.completedFuture(null)
                                : CompletableFuture.supplyAsync(() -> takeOnce(local, destination), TAKERS));
            }
            // All of them ended before any is looked at: none goes on moving a file unrecorded.
            CompletableFuture.allOf(files.toArray(CompletableFuture[]::new))
                    .handle((ok, failed) -> null)
                    .join();
            for (int i = 0; i < locals.size(); i++) {
                StoredFile file = files.get(i).join();
                if (file != null) {
                    stored.put(destinations.get(i), file);
                    taken[i] = destinations.get(i);
                }
            }
        } else {
            willTake(locals);
        }
        for (int i = 0; i < locals.size(); i++) {
            if (taken[i] == null) {
                taken[i] = takeIfPresent(locals.get(i), destinations.get(i));
            }
        }
        return Arrays.asList(taken);
    }

    /** One attempt; null when it failed, the file then still in place for {@link #take}. */
    private StoredFile takeOnce(Path local, String destination) {
        try {
            return storage.storeTaking(local, destination);
        } catch (RuntimeException e) {
            LOG.debug("taking {} as {} at once failed, stored on its own: {}", local, destination, e.toString());
            return null;
        }
    }

    private static ExecutorService takers() {
        return new ThreadPoolExecutor(
                0,
                Integer.MAX_VALUE,
                60,
                TimeUnit.SECONDS,
                new SynchronousQueue<>(),
                DaemonThreads.numbered("pdr-take"));
    }

    /** {@link #take} if {@code local} exists; returns null otherwise. */
    String takeIfPresent(Path local, String destination) {
        return Files.isRegularFile(local) ? take(local, destination) : null;
    }

    private String storeOrSpool(Path local, String destination, boolean taking) {
        boolean gzip = compression.matches(destination);
        if (spooling == null && staleMarkerRemoved()) {
            try {
                StoredFile file;
                if (gzip) {
                    file = retry.call("store " + destination + ".gz", () -> storage.storeGzipped(local, destination));
                    compressed.add(destination);
                } else if (taking) {
                    file = retry.call("store " + destination, () -> storage.storeTaking(local, destination));
                } else {
                    file = retry.call("store " + destination, () -> storage.store(local, destination));
                }
                stored.put(destination, file);
                return destination;
            } catch (StorageException e) {
                compressed.remove(destination);
                startSpooling(e);
            }
        }
        spooling.stage(local, destination, gzip);
        return destination;
    }

    /** Deletes the marker {@link #replacing} names, once; false (and spooling) when that fails. */
    private boolean staleMarkerRemoved() {
        if (staleMarker == null) {
            return true;
        }
        try {
            deleteStructure(storage, retry, staleMarker);
            staleMarker = null;
            return true;
        } catch (StorageException e) {
            startSpooling(e);
            return false;
        }
    }

    /**
     * Deletes a stored structure file, plain and gzipped; idempotent.
     *
     * @throws StorageException when storage refuses (after the retries for transient errors)
     */
    static void deleteStructure(StorageBackend storage, StorageRetry retry, String structure) {
        retry.call("delete " + structure, () -> {
            storage.delete(structure);
            storage.delete(structure + ".gz");
            return null;
        });
    }

    private void startSpooling(StorageException e) {
        failure = e;
        spooling = spool.get();
        stored.forEach((d, f) -> spooling.uploaded(d, compressed.contains(d), f));
    }

    /** What was stored, by destination. */
    Map<String, StoredFile> stored() {
        return stored;
    }

    /** The job's spool entry being filled, or null while every upload succeeded. */
    SpoolWriter spooling() {
        return spooling;
    }

    /** The upload failure that started spooling, or null. */
    StorageException failure() {
        return failure;
    }
}

package pdrrun.spool;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.Map;
import pdrrun.catalog.JobResult;
import pdrrun.storage.Checksums;
import pdrrun.storage.StorageBackend;
import pdrrun.storage.StorageException;
import pdrrun.storage.StorageRetry;
import pdrrun.storage.StoredFile;

/**
 * A complete spool entry: a job's outputs waiting for storage and the result to record once they
 * are stored. Whoever holds the job in the catalog may upload and delete it; not thread-safe.
 */
public final class SpoolEntry {
    static final String FILES = "files";

    private final Spool spool;
    private final Path folder;
    private final SpoolManifest manifest;

    SpoolEntry(Spool spool, Path folder, SpoolManifest manifest) {
        this.spool = spool;
        this.folder = folder;
        this.manifest = manifest;
    }

    /** @throws StorageException OTHER when the manifest is unreadable or malformed, naming it */
    static SpoolEntry read(Spool spool, Path folder) {
        Path file = folder.resolve(SpoolManifest.FILE);
        try {
            return new SpoolEntry(spool, folder, ManifestJson.read(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw StorageException.from(e, file.toString(), "reading spool manifest " + file);
        } catch (RuntimeException e) {
            throw new StorageException(
                    StorageException.Kind.OTHER,
                    file.toString(),
                    "spool manifest " + file + " is damaged: " + e.getMessage(),
                    e);
        }
    }

    public SpoolManifest manifest() {
        return manifest;
    }

    public Path folder() {
        return folder;
    }

    /** {@code host:/folder}, as messages name where the outputs wait. */
    public String where() {
        return spool.host() + ":" + folder;
    }

    /**
     * Stores every waiting output (each atomic and retried for transient errors by the back end and
     * {@code retry}) and returns the job's result with the model's outcome. Every spooled copy is
     * checked against the manifest's size and SHA-256 first: a damaged entry uploads nothing.
     * Idempotent: storing again replaces the same bytes. The entry is left in place.
     *
     * @throws StorageException the first upload failure, or OTHER for a damaged copy
     */
    public JobResult upload(StorageBackend storage, StorageRetry retry) {
        for (SpooledFile file : manifest.waiting()) {
            verify(file);
        }
        Map<String, StoredFile> stored = new HashMap<>();
        for (SpooledFile file : manifest.files()) {
            if (!file.waiting()) {
                stored.put(file.destination(), file.stored());
                continue;
            }
            Path local = local(file);
            String destination = file.destination();
            StoredFile result = file.compress()
                    ? retry.call(
                            "store " + destination + ".gz from the spool",
                            () -> storage.storeGzipped(local, destination))
                    : retry.call("store " + destination + " from the spool", () -> storage.store(local, destination));
            if (!file.compress()
                    && (result.size() != file.size() || !result.sha256().equals(file.sha256()))) {
                throw new StorageException(
                        StorageException.Kind.TRANSIENT,
                        destination,
                        "stored " + destination + " from the spool differs from the spooled copy " + local
                                + " (changed while uploading?)");
            }
            stored.put(destination, result);
        }
        storage.flush(); // before the result naming these files is recorded
        return manifest.result()
                .complete(
                        stored,
                        storage.location(manifest.model()),
                        LocalDateTime.ofInstant(spool.clock().instant(), java.time.ZoneOffset.UTC))
                .fromSpoolEntry(manifest.id());
    }

    /**
     * Whether storage holds this entry's structure file, byte for byte: then this entry's outputs
     * were stored (the structure file is stored last), whoever recorded the job. Retrieves the
     * stored file into the entry folder to checksum it (no back end reports checksums).
     *
     * @return false as well when the entry holds no structure file (an incomplete model)
     * @throws StorageException when storage cannot be checked, or the entry folder not written
     */
    public boolean structureStored(StorageBackend storage, StorageRetry retry) {
        String destination = manifest.structure();
        SpooledFile file = manifest.files().stream()
                .filter(f -> f.destination().equals(destination))
                .findFirst()
                .orElse(null);
        if (file == null) {
            return false;
        }
        String stored = file.compress() ? destination + ".gz" : destination;
        if (!retry.call("look up " + stored, () -> storage.exists(stored))) {
            return false;
        }
        Path copy = folder.resolve("stored-structure.tmp");
        try {
            retry.call("retrieve " + stored, () -> {
                storage.retrieve(stored, copy);
                return null;
            });
            // A waiting file's checksum is of the spooled copy, before any gzip; an uploaded
            // one's of the bytes as stored.
            String sha256 =
                    file.compress() && file.waiting() ? Checksums.sha256OfGunzipped(copy) : Checksums.sha256(copy);
            return sha256.equals(file.sha256());
        } finally {
            try {
                Files.deleteIfExists(copy);
            } catch (IOException e) {
                // a left copy is never read as an output: only files/ and the manifest are
            }
        }
    }

    /** The result to record while the outputs still wait here: failed_storage with {@code reason}. */
    public JobResult storageFailure(String reason) {
        return manifest.result().storageFailure(reason);
    }

    /**
     * Removes the entry, manifest first. Idempotent.
     *
     * @throws StorageException when a file cannot be removed
     */
    public void delete() {
        Spool.delete(folder);
        try {
            // the model's folder goes with its last entry
            Files.deleteIfExists(folder.getParent());
        } catch (IOException e) {
            // not empty, or removed meanwhile: either way nothing to do
        }
    }

    private void verify(SpooledFile file) {
        Path local = local(file);
        long size;
        try {
            size = Files.size(local);
        } catch (IOException e) {
            throw StorageException.from(e, local.toString(), "reading spooled copy " + local);
        }
        String sha256 = size == file.size() ? Checksums.sha256(local) : null;
        if (size != file.size() || !file.sha256().equals(sha256)) {
            throw new StorageException(
                    StorageException.Kind.OTHER,
                    local.toString(),
                    "spooled copy " + local + " of " + file.destination() + " is damaged: " + size + " bytes"
                            + (sha256 == null ? "" : ", sha256 " + sha256) + ", the manifest says "
                            + file.size() + " bytes, sha256 " + file.sha256() + "; nothing was uploaded");
        }
    }

    private Path local(SpooledFile file) {
        Path local = folder.resolve(file.local()).normalize();
        if (!local.startsWith(folder.resolve(FILES))) {
            throw new StorageException(
                    StorageException.Kind.INVALID_PATH,
                    file.local(),
                    "spool manifest of " + manifest.name() + " names " + file.local() + " outside its folder");
        }
        return local;
    }

    @Override
    public String toString() {
        return manifest.name() + " at " + where();
    }
}

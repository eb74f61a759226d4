package pdrrun.spool;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import pdrrun.storage.LocalStorage;
import pdrrun.storage.StorageException;
import pdrrun.storage.StoredFile;

/**
 * Fills one spool entry: outputs are copied in as they come (never moved: later steps of the run
 * may still read them), then {@link #complete} writes the manifest. Not thread-safe; one per job.
 */
public final class SpoolWriter {
    private final Spool spool;
    private final Path folder;
    private final long jobId;
    private final String model;
    private final String job;
    private final LocalStorage copies;
    private final List<SpooledFile> files = new ArrayList<>();

    SpoolWriter(Spool spool, Path folder, long jobId, String model, String job) {
        this.spool = spool;
        this.folder = folder;
        this.jobId = jobId;
        this.model = model;
        this.job = job;
        this.copies = new LocalStorage(folder.resolve(SpoolEntry.FILES));
    }

    /** Notes a file that was stored before storage failed. */
    public void uploaded(String destination, boolean compress, StoredFile stored) {
        files.add(SpooledFile.uploaded(destination, compress, stored));
    }

    /**
     * Copies {@code local} into the entry as {@code files/<destination>}, to be stored later.
     *
     * @throws StorageException when the copy fails (NOT_FOUND, NO_SPACE, PERMISSION, OTHER)
     */
    public void stage(Path local, String destination, boolean compress) {
        StoredFile copy = copies.store(local, destination);
        files.add(SpooledFile.waiting(
                destination, compress, SpoolEntry.FILES + "/" + destination, copy.size(), copy.sha256()));
    }

    /**
     * Writes the manifest, which makes the entry complete.
     *
     * @param attempt the attempt that ran the model
     * @param failure the storage failure that sent the outputs here
     * @throws StorageException when the manifest cannot be written (the entry stays incomplete)
     */
    public SpoolEntry complete(int attempt, String failure, PendingResult result) {
        SpoolManifest manifest = new SpoolManifest(
                spool.host(), spool.clock().instant(), jobId, model, job, attempt, failure, result, files);
        Path target = folder.resolve(SpoolManifest.FILE);
        Path temp = folder.resolve(SpoolManifest.FILE + ".tmp-"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()));
        try {
            // The manifest promises these bytes: they reach the disk before it does, whatever the
            // copying did about syncing.
            for (SpooledFile file : manifest.waiting()) {
                force(folder.resolve(file.local()), StandardOpenOption.READ);
            }
            copies.flush();
            Files.write(temp, ManifestJson.write(manifest), StandardOpenOption.CREATE_NEW);
            force(temp, StandardOpenOption.WRITE);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            syncFolder();
        } catch (IOException e) {
            throw StorageException.from(e, target.toString(), "writing spool manifest " + target);
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                // a left temp file is never read as a manifest
            }
        }
        return new SpoolEntry(spool, folder, manifest);
    }

    /** Makes the rename durable; best effort, as not every file system can sync a folder. */
    private void syncFolder() {
        try {
            force(folder, StandardOpenOption.READ);
        } catch (IOException e) {
            // the manifest is in place; only its durability across a power cut is less certain
        }
    }

    private static void force(Path path, StandardOpenOption mode) throws IOException {
        try (FileChannel channel = FileChannel.open(path, mode)) {
            channel.force(true);
        }
    }
}

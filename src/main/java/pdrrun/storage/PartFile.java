package pdrrun.storage;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pdrrun.concurrent.DaemonThreads;

/**
 * Writes one local file atomically: into {@code <name>.part-<random hex>} next to it, checksummed
 * while written, fsynced, size-checked, then renamed over the final name. The random suffix keeps
 * concurrent writers of the same file apart; the part file is removed on any failure. Thread-safe.
 */
final class PartFile {
    private static final int SET_GROUP_ID = 02000;
    private static final Logger LOG = LoggerFactory.getLogger(PartFile.class);
    // Threads that only wait for the disk, for back ends that are told ahead which files will be
    // taken one after another (StorageBackend.willTake): eight, enough to overlap a batch's fsyncs;
    // daemon, so they never hold up the JVM's exit; started when first needed and ended after a
    // minute idle.
    private static final ExecutorService SYNCERS = syncers();

    /** Produces the content; returns how many source bytes it read. Must not close {@code out}. */
    @FunctionalInterface
    interface Transfer {
        long copy(OutputStream out) throws IOException;
    }

    private PartFile() {}

    /**
     * @param path the storage path for the result and for messages
     * @param expectedSourceBytes the source size measured before copying
     * @throws StorageException TRANSIENT when the source changed while copying or the part file is
     *     shorter than what was written (another attempt reads and writes afresh)
     */
    static StoredFile write(Path target, String path, long expectedSourceBytes, Transfer transfer) throws IOException {
        return write(target, path, expectedSourceBytes, transfer, PartFile::syncFolder);
    }

    /**
     * Like {@link #write(Path, String, long, Transfer)}, handing the folder whose entries changed
     * to {@code folderChanged} instead of syncing it (a caller that syncs folders once per job).
     */
    static StoredFile write(
            Path target, String path, long expectedSourceBytes, Transfer transfer, Consumer<Path> folderChanged)
            throws IOException {
        Folders.ensure(target.getParent());
        Path part = target.resolveSibling(target.getFileName() + ".part-" + token());
        try {
            DigestingOutputStream out;
            long sourceBytes;
            try (FileChannel channel =
                    FileChannel.open(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                out = new DigestingOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16));
                sourceBytes = transfer.copy(out);
                out.flush();
                // On disk before the rename: a crash must never leave a truncated file under the final name.
                channel.force(true);
            }
            if (sourceBytes != expectedSourceBytes) {
                throw new StorageException(
                        StorageException.Kind.TRANSIENT,
                        path,
                        "copying to " + path
                                + " read " + sourceBytes + " bytes but the source had " + expectedSourceBytes
                                + " (changed while copying?)");
            }
            long stored = Files.size(part);
            if (stored != out.count()) {
                throw new StorageException(
                        StorageException.Kind.TRANSIENT,
                        path,
                        "stored size of " + path + " is " + stored + " bytes, " + out.count() + " were written");
            }
            String sha256 = out.sha256();
            var modified = Files.getLastModifiedTime(part).toInstant();
            move(part, target);
            folderChanged.accept(target.getParent());
            return new StoredFile(path, target.toString(), stored, sha256, modified);
        } finally {
            removeQuietly(part);
        }
    }

    /**
     * Moves {@code source} to {@code target} by one atomic rename, after fsyncing it and computing
     * its checksum. Returns null, having changed nothing, when the file cannot be taken that way: a
     * symlink or a file with other hard links (the rename would carry a shared inode into storage,
     * where a later write elsewhere would change it), a target on another file system, or a
     * set-group-id target folder of another group than the file's.
     */
    static StoredFile take(Path source, Path target, String path, Consumer<Path> folderChanged) throws IOException {
        Map<String, Object> attrs = Files.readAttributes(
                source, "unix:isRegularFile,nlink,dev,gid,lastModifiedTime,size", LinkOption.NOFOLLOW_LINKS);
        if (!Boolean.TRUE.equals(attrs.get("isRegularFile")) || ((Number) attrs.get("nlink")).intValue() != 1) {
            return null;
        }
        Folders.ensure(target.getParent());
        Map<String, Object> folder = Files.readAttributes(target.getParent(), "unix:dev,mode,gid");
        if (!attrs.get("dev").equals(folder.get("dev"))) {
            return null;
        }
        // A set-group-id folder (a project's shared storage) gives new files its group; a renamed
        // file would keep the run directory's group, and the project could not read it.
        if ((((Number) folder.get("mode")).intValue() & SET_GROUP_ID) != 0
                && !folder.get("gid").equals(attrs.get("gid"))) {
            return null;
        }
        MessageDigest digest = Checksums.newSha256();
        long size = 0;
        try (FileChannel channel = FileChannel.open(source, StandardOpenOption.READ)) {
            // Sized to the file when it is small: a job takes dozens of files of a few bytes, and a
            // 64 KiB buffer for each was a third of what a run allocated.
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(
                    1 << 16, Math.max(512, ((Number) attrs.get("size")).longValue() + 1)));
            for (int n; (n = channel.read(buffer)) >= 0; buffer.clear()) {
                digest.update(buffer.array(), 0, n);
                size += n;
            }
            // On disk before the rename: a crash must never leave a truncated file under the final name.
            channel.force(true);
        }
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            return null;
        }
        folderChanged.accept(target.getParent());
        var modified = ((FileTime) attrs.get("lastModifiedTime")).toInstant();
        return new StoredFile(path, target.toString(), size, Checksums.hex(digest), modified);
    }

    private static void move(Path part, Path target) throws IOException {
        try {
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Fsyncs regular files concurrently and waits for all; best effort (what fails here is synced,
     * or reported, again where it is taken).
     */
    static void syncAll(Collection<Path> files) {
        List<CompletableFuture<Void>> syncs = new ArrayList<>();
        for (Path file : files) {
            syncs.add(CompletableFuture.runAsync(() -> syncQuietly(file), SYNCERS));
        }
        syncs.forEach(CompletableFuture::join);
    }

    private static void syncQuietly(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            channel.force(true);
        } catch (NoSuchFileException e) {
            // an output this run did not produce
        } catch (IOException e) {
            LOG.debug("cannot fsync {} ahead: {}", file, e.toString());
        }
    }

    /** Makes the renames in {@code folder} durable; best effort, not every file system allows it. */
    static void syncFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            LOG.debug("cannot fsync folder {}: {}", folder, e.toString());
        }
    }

    private static void removeQuietly(Path part) {
        try {
            Files.deleteIfExists(part);
        } catch (IOException e) {
            LOG.warn("cannot remove part file {}: {}", part, e.toString());
        }
    }

    private static ExecutorService syncers() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(
                8, 8, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), DaemonThreads.numbered("pdr-fsync"));
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    private static String token() {
        return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    }
}

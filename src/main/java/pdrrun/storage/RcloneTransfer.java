package pdrrun.storage;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

/**
 * The two transfers of {@link RcloneStorage}: upload (part file, verify, delete old, move) and
 * download (to a local part file, size check, atomic rename). Thread-safe like its owner.
 */
final class RcloneTransfer {
    private static final Pattern MKDIR_RACE = Pattern.compile("(?i)mkdir .*already exists");
    private static final Pattern ALREADY_EXISTS = Pattern.compile("(?i)already exists");
    private final RcloneStorage storage;
    private final RcloneCommand rclone;
    private final Duration timeout;

    RcloneTransfer(RcloneStorage storage, RcloneCommand rclone, Duration timeout) {
        this.storage = storage;
        this.rclone = rclone;
        this.timeout = timeout;
    }

    StoredFile upload(Path local, StoragePath destination, boolean gzip) {
        String path = destination.value();
        String operation = "storing " + local + " as " + path + " in " + storage.describe();
        Path source = local;
        try {
            if (gzip) {
                source = gzipped(local);
            }
            long size = Files.size(source);
            String[] digests = digests(source); // sha256, md5
            String target = storage.remote(destination);
            String part = target + ".part-" + RcloneStorage.token();
            try {
                copyTo(source, part, size, path, operation);
                JsonNode entry = verify(part, path, operation, size, digests);
                storage.deleteFile(target, path, operation); // some object stores refuse to overwrite
                moveTo(part, target, size, path, operation);
                return new StoredFile(path, target, size, digests[0], RcloneStorage.modTime(entry));
            } catch (StorageException e) {
                deleteQuietly(part, path, operation, e);
                throw e;
            }
        } catch (IOException e) {
            throw StorageException.from(e, path, operation);
        } finally {
            if (gzip && source != local) {
                deleteLocalQuietly(source);
            }
        }
    }

    private JsonNode verify(String part, String path, String operation, long size, String[] digests) {
        JsonNode entry = storage.stat(
                        part, path, operation, List.of("--hash", "--hash-type", "sha256", "--hash-type", "md5"))
                .orElseThrow(() -> new StorageException(
                        StorageException.Kind.TRANSIENT,
                        path,
                        operation + " failed: the uploaded part file is not there"));
        long stored = entry.path("Size").asLong(-1);
        JsonNode hashes = entry.path("Hashes");
        String problem = null;
        if (stored != size) {
            problem = "remote size " + stored + " differs from the local " + size;
        } else if (hashes.hasNonNull("sha256") && !hashes.get("sha256").asText().equalsIgnoreCase(digests[0])) {
            problem = "remote SHA-256 differs from the local one";
        } else if (!hashes.hasNonNull("sha256")
                && hashes.hasNonNull("md5")
                && !hashes.get("md5").asText().equalsIgnoreCase(digests[1])) {
            problem = "remote MD5 differs from the local one";
        }
        if (problem != null) {
            throw new StorageException(
                    StorageException.Kind.TRANSIENT, path, operation + " failed verification: " + problem);
        }
        return entry;
    }

    void download(StoragePath source, Path local) {
        String path = source.value();
        String operation = "retrieving " + path + " from " + storage.describe() + " to " + local;
        String remote = storage.remote(source);
        JsonNode entry = storage.stat(remote, path, operation, List.of())
                .orElseThrow(() -> new StorageException(
                        StorageException.Kind.NOT_FOUND, path, operation + " failed: no such file"));
        if (entry.path("IsDir").asBoolean()) {
            throw new StorageException(StorageException.Kind.OTHER, path, operation + " failed: is a folder");
        }
        Path target = local.toAbsolutePath();
        Path part = target.resolveSibling(target.getFileName() + ".part-" + RcloneStorage.token());
        try {
            Files.createDirectories(target.getParent());
            long size = entry.path("Size").asLong();
            run(transferTimeout(size), path, operation, "copyto", remote, part.toString());
            if (Files.size(part) != size) {
                throw new StorageException(
                        StorageException.Kind.TRANSIENT,
                        path,
                        operation + " failed: got " + Files.size(part) + " bytes of " + size);
            }
            try {
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw StorageException.from(e, path, operation);
        } finally {
            deleteLocalQuietly(part);
        }
    }

    /**
     * rclone's sftp back end fails when another process creates the same parent folder at the same
     * moment ("mkdir ... already exists"); the folder then exists, so one more try is enough.
     */
    private void copyTo(Path source, String part, long size, String path, String operation) {
        List<String> arguments = List.of("copyto", source.toString(), part);
        RcloneCommand.Result result = rclone.run(transferTimeout(size), path, arguments);
        if (!result.ok() && MKDIR_RACE.matcher(result.stderr()).find()) {
            result = rclone.run(transferTimeout(size), path, arguments);
        }
        if (!result.ok()) {
            throw RcloneErrors.failure(result, path, operation);
        }
    }

    /**
     * When another worker stores the same destination at the same moment, rclone's moveto may find
     * the target gone that it meant to replace ("file does not exist") or, where the remote renames
     * without overwriting (sftp in rclone 1.60), find it back ("already exists"). Our part file has
     * a random name and is still there, so deleting the target again and retrying (at most five
     * more times, spread out) is safe; whichever complete upload is renamed last wins, as with local storage.
     */
    private static final int MOVE_ATTEMPTS = 6;

    /**
     * One rename at a time per destination within this process (rclone 1.60's sftp moves race);
     * striped so that the locks do not grow with the number of files stored.
     */
    private static final Object[] MOVING = stripes(64);

    private static Object[] stripes(int n) {
        Object[] locks = new Object[n];
        for (int i = 0; i < n; i++) {
            locks[i] = new Object();
        }
        return locks;
    }

    private void moveTo(String part, String target, long size, String path, String operation) {
        synchronized (MOVING[Math.floorMod(target.hashCode(), MOVING.length)]) {
            moveToUnlocked(part, target, size, path, operation);
        }
    }

    private void moveToUnlocked(String part, String target, long size, String path, String operation) {
        List<String> arguments = List.of("moveto", part, target);
        for (int attempt = 1; ; attempt++) {
            RcloneCommand.Result result = rclone.run(transferTimeout(size), path, arguments);
            if (result.ok()) {
                return;
            }
            StorageException failure = RcloneErrors.failure(result, path, operation);
            boolean race = failure.kind() == StorageException.Kind.NOT_FOUND
                    || ALREADY_EXISTS.matcher(result.stderr()).find()
                    || result.stderr().contains("file does not exist");
            if (!race || attempt == MOVE_ATTEMPTS) {
                throw failure;
            }
            storage.deleteFile(target, path, operation);
            // Concurrent movers retrying in lockstep would collide again: spread them out.
            try {
                Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(20, 200));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failure;
            }
        }
    }

    private void run(Duration callTimeout, String path, String operation, String... arguments) {
        RcloneCommand.Result result = rclone.run(callTimeout, path, List.of(arguments));
        if (!result.ok()) {
            throw RcloneErrors.failure(result, path, operation);
        }
    }

    private Duration transferTimeout(long bytes) {
        return timeout.plusSeconds(bytes >> 20); // at least 1 MiB/s on top of the base timeout
    }

    /** The gzipped copy of {@code local}, next to it (the run folder is writable). */
    private static Path gzipped(Path local) throws IOException {
        Path folder = local.toAbsolutePath().getParent();
        Path zipped = Files.createTempFile(folder, "." + local.getFileName() + ".", ".gz");
        try (InputStream in = Files.newInputStream(local);
                OutputStream out = new GZIPOutputStream(Files.newOutputStream(zipped), 1 << 16)) {
            in.transferTo(out);
        } catch (IOException | RuntimeException e) {
            deleteLocalQuietly(zipped);
            throw e;
        }
        return zipped;
    }

    /** SHA-256 and MD5 of a file in one pass, lower-case hex. */
    private static String[] digests(Path file) throws IOException {
        MessageDigest sha256 = Checksums.newSha256();
        MessageDigest md5;
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides MD5", e);
        }
        try (InputStream in = new DigestInputStream(new DigestInputStream(Files.newInputStream(file), sha256), md5)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return new String[] {Checksums.hex(sha256), Checksums.hex(md5)};
    }

    private void deleteQuietly(String part, String path, String operation, StorageException failure) {
        try {
            storage.deleteFile(part, path, operation);
        } catch (StorageException e) {
            failure.addSuppressed(e);
        }
    }

    private static void deleteLocalQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a stray temporary file is harmless; the transfer's own outcome is what counts
        }
    }
}

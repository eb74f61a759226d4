package pdrrun.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPOutputStream;

/**
 * Storage in a local (or mounted) folder. The base folder is created on the first store, not by
 * the constructor. Atomic uploads as described in {@link StorageBackend}: part file, fsync, size
 * check, {@code ATOMIC_MOVE} (plain replacing move only where the file system cannot rename
 * atomically); the folders are synced by {@link #flush}. Thread-safe.
 */
public final class LocalStorage implements StorageBackend {
    private final Path base;
    // Folders that got new entries since the last flush: synced once per job, not once per file.
    private final Set<Path> unsynced = ConcurrentHashMap.newKeySet();

    public LocalStorage(Path baseDir) {
        this.base = baseDir.toAbsolutePath().normalize();
    }

    public Path baseDir() {
        return base;
    }

    @Override
    public StoredFile store(Path local, String destination) {
        return copyIn(local, StoragePath.of(destination), false);
    }

    /**
     * Syncs the files in parallel: one fsync after another waits for the disk each time (0.4 ms
     * here, 22 files a job), concurrent ones overlap. The fsync before each rename in {@link
     * #storeTaking} then finds the file clean (0.07 ms).
     */
    @Override
    public void willTake(Collection<Path> locals) {
        PartFile.syncAll(locals);
    }

    /** Yes: every file is its own part file or rename, and the folders to sync are a concurrent set. */
    @Override
    public boolean takesAtOnce() {
        return true;
    }

    /**
     * Renames {@code local} into place when it is a regular file of its own on this file system
     * (fsynced and checksummed first); copies otherwise.
     */
    @Override
    public StoredFile storeTaking(Path local, String destination) {
        StoragePath path = StoragePath.of(destination);
        try {
            StoredFile taken = PartFile.take(local, resolve(path), path.value(), unsynced::add);
            if (taken != null) {
                return taken;
            }
        } catch (IOException e) {
            throw StorageException.from(
                    e, path.value(), "storing " + local + " as " + path.value() + " in " + describe());
        }
        return copyIn(local, path, false);
    }

    @Override
    public StoredFile storeGzipped(Path local, String destination) {
        return copyIn(local, StoragePath.of(destination).withSuffix(".gz"), true);
    }

    private StoredFile copyIn(Path local, StoragePath destination, boolean gzip) {
        String operation = "storing " + local + " as " + destination.value() + " in " + describe();
        try {
            long sourceSize = Files.size(local);
            return PartFile.write(
                    resolve(destination),
                    destination.value(),
                    sourceSize,
                    out -> {
                        try (InputStream in = Files.newInputStream(local)) {
                            if (!gzip) {
                                return in.transferTo(out);
                            }
                            try (GZIPOutputStream zipped = new GZIPOutputStream(out, 1 << 16)) {
                                return in.transferTo(zipped);
                            }
                        }
                    },
                    unsynced::add);
        } catch (IOException e) {
            throw StorageException.from(e, destination.value(), operation);
        }
    }

    @Override
    public void retrieve(String source, Path local) {
        StoragePath path = StoragePath.of(source);
        Path stored = resolve(path);
        String operation = "retrieving " + source + " from " + describe() + " to " + local;
        try {
            if (Files.isDirectory(stored)) {
                throw new StorageException(StorageException.Kind.OTHER, source, operation + " failed: is a folder");
            }
            long size = Files.size(stored);
            PartFile.write(local.toAbsolutePath(), source, size, out -> {
                try (InputStream in = Files.newInputStream(stored)) {
                    return in.transferTo(out);
                }
            });
        } catch (IOException e) {
            throw StorageException.from(e, source, operation);
        }
    }

    @Override
    public boolean exists(String path) {
        Path file = resolve(StoragePath.of(path));
        try {
            return Files.readAttributes(file, BasicFileAttributes.class).isRegularFile();
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw StorageException.from(e, path, "checking whether " + path + " exists in " + describe());
        }
    }

    @Override
    public List<String> list(String folder) {
        Path dir = folder.isEmpty() ? base : resolve(StoragePath.of(folder));
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!StoragePath.isPartName(name) && Files.isRegularFile(entry)) {
                    names.add(name);
                }
            }
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw StorageException.from(e, folder, "listing folder '" + folder + "' of " + describe());
        }
        names.sort(null);
        return List.copyOf(names);
    }

    @Override
    public void delete(String path) {
        Path file = resolve(StoragePath.of(path));
        String operation = "deleting " + path + " from " + describe();
        try {
            if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new StorageException(StorageException.Kind.OTHER, path, operation + " failed: is a folder");
            }
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw StorageException.from(e, path, operation);
        }
    }

    /**
     * Syncs the folders that stores renamed files into since the last flush, making those renames
     * durable. Each file's bytes are synced before its rename, so until a flush a power cut can
     * only take a whole file back, never leave a truncated one under its final name.
     */
    @Override
    public void flush() {
        for (Path folder : List.copyOf(unsynced)) {
            // Removed first: a rename into it after this point adds it again for the next flush.
            unsynced.remove(folder);
            PartFile.syncFolder(folder);
        }
    }

    /** Folders awaiting {@link #flush}, for tests. */
    Set<Path> unsyncedFolders() {
        return Set.copyOf(unsynced);
    }

    @Override
    public String location(String path) {
        return resolve(StoragePath.of(path)).toString();
    }

    @Override
    public String describe() {
        return "local folder " + base;
    }

    @Override
    public void close() {}

    private Path resolve(StoragePath path) {
        Path resolved = base;
        for (String segment : path.segments()) {
            resolved = resolved.resolve(segment);
        }
        return resolved;
    }

    @Override
    public String toString() {
        return describe();
    }
}

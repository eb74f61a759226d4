package pdrrun.storage;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * {@code storage.use_local_copy}: stores to the remote back end and then keeps a copy of what was
 * stored under a local folder, at the same relative path ({@code local_copy_dir/<path>}, gzipped
 * files with their {@code .gz} name). The remote is what counts: its result is returned, and a
 * failing local copy fails the store (a run that asked for local copies must not silently miss
 * some). Reads, listing and existence go to the remote only; deleting removes both. Thread-safe if
 * the wrapped back end is.
 */
public final class LocalCopyStorage implements StorageBackend {
    private final StorageBackend remote;
    private final LocalStorage copies;

    public LocalCopyStorage(StorageBackend remote, Path localCopyDir) {
        this.remote = Objects.requireNonNull(remote, "remote");
        this.copies = new LocalStorage(localCopyDir);
    }

    /** @throws StorageException from the remote, or from the local copy after the remote succeeded */
    @Override
    public StoredFile store(Path local, String destination) {
        StoredFile stored = remote.store(local, destination);
        copies.store(local, destination);
        return stored;
    }

    /** @throws StorageException as {@link #store} */
    @Override
    public void flush() {
        remote.flush();
        copies.flush();
    }

    @Override
    public StoredFile storeGzipped(Path local, String destination) {
        StoredFile stored = remote.storeGzipped(local, destination);
        copies.storeGzipped(local, destination);
        return stored;
    }

    @Override
    public void retrieve(String source, Path local) {
        remote.retrieve(source, local);
    }

    @Override
    public boolean exists(String path) {
        return remote.exists(path);
    }

    @Override
    public List<String> list(String folder) {
        return remote.list(folder);
    }

    /** Deletes from the remote, then the local copy; idempotent. */
    @Override
    public void delete(String path) {
        remote.delete(path);
        copies.delete(path);
    }

    @Override
    public String location(String path) {
        return remote.location(path);
    }

    /** Where the local copy of {@code path} is kept. */
    public Path localCopy(String path) {
        return Path.of(copies.location(path));
    }

    @Override
    public String describe() {
        return remote.describe() + " with local copies in " + copies.baseDir();
    }

    @Override
    public void close() {
        remote.close();
    }

    @Override
    public String toString() {
        return describe();
    }
}

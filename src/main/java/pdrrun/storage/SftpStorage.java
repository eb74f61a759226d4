package pdrrun.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import net.schmizz.sshj.sftp.FileAttributes;
import net.schmizz.sshj.sftp.FileMode;
import net.schmizz.sshj.sftp.OpenMode;
import net.schmizz.sshj.sftp.RemoteFile;
import net.schmizz.sshj.sftp.RemoteResourceInfo;

/**
 * Storage on an SFTP server (sshj). Uploads stream the local file into {@code
 * <name>.part-<random hex>} (SHA-256 computed on the way), check the remote size, then rename over
 * the final name: with the {@code posix-rename@openssh.com} extension where the server offers it
 * (atomic replace), else by removing the old file first, which leaves a short window in which the
 * name is absent (never half-written). A failed upload leaves at most a part file, invisible to
 * {@link #exists} and {@link #list}. Failures are classified by {@link SftpErrors}: a dropped
 * connection is TRANSIENT (the next call reconnects), a failed login PERMISSION. Thread-safe: one
 * instance is shared by all workers over one SSH connection ({@link SftpConnection}).
 */
public final class SftpStorage implements StorageBackend {

    private final StorageSettings settings;
    private final SftpConnection connection;

    /** Connects lazily, on the first operation. */
    public SftpStorage(StorageSettings settings) {
        if (!settings.type().equals("sftp")) {
            throw new IllegalArgumentException("not SFTP settings: " + settings);
        }
        this.settings = settings;
        this.connection = new SftpConnection(settings);
    }

    @Override
    public StoredFile store(Path local, String destination) {
        return upload(local, StoragePath.of(destination), false);
    }

    @Override
    public StoredFile storeGzipped(Path local, String destination) {
        return upload(local, StoragePath.of(destination).withSuffix(".gz"), true);
    }

    private StoredFile upload(Path local, StoragePath destination, boolean gzip) {
        String operation = "storing " + local + " as " + destination.value() + " in " + describe();
        String target = remote(destination);
        String part = target + ".part-"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        try (InputStream in = Files.newInputStream(local)) {
            long sourceSize = Files.size(local);
            return connection.call(sftp -> {
                SftpFiles.Uploaded uploaded;
                try {
                    uploaded = SftpFiles.write(sftp, part, in, gzip);
                    long remoteSize = sftp.stat(part).getSize();
                    if (uploaded.sourceBytes() != sourceSize || remoteSize != uploaded.storedBytes()) {
                        throw new StorageException(
                                StorageException.Kind.TRANSIENT,
                                destination.value(),
                                operation + " failed: read " + uploaded.sourceBytes() + " of " + sourceSize
                                        + " source bytes, wrote " + uploaded.storedBytes() + ", server has "
                                        + remoteSize + " (changed while copying?)");
                    }
                    SftpFiles.rename(sftp, part, target);
                } catch (IOException | RuntimeException e) {
                    SftpFiles.removeQuietly(sftp, part);
                    throw e;
                }
                FileAttributes stored = sftp.stat(target);
                return new StoredFile(
                        destination.value(),
                        location(destination.value()),
                        stored.getSize(),
                        uploaded.sha256(),
                        Instant.ofEpochSecond(stored.getMtime()));
            });
        } catch (IOException e) {
            throw SftpErrors.translate(e, destination.value(), operation);
        }
    }

    @Override
    public void retrieve(String source, Path local) {
        StoragePath path = StoragePath.of(source);
        String operation = "retrieving " + source + " from " + describe() + " to " + local;
        try {
            connection.call(sftp -> {
                FileAttributes attributes = sftp.stat(remote(path));
                if (attributes.getType() != FileMode.Type.REGULAR) {
                    throw new StorageException(StorageException.Kind.OTHER, source, operation + " failed: not a file");
                }
                try (RemoteFile file = sftp.open(remote(path), EnumSet.of(OpenMode.READ))) {
                    return PartFile.write(local.toAbsolutePath(), source, attributes.getSize(), out -> {
                        try (InputStream in = file.new ReadAheadRemoteFileInputStream(SftpFiles.UNCONFIRMED_WRITES)) {
                            return in.transferTo(out);
                        }
                    });
                }
            });
        } catch (IOException e) {
            throw SftpErrors.translate(e, source, operation);
        }
    }

    @Override
    public boolean exists(String path) {
        String remote = remote(StoragePath.of(path));
        try {
            return connection.call(sftp -> {
                try {
                    return sftp.stat(remote).getType() == FileMode.Type.REGULAR;
                } catch (IOException e) {
                    if (SftpErrors.isNotFound(e)) {
                        return false; // only an answer "no such file" means absent
                    }
                    throw e;
                }
            });
        } catch (IOException e) {
            throw SftpErrors.translate(e, path, "checking whether " + path + " exists in " + describe());
        }
    }

    @Override
    public List<String> list(String folder) {
        String dir = folder.isEmpty()
                ? (settings.baseDir().isEmpty() ? "." : settings.baseDir())
                : remote(StoragePath.of(folder));
        try {
            return connection.call(sftp -> {
                List<String> names = new ArrayList<>();
                try {
                    for (RemoteResourceInfo entry : sftp.ls(dir)) {
                        if (entry.isRegularFile() && !StoragePath.isPartName(entry.getName())) {
                            names.add(entry.getName());
                        }
                    }
                } catch (IOException e) {
                    if (SftpErrors.isNotFound(e)) {
                        return List.of();
                    }
                    throw e;
                }
                names.sort(null);
                return List.copyOf(names);
            });
        } catch (IOException e) {
            throw SftpErrors.translate(e, folder, "listing folder '" + folder + "' of " + describe());
        }
    }

    @Override
    public void delete(String path) {
        String remote = remote(StoragePath.of(path));
        String operation = "deleting " + path + " from " + describe();
        try {
            connection.call(sftp -> {
                try {
                    if (sftp.stat(remote).getType() == FileMode.Type.DIRECTORY) {
                        throw new StorageException(
                                StorageException.Kind.OTHER, path, operation + " failed: is a folder");
                    }
                    sftp.rm(remote);
                } catch (IOException e) {
                    if (!SftpErrors.isNotFound(e)) {
                        throw e;
                    }
                }
                return null;
            });
        } catch (IOException e) {
            throw SftpErrors.translate(e, path, operation);
        }
    }

    @Override
    public String location(String path) {
        String remote = remote(StoragePath.of(path));
        return "sftp://" + settings.username() + "@" + settings.host() + ":" + settings.port()
                + (remote.startsWith("/") ? "" : "/~/") + remote;
    }

    @Override
    public String describe() {
        return "SFTP server " + settings.username() + "@" + settings.host() + ":" + settings.port() + " folder '"
                + settings.baseDir() + "'";
    }

    /** The server-side path; relative base folders are relative to the login folder. */
    private String remote(StoragePath path) {
        String base = settings.baseDir();
        if (base.isEmpty()) {
            return path.value();
        }
        return (base.endsWith("/") ? base : base + "/") + path.value();
    }

    @Override
    public void close() {
        connection.close();
    }

    @Override
    public String toString() {
        return describe();
    }
}

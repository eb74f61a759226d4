package pdrrun.storage;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/** Opens the configured storage back end ({@code storage.type}). Stateless, thread-safe. */
public final class Storages {
    /** Every type the configuration accepts. */
    public static final List<String> TYPES = List.of("local", "sftp", "rclone");

    private Storages() {}

    /**
     * A local folder by type name; kept for callers that know only type and folder.
     *
     * @param type {@code storage.type}, case-insensitive
     * @param baseDir {@code storage.base_dir}
     * @throws StorageException OTHER for a type that is unknown or needs more settings than a folder
     */
    public static StorageBackend open(String type, Path baseDir) {
        String name = type == null ? "" : type.strip().toLowerCase(Locale.ROOT);
        String where = String.valueOf(baseDir);
        if (name.equals("local")) {
            return new LocalStorage(Objects.requireNonNull(baseDir, "storage base_dir"));
        }
        if (TYPES.contains(name)) {
            throw new StorageException(
                    StorageException.Kind.OTHER,
                    where,
                    "storage type '" + name + "' needs the whole storage section: use Storages.open(StorageSettings)");
        }
        throw new StorageException(
                StorageException.Kind.OTHER,
                where,
                "unknown storage type '" + type + "' for base_dir " + where + "; valid types: "
                        + String.join(", ", TYPES));
    }

    /**
     * The back end the settings describe, wrapped in {@link LocalCopyStorage} when {@code
     * use_local_copy} is on. Remote back ends connect lazily, on the first operation. rclone is
     * taken from PATH and inherits this process's environment (its remote definitions and secrets).
     */
    public static StorageBackend open(StorageSettings settings) {
        StorageBackend backend = switch (settings.type()) {
            case "local" -> new LocalStorage(settings.localBaseDir());
            case "sftp" -> {
                ServerCompiler.warnIfMissingFor("SFTP");
                yield new SftpStorage(settings);
            }
            case "rclone" -> new RcloneStorage(settings, "rclone", Map.of());
            default -> throw new IllegalStateException("StorageSettings accepted type " + settings.type());
        };
        return settings.localCopyDir() == null ? backend : new LocalCopyStorage(backend, settings.localCopyDir());
    }
}

package pdrrun.storage;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** Opens the configured storage back end ({@code storage.type}). Stateless, thread-safe. */
public final class Storages {
    /** Every type the configuration accepts, including those not available in this version. */
    public static final List<String> TYPES = List.of("local", "sftp", "rclone");

    private Storages() {}

    /**
     * @param type {@code storage.type}, case-insensitive
     * @param baseDir {@code storage.base_dir}
     * @throws StorageException OTHER for a type that is unknown or not available yet
     */
    public static StorageBackend open(String type, Path baseDir) {
        String name = type == null ? "" : type.strip().toLowerCase(Locale.ROOT);
        String where = String.valueOf(baseDir);
        return switch (name) {
            case "local" -> new LocalStorage(Objects.requireNonNull(baseDir, "storage base_dir"));
            case "sftp", "rclone" ->
                throw new StorageException(
                        StorageException.Kind.OTHER,
                        where,
                        "storage type '" + name + "' is not available in this version; use local");
            default ->
                throw new StorageException(
                        StorageException.Kind.OTHER,
                        where,
                        "unknown storage type '" + type + "' for base_dir " + where + "; valid types: "
                                + String.join(", ", TYPES));
        };
    }
}

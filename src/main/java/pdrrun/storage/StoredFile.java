package pdrrun.storage;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What the catalog records about one stored file. {@code size} and {@code sha256} describe the
 * bytes as stored (for a gzipped file: the compressed bytes), so they can be checked against the
 * storage later.
 *
 * @param path the storage path relative to the storage root, '/'-separated
 * @param location the full path or URI of the stored file (for local storage: absolute path)
 * @param size stored size in bytes
 * @param sha256 SHA-256 of the stored bytes, lower-case hex
 * @param modified last modification time of the stored file
 */
public record StoredFile(String path, String location, long size, String sha256, Instant modified) {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public StoredFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(modified, "modified");
        if (path.isBlank() || location.isBlank()) {
            throw new IllegalArgumentException(
                    "stored file needs a path and a location, got '" + path + "' at '" + location + "'");
        }
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size + " for stored file " + path);
        }
        if (!SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException(
                    "sha256 of " + path + " must be 64 lower-case hex digits, got '" + sha256 + "'");
        }
    }
}

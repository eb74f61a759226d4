package pdrrun.spool;

import java.util.Objects;
import java.util.regex.Pattern;
import pdrrun.storage.StoredFile;

/**
 * One output of a spooled job: either waiting in the spool entry ({@code local} set, with the
 * size and SHA-256 of the copy there) or already uploaded before storage failed ({@code stored}
 * set, as the storage recorded it).
 *
 * @param destination the storage path the pipeline stores it under (before any {@code .gz})
 * @param compress whether it is gzipped on the way to storage ({@code storage.compress_files})
 * @param local the copy's path relative to the entry folder, or null when already uploaded
 * @param size bytes of the spooled copy (or as stored)
 * @param sha256 SHA-256 of the spooled copy (or as stored), lower-case hex
 * @param stored the stored file when already uploaded, else null
 */
public record SpooledFile(
        String destination, boolean compress, String local, long size, String sha256, StoredFile stored) {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public SpooledFile {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(sha256, "sha256");
        if ((local == null) == (stored == null)) {
            throw new IllegalArgumentException(destination + ": a spooled file is either waiting or uploaded");
        }
        if (size < 0 || !SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException(destination + ": bad size " + size + " or sha256 '" + sha256 + "'");
        }
    }

    /** A copy waiting in the entry. */
    public static SpooledFile waiting(String destination, boolean compress, String local, long size, String sha256) {
        return new SpooledFile(destination, compress, local, size, sha256, null);
    }

    /** A file stored before storage failed. */
    public static SpooledFile uploaded(String destination, boolean compress, StoredFile stored) {
        return new SpooledFile(destination, compress, null, stored.size(), stored.sha256(), stored);
    }

    public boolean waiting() {
        return local != null;
    }
}

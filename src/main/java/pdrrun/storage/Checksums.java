package pdrrun.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;

/** The one place that checksums files: SHA-256, lower-case hex. Stateless and thread-safe. */
public final class Checksums {
    private Checksums() {}

    /**
     * SHA-256 of a file, read once as a stream (model outputs are several GB).
     *
     * @throws StorageException naming the file when it cannot be read (NOT_FOUND, PERMISSION, OTHER)
     */
    public static String sha256(Path file) {
        MessageDigest digest = newSha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw StorageException.from(e, file.toString(), "checksum of " + file);
        }
        return hex(digest);
    }

    /**
     * SHA-256 of the bytes a gzip file holds: a stored {@code .gz} compared with the file it was
     * compressed from.
     *
     * @throws StorageException naming the file when it cannot be read or is not gzip
     */
    public static String sha256OfGunzipped(Path file) {
        MessageDigest digest = newSha256();
        try (InputStream in = new DigestInputStream(new GZIPInputStream(Files.newInputStream(file), 1 << 16), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw StorageException.from(e, file.toString(), "checksum of the contents of " + file);
        }
        return hex(digest);
    }

    /** A fresh SHA-256 digest for checksumming while streaming; not thread-safe itself. */
    public static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

    /** Completes {@code digest} (resetting it) and returns the result as lower-case hex. */
    public static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }
}

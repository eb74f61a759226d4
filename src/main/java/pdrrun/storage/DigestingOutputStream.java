package pdrrun.storage;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;

/**
 * Counts and SHA-256-checksums the bytes that pass to the wrapped stream, so that what was stored
 * is checksummed while it is written. {@link #close()} only flushes: the owner closes the wrapped
 * stream itself (a wrapping GZIP stream closes this one when finished). Not thread-safe.
 */
final class DigestingOutputStream extends FilterOutputStream {
    private final MessageDigest digest = Checksums.newSha256();
    private long count;

    DigestingOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        digest.update((byte) b);
        count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        digest.update(b, off, len);
        count += len;
    }

    @Override
    public void close() throws IOException {
        flush();
    }

    /** Bytes written so far. */
    long count() {
        return count;
    }

    /** SHA-256 of the bytes written, lower-case hex; call once, at the end. */
    String sha256() {
        return Checksums.hex(digest);
    }
}

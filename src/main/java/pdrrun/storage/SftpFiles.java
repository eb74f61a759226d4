package pdrrun.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.EnumSet;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import net.schmizz.sshj.sftp.FileMode;
import net.schmizz.sshj.sftp.OpenMode;
import net.schmizz.sshj.sftp.RemoteFile;
import net.schmizz.sshj.sftp.SFTPClient;
import net.schmizz.sshj.sftp.SFTPEngine;

/**
 * The file-level steps of an SFTP upload for {@link SftpStorage}: write a part file (creating
 * missing folders, checksumming on the way), rename it over the final name, remove it after a
 * failure. Stateless; each call uses the channel it is given, which must not be shared meanwhile.
 */
final class SftpFiles {
    static final String POSIX_RENAME = "posix-rename@openssh.com";
    /** Write (and read-ahead) requests in flight per transfer: keeps a high-latency link busy. */
    static final int UNCONFIRMED_WRITES = 64;

    private SftpFiles() {}

    record Uploaded(long sourceBytes, long storedBytes, String sha256) {}

    static Uploaded write(SFTPClient sftp, String part, InputStream in, boolean gzip) throws IOException {
        RemoteFile file = openNew(sftp, part);
        boolean closed = false;
        // No try-with-resources: after a lost link sshj's close() rethrows the write's own exception.
        try {
            OutputStream remote = file.new RemoteFileOutputStream(0, UNCONFIRMED_WRITES);
            DigestingOutputStream stored = new DigestingOutputStream(remote);
            OutputStream sink = gzip ? new GZIPOutputStream(stored, 1 << 16) : stored;
            long sourceBytes = 0;
            byte[] buffer = new byte[1 << 16];
            while (true) {
                int n;
                try {
                    n = in.read(buffer);
                } catch (IOException e) {
                    throw new SftpErrors.LocalReadException(e);
                }
                if (n < 0) {
                    break;
                }
                sink.write(buffer, 0, n);
                sourceBytes += n;
            }
            sink.close(); // finishes the gzip stream; DigestingOutputStream only flushes
            remote.close(); // waits for the server to confirm every write
            file.close();
            closed = true;
            return new Uploaded(sourceBytes, stored.count(), stored.sha256());
        } finally {
            if (!closed) {
                closeQuietly(file);
            }
        }
    }

    private static void closeQuietly(RemoteFile file) {
        try {
            file.close();
        } catch (IOException e) {
            // already failing; the first failure is reported
        }
    }

    private static RemoteFile openNew(SFTPClient sftp, String path) throws IOException {
        EnumSet<OpenMode> modes = EnumSet.of(OpenMode.WRITE, OpenMode.CREAT, OpenMode.EXCL);
        try {
            return sftp.open(path, modes);
        } catch (IOException e) {
            int slash = path.lastIndexOf('/');
            if (!SftpErrors.isNotFound(e) || slash <= 0) {
                throw e;
            }
            makeFolders(sftp, path.substring(0, slash)); // only when missing: saves round trips
            return sftp.open(path, modes);
        }
    }

    /** Like mkdir -p, tolerating other workers creating the same folders at the same time. */
    private static void makeFolders(SFTPClient sftp, String folder) throws IOException {
        int from = folder.startsWith("/") ? 1 : 0;
        for (int end = folder.indexOf('/', from); ; end = folder.indexOf('/', end + 1)) {
            String prefix = end < 0 ? folder : folder.substring(0, end);
            try {
                sftp.mkdir(prefix);
            } catch (IOException e) {
                if (SftpErrors.answeredStatus(e) == null || !isFolder(sftp, prefix)) {
                    throw e;
                }
            }
            if (end < 0) {
                return;
            }
        }
    }

    private static boolean isFolder(SFTPClient sftp, String path) throws IOException {
        try {
            return sftp.stat(path).getType() == FileMode.Type.DIRECTORY;
        } catch (IOException e) {
            if (SftpErrors.isNotFound(e)) {
                return false;
            }
            throw e;
        }
    }

    static void rename(SFTPClient sftp, String from, String to) throws IOException {
        SFTPEngine engine = sftp.getSFTPEngine();
        if (engine.supportsServerExtension("posix-rename", "openssh.com")) {
            engine.request(engine.newExtendedRequest(POSIX_RENAME)
                            .putString(from)
                            .putString(to))
                    .retrieve(engine.getTimeoutMs(), TimeUnit.MILLISECONDS)
                    .ensureStatusPacketIsOK();
            return;
        }
        // Plain SFTP v3 rename refuses an existing target: remove it first. Until the rename the
        // name is absent (exists() says false, a reader gets NOT_FOUND), but never half-written.
        try {
            sftp.rm(to);
        } catch (IOException e) {
            if (!SftpErrors.isNotFound(e)) {
                throw e;
            }
        }
        sftp.rename(from, to);
    }

    static void removeQuietly(SFTPClient sftp, String part) {
        try {
            sftp.rm(part);
        } catch (IOException e) {
            // connection lost or never created: a leftover part file is invisible and harmless
        }
    }
}

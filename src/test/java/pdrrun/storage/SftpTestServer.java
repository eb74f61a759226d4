package pdrrun.storage;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.CopyOption;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.kex.KexProposalOption;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.config.keys.AuthorizedKeysAuthenticator;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.SftpFileSystemAccessor;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.apache.sshd.sftp.server.SftpSubsystemProxy;

/**
 * An in-process SFTP server on 127.0.0.1 (Apache MINA SSHD) serving one folder, for storage tests
 * and the benchmark. Password authentication for one user, optionally public keys from an
 * authorized_keys file; a host key generated into the state folder. Any path with a segment named
 * {@value #FORBIDDEN} is refused with SSH_FX_PERMISSION_DENIED, so permission failures can be
 * tested even when the tests run as root (where chmod stops nothing); {@link #refuseWrites} makes
 * the whole share read-only the same way. Not thread-safe to start and stop from several threads,
 * except {@link #stop()} which may be called while clients are busy.
 */
public final class SftpTestServer implements AutoCloseable {
    public static final String USER = "pdr";
    public static final String PASSWORD = "s3cret-Pa55";
    static final String FORBIDDEN = "forbidden";

    private final SshServer server;
    private final Path root;
    private final DenyingAccessor accessor;

    private SftpTestServer(SshServer server, Path root, DenyingAccessor accessor) {
        this.server = server;
        this.root = root;
        this.accessor = accessor;
    }

    /** Starts a server on a free port serving {@code root}; state (host key) goes to {@code stateDir}. */
    public static SftpTestServer start(Path root, Path stateDir) throws IOException {
        return start(root, stateDir, null, 0);
    }

    /**
     * @param authorizedKeys an OpenSSH authorized_keys file also accepted, or null
     * @param port 0 for a free port, else a fixed one (to bring a stopped server back)
     */
    public static SftpTestServer start(Path root, Path stateDir, Path authorizedKeys, int port) throws IOException {
        Files.createDirectories(root);
        Files.createDirectories(stateDir);
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(port);
        // As OpenSSH's sshd, which sets TCP_NODELAY on every connection: without it, a window
        // adjustment or status reply can wait for the client's delayed ACK (40 ms on Linux).
        CoreModuleProperties.TCP_NODELAY.set(server, true);
        server.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(stateDir.resolve("hostkey.ser")));
        server.setPasswordAuthenticator((user, password, session) -> USER.equals(user) && PASSWORD.equals(password));
        if (authorizedKeys != null) {
            server.setPublickeyAuthenticator(new AuthorizedKeysAuthenticator(authorizedKeys));
        }
        DenyingAccessor accessor = new DenyingAccessor();
        server.setSubsystemFactories(List.of(new SftpSubsystemFactory.Builder()
                .withFileSystemAccessor(accessor)
                .build()));
        server.setFileSystemFactory(new VirtualFileSystemFactory(root.toAbsolutePath()));
        server.start();
        return new SftpTestServer(server, root, accessor);
    }

    public int port() {
        return server.getPort();
    }

    /** The client-to-server cipher negotiated by each open session. */
    List<String> negotiatedClientCiphers() {
        return server.getActiveSessions().stream()
                .map(session -> session.getNegotiatedKexParameter(KexProposalOption.C2SENC))
                .toList();
    }

    /** The folder served as "/". */
    public Path root() {
        return root;
    }

    /** From now on every write, folder creation and rename is refused with permission denied. */
    public void refuseWrites() {
        accessor.readOnly = true;
    }

    /** Writes are allowed again. */
    public void acceptWrites() {
        accessor.readOnly = false;
    }

    /** Stops at once, closing open sessions (as a crashed server or a cut link would). */
    public void stop() throws IOException {
        server.stop(true);
    }

    @Override
    public void close() throws IOException {
        stop();
    }

    /** Refuses every path that has a segment named {@value #FORBIDDEN}, and writes when read-only. */
    private static final class DenyingAccessor implements SftpFileSystemAccessor {
        volatile boolean readOnly;

        @Override
        public SeekableByteChannel openFile(
                SftpSubsystemProxy subsystem,
                FileHandle fileHandle,
                Path file,
                String handle,
                Set<? extends OpenOption> options,
                FileAttribute<?>... attrs)
                throws IOException {
            if (readOnly
                    && (options.contains(StandardOpenOption.WRITE)
                            || options.contains(StandardOpenOption.APPEND)
                            || options.contains(StandardOpenOption.CREATE)
                            || options.contains(StandardOpenOption.CREATE_NEW))) {
                throw new AccessDeniedException(file.toString());
            }
            return SftpFileSystemAccessor.super.openFile(subsystem, fileHandle, file, handle, options, attrs);
        }

        @Override
        public void createDirectory(SftpSubsystemProxy subsystem, Path path) throws IOException {
            if (readOnly) {
                throw new AccessDeniedException(path.toString());
            }
            SftpFileSystemAccessor.super.createDirectory(subsystem, path);
        }

        @Override
        public void renameFile(SftpSubsystemProxy subsystem, Path oldPath, Path newPath, Collection<CopyOption> opts)
                throws IOException {
            if (readOnly) {
                throw new AccessDeniedException(newPath.toString());
            }
            SftpFileSystemAccessor.super.renameFile(subsystem, oldPath, newPath, opts);
        }

        @Override
        public Path resolveLocalFilePath(SftpSubsystemProxy subsystem, Path rootDir, String remotePath)
                throws IOException, InvalidPathException {
            for (String segment : remotePath.split("/")) {
                if (segment.equals(FORBIDDEN)) {
                    throw new AccessDeniedException(remotePath);
                }
            }
            return SftpFileSystemAccessor.super.resolveLocalFilePath(subsystem, rootDir, remotePath);
        }
    }
}

package pdrrun.storage;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Semaphore;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.common.Factory;
import net.schmizz.sshj.sftp.SFTPClient;
import net.schmizz.sshj.transport.cipher.Cipher;
import net.schmizz.sshj.userauth.method.AuthMethod;
import net.schmizz.sshj.userauth.method.AuthPassword;
import net.schmizz.sshj.userauth.method.AuthPublickey;
import net.schmizz.sshj.userauth.password.PasswordUtils;

/**
 * One SSH connection to the SFTP server, shared by all threads of one {@link SftpStorage}, with a
 * small pool of SFTP channels over it ({@value #MAX_CHANNELS} in use at most; further callers
 * wait). Connects lazily and again after the connection dropped, so the call after a failed one
 * starts afresh. A channel that failed without an answer from the server is closed, not reused.
 * Thread-safe.
 */
final class SftpConnection implements AutoCloseable {
    static final int MAX_CHANNELS = 4;

    /** One SFTP operation on a borrowed channel. */
    @FunctionalInterface
    interface Operation<T> {
        T apply(SFTPClient sftp) throws IOException;
    }

    private record Channel(SSHClient owner, SFTPClient sftp) {}

    private final StorageSettings settings;
    private final Semaphore permits = new Semaphore(MAX_CHANNELS, true);
    private final Deque<Channel> idle = new ArrayDeque<>(); // guarded by this
    private SSHClient ssh; // guarded by this
    private boolean closed; // guarded by this

    SftpConnection(StorageSettings settings) {
        this.settings = settings;
    }

    /** Runs {@code operation} on a channel; IOExceptions are passed on untranslated. */
    <T> T call(Operation<T> operation) throws IOException {
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a free SFTP channel");
        }
        try {
            Channel channel = borrow();
            boolean healthy = false;
            try {
                T result = operation.apply(channel.sftp());
                healthy = true;
                return result;
            } catch (IOException e) {
                healthy = SftpErrors.answeredStatus(e) != null;
                throw e;
            } catch (StorageException e) {
                healthy = true; // our own checks (size mismatch etc.): the channel is fine
                throw e;
            } catch (RuntimeException e) {
                // sshj can fail with e.g. ArrayIndexOutOfBoundsException when the link drops in the
                // middle of a write: treat it as a lost connection and start afresh next time.
                forceReconnect(channel);
                throw new IOException("SFTP client failed, connection dropped: " + e, e);
            } finally {
                giveBack(channel, healthy);
            }
        } finally {
            permits.release();
        }
    }

    private synchronized Channel borrow() throws IOException {
        if (closed) {
            throw new IOException("SFTP storage is closed");
        }
        if (ssh == null || !ssh.isConnected() || !ssh.isAuthenticated()) {
            dropConnection();
            ssh = connect();
        }
        Channel channel = idle.pollFirst();
        if (channel != null && channel.sftp().getSFTPEngine().getSubsystem().isOpen()) {
            return channel;
        }
        closeQuietly(channel);
        SFTPClient sftp = ssh.newSFTPClient();
        sftp.getSFTPEngine().setTimeoutMs(Math.toIntExact(settings.timeout().toMillis()));
        return new Channel(ssh, sftp);
    }

    private synchronized void giveBack(Channel channel, boolean healthy) {
        if (healthy && !closed && channel.owner() == ssh && idle.size() < MAX_CHANNELS) {
            idle.addFirst(channel);
        } else {
            closeQuietly(channel);
        }
    }

    private synchronized void forceReconnect(Channel channel) {
        if (channel.owner() == ssh) {
            dropConnection();
        }
    }

    private SSHClient connect() throws IOException {
        SSHClient client = new SSHClient(config());
        try {
            client.setConnectTimeout(Math.toIntExact(settings.timeout().toMillis()));
            client.addHostKeyVerifier(KnownHostsVerifier.open(settings.knownHostsFile(), settings.hostKeyChecking()));
            client.connect(settings.host(), settings.port());
            List<AuthMethod> methods = new ArrayList<>();
            if (settings.keyFile() != null) {
                methods.add(new AuthPublickey(client.loadKeys(settings.keyFile().toString())));
            }
            if (settings.password() != null) {
                methods.add(new AuthPassword(
                        PasswordUtils.createOneOff(settings.password().toCharArray())));
            }
            client.auth(settings.username(), methods);
            return client;
        } catch (IOException | RuntimeException e) {
            closeQuietly(client);
            throw e;
        }
    }

    /**
     * sshj's defaults, but AES-GCM on the JDK's AES first ({@link JdkGcmCiphers}), then AES-CTR:
     * sshj's own ciphers all run on BouncyCastle's plain-Java AES or ChaCha20.
     */
    static DefaultConfig config() {
        DefaultConfig config = new DefaultConfig();
        List<Factory.Named<Cipher>> ciphers = new ArrayList<>(JdkGcmCiphers.factories());
        List<String> replaced = ciphers.stream().map(Factory.Named::getName).toList();
        List<String> next = List.of("aes128-ctr", "aes256-ctr");
        config.getCipherFactories().stream()
                .filter(f -> !replaced.contains(f.getName()))
                .sorted(Comparator.comparingInt(f -> {
                    int rank = next.indexOf(f.getName());
                    return rank < 0 ? next.size() : rank;
                }))
                .forEach(ciphers::add);
        config.setCipherFactories(ciphers);
        return config;
    }

    /** Caller holds the lock. */
    private void dropConnection() {
        while (!idle.isEmpty()) {
            closeQuietly(idle.pollFirst());
        }
        if (ssh != null) {
            closeQuietly(ssh);
            ssh = null;
        }
    }

    private static void closeQuietly(Channel channel) {
        if (channel != null) {
            closeQuietly(channel.sftp());
        }
    }

    private static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            // closing after a failure: the failure is what gets reported
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        dropConnection();
    }
}

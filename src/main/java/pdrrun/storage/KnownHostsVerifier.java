package pdrrun.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.common.SecurityUtils;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks SFTP host keys against an OpenSSH known_hosts file. With {@link HostKeyChecking#ACCEPT_NEW}
 * the key of a host not in the file is appended to it and accepted; a key that differs from the
 * recorded one is always refused (a changed key may be a man in the middle). Thread-safe: sshj
 * calls it during key exchange, and recording is synchronized.
 */
final class KnownHostsVerifier extends OpenSSHKnownHosts {
    private static final Logger LOG = LoggerFactory.getLogger(KnownHostsVerifier.class);
    private final HostKeyChecking checking;

    private KnownHostsVerifier(Path file, HostKeyChecking checking) throws IOException {
        super(file.toFile());
        this.checking = checking;
    }

    /** Reads {@code file} (missing is fine: no host is known yet); creates its folder for accept-new. */
    static KnownHostsVerifier open(Path file, HostKeyChecking checking) throws IOException {
        if (checking == HostKeyChecking.ACCEPT_NEW && file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        return new KnownHostsVerifier(file, checking);
    }

    @Override
    protected synchronized boolean hostKeyUnverifiableAction(String hostname, PublicKey key) {
        if (checking != HostKeyChecking.ACCEPT_NEW) {
            LOG.error(
                    "host key of {} ({}) is not in {} and host_key_checking is strict",
                    hostname,
                    SecurityUtils.getFingerprint(key),
                    khFile);
            return false;
        }
        try {
            HostEntry entry = new HostEntry(null, hostname, KeyType.fromKey(key), key);
            entries().add(entry);
            write(entry);
            LOG.info("recorded host key of {} ({}) in {}", hostname, SecurityUtils.getFingerprint(key), khFile);
            return true;
        } catch (IOException e) {
            LOG.error("cannot record host key of {} in {}: {}", hostname, khFile, e.toString());
            return false;
        }
    }

    @Override
    protected boolean hostKeyChangedAction(String hostname, PublicKey key) {
        LOG.error(
                "host key of {} has CHANGED (now {}); refusing to connect; check {}",
                hostname,
                SecurityUtils.getFingerprint(key),
                khFile);
        return false;
    }
}

package pdrrun.storage;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import pdrrun.config.Config;
import pdrrun.config.ConfigException;
import pdrrun.config.ConfigSchema;
import pdrrun.config.Secrets;

/**
 * The {@code storage} section of the configuration, as {@link Storages#open(StorageSettings)} needs
 * it. Immutable and thread-safe; {@link #toString()} masks the password.
 *
 * @param type {@code local}, {@code sftp} or {@code rclone} (lower case)
 * @param baseDir the local folder for {@code local}; the remote base path for {@code sftp} and
 *     {@code rclone} ("" = the login folder or the remote's root)
 * @param port SFTP port, 22 by default
 * @param password SFTP password, or null; never logged or put into messages
 * @param keyFile SFTP private key file (unencrypted OpenSSH or PEM), or null
 * @param knownHostsFile the known_hosts file host keys are checked against (and recorded in)
 * @param rcloneRemote the rclone remote with optional bucket or path, e.g. {@code s3:pdr-results}
 * @param remotePathPrefix leading path components removed from every storage path for rclone
 * @param localCopyDir where {@code use_local_copy} keeps copies, or null when it is off
 * @param timeout per call (rclone) or per request and connect (SFTP)
 */
public record StorageSettings(
        String type,
        String baseDir,
        String host,
        int port,
        String username,
        String password,
        Path keyFile,
        HostKeyChecking hostKeyChecking,
        Path knownHostsFile,
        String rcloneRemote,
        String remotePathPrefix,
        Path localCopyDir,
        Duration timeout) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(300);

    public StorageSettings {
        type = Objects.requireNonNull(type, "storage type").strip().toLowerCase(Locale.ROOT);
        baseDir = baseDir == null ? "" : baseDir.strip();
        remotePathPrefix = remotePathPrefix == null ? "" : remotePathPrefix.strip();
        Objects.requireNonNull(hostKeyChecking, "hostKeyChecking");
        Objects.requireNonNull(knownHostsFile, "knownHostsFile");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new ConfigException("storage.timeout_s must be positive, got " + timeout.toSeconds());
        }
        if (port < 1 || port > 65535) {
            throw new ConfigException("storage.port must be between 1 and 65535, got " + port);
        }
        switch (type) {
            case "local" -> require(!baseDir.isEmpty(), "storage.base_dir is needed for type local");
            case "sftp" -> {
                require(host != null && !host.isBlank(), "storage.host is needed for type sftp");
                require(username != null && !username.isBlank(), "storage.username is needed for type sftp");
                require(password != null || keyFile != null, "storage.password or storage.key_file is needed for sftp");
            }
            case "rclone" ->
                require(
                        rcloneRemote != null && rcloneRemote.indexOf(':') > 0,
                        "storage.rclone_remote must name a remote, like 'myremote:bucket'");
            default ->
                throw new ConfigException(
                        "storage.type: unknown type '" + type + "'; valid types: " + String.join(", ", Storages.TYPES));
        }
    }

    /** A local folder. */
    public static StorageSettings local(Path baseDir) {
        return new StorageSettings(
                "local",
                baseDir.toString(),
                null,
                22,
                null,
                null,
                null,
                HostKeyChecking.ACCEPT_NEW,
                defaultKnownHosts(),
                null,
                null,
                null,
                DEFAULT_TIMEOUT);
    }

    /**
     * Reads section {@code storage} (environment variables {@code PDR_STORAGE_*} are already in
     * {@code config}).
     *
     * @throws ConfigException for missing or invalid values, naming the key
     */
    public static StorageSettings from(Config config) {
        String s = ConfigSchema.STORAGE;
        String type = config.string(s, "type").orElse("local");
        String base = config.string(s, "base_dir").orElse(type.equalsIgnoreCase("local") ? "storage" : "");
        boolean localCopy = config.bool(s, "use_local_copy").orElse(false);
        Path localCopyDir = config.string(s, "local_copy_dir").map(Path::of).orElse(null);
        if (localCopy && localCopyDir == null) {
            throw new ConfigException("storage.use_local_copy is true but storage.local_copy_dir is not set");
        }
        HostKeyChecking checking;
        try {
            checking =
                    HostKeyChecking.parse(config.string(s, "host_key_checking").orElse("accept-new"));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage(), e);
        }
        double seconds = config.number(s, "timeout_s").orElse((double) DEFAULT_TIMEOUT.toSeconds());
        return new StorageSettings(
                type,
                base,
                config.string(s, "host").orElse(null),
                Math.toIntExact(config.integer(s, "port").orElse(22L)),
                config.string(s, "username").orElse(null),
                config.string(s, "password").orElse(null),
                config.string(s, "key_file").map(Path::of).orElse(null),
                checking,
                defaultKnownHosts(),
                config.string(s, "rclone_remote").orElse(null),
                config.string(s, "remote_path_prefix").orElse(null),
                localCopy ? localCopyDir : null,
                Duration.ofMillis(Math.round(seconds * 1000)));
    }

    /** {@code ~/.ssh/known_hosts}. */
    public static Path defaultKnownHosts() {
        return Path.of(System.getProperty("user.home"), ".ssh", "known_hosts");
    }

    public StorageSettings withKnownHosts(HostKeyChecking checking, Path file) {
        return new StorageSettings(
                type,
                baseDir,
                host,
                port,
                username,
                password,
                keyFile,
                checking,
                file,
                rcloneRemote,
                remotePathPrefix,
                localCopyDir,
                timeout);
    }

    public StorageSettings withLocalCopy(Path dir) {
        return new StorageSettings(
                type,
                baseDir,
                host,
                port,
                username,
                password,
                keyFile,
                hostKeyChecking,
                knownHostsFile,
                rcloneRemote,
                remotePathPrefix,
                dir,
                timeout);
    }

    /** The local folder of type {@code local}, absolute and normalized. */
    public Path localBaseDir() {
        return Path.of(baseDir).toAbsolutePath().normalize();
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new ConfigException(message);
        }
    }

    @Override
    public String toString() {
        return "StorageSettings[type=" + type + ", baseDir=" + baseDir + ", host=" + host + ", port=" + port
                + ", username=" + username + ", password=" + Secrets.shown("password", password)
                + ", keyFile=" + keyFile + ", hostKeyChecking=" + hostKeyChecking + ", knownHostsFile="
                + knownHostsFile + ", rcloneRemote=" + rcloneRemote + ", remotePathPrefix=" + remotePathPrefix
                + ", localCopyDir=" + localCopyDir + ", timeout=" + timeout + "]";
    }
}

package pdrrun.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Storage on an rclone remote ({@code storage.rclone_remote}, e.g. {@code s3:pdr-results}), through
 * the {@code rclone} binary. An upload goes to {@code <name>.part-<random hex>} with {@code rclone
 * copyto} (which creates what it needs: no {@code mkdir}, which object-store buckets refuse), is
 * verified (size, and SHA-256 or else MD5 where the remote can hash), then the old file is deleted
 * (some object stores refuse to overwrite) and the part moved to the final name; between the
 * delete and the move the name is absent, never half-written. Every call has a timeout (transfers:
 * {@code timeout_s} plus one second per MiB); failures are classified by {@link RcloneErrors}, and
 * a permission error is never taken for "absent". Secrets reach rclone only through its
 * environment. Leading components equal to {@code remote_path_prefix} are stripped from every path.
 * Thread-safe: each call is its own process.
 */
public final class RcloneStorage implements StorageBackend {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StorageSettings settings;
    private final RcloneCommand rclone;
    private final RcloneTransfer transfer;
    private final List<String> prefix;

    /**
     * @param environment added to rclone's environment (remote definitions such as {@code
     *     RCLONE_CONFIG_MYREMOTE_TYPE}); a configured password is added, obscured, as {@code
     *     RCLONE_CONFIG_<REMOTE>_PASS}
     * @throws StorageException INVALID_PATH for a base folder or prefix with {@code ..}; OTHER when
     *     rclone cannot be run to obscure the password
     */
    public RcloneStorage(StorageSettings settings, String binary, Map<String, String> environment) {
        if (!settings.type().equals("rclone")) {
            throw new IllegalArgumentException("not rclone settings: " + settings);
        }
        this.settings = settings;
        this.prefix = segments(settings.remotePathPrefix(), "remote_path_prefix");
        segments(settings.baseDir().replaceFirst("^/+", ""), "base_dir");
        Map<String, String> env = new HashMap<>(environment);
        if (settings.password() != null) {
            String name =
                    settings.rcloneRemote().substring(0, settings.rcloneRemote().indexOf(':'));
            String variable = "RCLONE_CONFIG_" + name.toUpperCase(Locale.ROOT).replace('-', '_') + "_PASS";
            env.put(variable, new RcloneCommand(binary, environment).obscure(settings.password(), settings.timeout()));
        }
        this.rclone = new RcloneCommand(binary, env);
        this.transfer = new RcloneTransfer(this, rclone, settings.timeout());
    }

    @Override
    public StoredFile store(Path local, String destination) {
        return transfer.upload(local, StoragePath.of(destination), false);
    }

    @Override
    public StoredFile storeGzipped(Path local, String destination) {
        return transfer.upload(local, StoragePath.of(destination).withSuffix(".gz"), true);
    }

    @Override
    public void retrieve(String source, Path local) {
        transfer.download(StoragePath.of(source), local);
    }

    @Override
    public boolean exists(String path) {
        String remote = remote(StoragePath.of(path));
        return stat(remote, path, "checking whether " + path + " exists in " + describe(), List.of())
                .map(entry -> !entry.path("IsDir").asBoolean())
                .orElse(false);
    }

    @Override
    public List<String> list(String folder) {
        String remote = folder.isEmpty() ? remoteRoot() : remote(StoragePath.of(folder));
        String operation = "listing folder '" + folder + "' of " + describe();
        RcloneCommand.Result result = call(folder, "lsjson", "--files-only", "--no-mimetype", remote);
        if (!result.ok()) {
            StorageException e = RcloneErrors.failure(result, folder, operation);
            if (e.kind() == StorageException.Kind.NOT_FOUND) {
                return List.of();
            }
            throw e;
        }
        List<String> names = new ArrayList<>();
        for (JsonNode entry : parse(result, folder, operation)) {
            String name = entry.path("Name").asText();
            if (!entry.path("IsDir").asBoolean() && !StoragePath.isPartName(name)) {
                names.add(name);
            }
        }
        names.sort(null);
        return List.copyOf(names);
    }

    @Override
    public void delete(String path) {
        String remote = remote(StoragePath.of(path));
        String operation = "deleting " + path + " from " + describe();
        var entry = stat(remote, path, operation, List.of());
        if (entry.isEmpty()) {
            return;
        }
        if (entry.get().path("IsDir").asBoolean()) {
            throw new StorageException(StorageException.Kind.OTHER, path, operation + " failed: is a folder");
        }
        deleteFile(remote, path, operation);
    }

    /** Deletes one remote file; a file that is already gone is fine. */
    void deleteFile(String remote, String path, String operation) {
        RcloneCommand.Result result = call(path, "deletefile", remote);
        if (!result.ok()) {
            StorageException e = RcloneErrors.failure(result, path, operation);
            if (e.kind() != StorageException.Kind.NOT_FOUND) {
                throw e;
            }
        }
    }

    /**
     * {@code rclone lsjson --stat}: the entry, or empty when the remote answered "not found".
     *
     * @throws StorageException for every other failure, PERMISSION included
     */
    Optional<JsonNode> stat(String remote, String path, String operation, List<String> extra) {
        List<String> arguments = new ArrayList<>(List.of("lsjson", "--stat", "--no-mimetype"));
        arguments.addAll(extra);
        arguments.add(remote);
        RcloneCommand.Result result = rclone.run(settings.timeout(), path, arguments);
        if (!result.ok()) {
            StorageException e = RcloneErrors.failure(result, path, operation);
            if (e.kind() == StorageException.Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
        return Optional.of(parse(result, path, operation));
    }

    static Instant modTime(JsonNode entry) {
        String text = entry.path("ModTime").asText("");
        return text.isEmpty() ? Instant.EPOCH : OffsetDateTime.parse(text).toInstant();
    }

    private RcloneCommand.Result call(String path, String... arguments) {
        return rclone.run(settings.timeout(), path, List.of(arguments));
    }

    private static JsonNode parse(RcloneCommand.Result result, String path, String operation) {
        try {
            return JSON.readTree(result.stdout());
        } catch (IOException e) {
            throw new StorageException(
                    StorageException.Kind.OTHER,
                    path,
                    operation + " failed: rclone printed no valid JSON: " + e.getMessage(),
                    e);
        }
    }

    @Override
    public String location(String path) {
        return remote(StoragePath.of(path));
    }

    @Override
    public String describe() {
        return "rclone remote " + remoteRoot();
    }

    /** The remote path of {@code path}: remote, base folder, then the path without the prefix. */
    String remote(StoragePath path) {
        List<String> segments = path.segments();
        if (!prefix.isEmpty()
                && segments.size() > prefix.size()
                && segments.subList(0, prefix.size()).equals(prefix)) {
            segments = segments.subList(prefix.size(), segments.size());
        }
        return join(remoteRoot(), String.join("/", segments));
    }

    String remoteRoot() {
        return join(settings.rcloneRemote(), settings.baseDir());
    }

    static String token() {
        return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    }

    private static String join(String left, String right) {
        if (right.isEmpty()) {
            return left;
        }
        if (left.endsWith(":") || left.endsWith("/")) {
            return left + right;
        }
        return left + "/" + right;
    }

    private static List<String> segments(String value, String key) {
        String trimmed = value.replaceAll("^/+|/+$", "");
        if (trimmed.isEmpty()) {
            return List.of();
        }
        List<String> segments = List.of(trimmed.split("/+"));
        if (segments.contains("..") || segments.contains(".")) {
            throw new StorageException(
                    StorageException.Kind.INVALID_PATH,
                    value,
                    "storage." + key + " '" + value + "' must not contain '.' or '..' segments");
        }
        return segments;
    }

    @Override
    public void close() {}

    @Override
    public String toString() {
        return describe();
    }
}

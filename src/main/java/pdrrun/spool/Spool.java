package pdrrun.spool;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pdrrun.catalog.AttemptInfo;
import pdrrun.config.Config;
import pdrrun.config.ConfigSchema;
import pdrrun.storage.StorageException;

/**
 * The local folder where a job's outputs wait when storing them failed ({@code storage.spool_dir}),
 * one entry per job: {@code <spool>/<model>/<job>/} with the outputs under {@code files/} (at their
 * storage paths) and {@value SpoolManifest#FILE}, written last and atomically. An entry without a
 * manifest is incomplete (spooling was interrupted, or is under way) and is never uploaded.
 *
 * <p>The entry of a job belongs to whoever holds the job in the catalog (a claim): the spool itself
 * does no locking. Thread-safe.
 */
public final class Spool {
    private static final Logger LOG = LoggerFactory.getLogger(Spool.class);

    private final Path root;
    private final String host;
    private final Clock clock;

    public Spool(Path root, String host, Clock clock) {
        this.root = root.toAbsolutePath().normalize();
        this.host = host;
        this.clock = clock;
    }

    /** The spool of {@code storage.spool_dir}, else {@link #defaultRoot}, on this host. */
    public static Spool from(Config config, Map<String, String> environment, Clock clock) {
        Path root = config.string(ConfigSchema.STORAGE, "spool_dir")
                .filter(s -> !s.isBlank())
                .map(Path::of)
                .orElseGet(() -> defaultRoot(environment));
        return new Spool(root, AttemptInfo.current(Map.of()).host(), clock);
    }

    /**
     * {@code $XDG_DATA_HOME/pdr-run/spool}, else {@code ~/.local/share/pdr-run/spool}: outlives the
     * run directory and a reboot (unlike a scratch or /tmp folder), is the user's own, and on most
     * clusters the home folder is shared, so every node sees the entries.
     */
    public static Path defaultRoot(Map<String, String> environment) {
        String data = environment.get("XDG_DATA_HOME");
        Path base = data != null && !data.isBlank() && Path.of(data).isAbsolute()
                ? Path.of(data)
                : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("pdr-run").resolve("spool");
    }

    public Path root() {
        return root;
    }

    /** The host name entries and messages name. */
    public String host() {
        return host;
    }

    Clock clock() {
        return clock;
    }

    /** The entry folder of a job; model and job names are single, safe path segments. */
    public Path folder(String model, String job) {
        return root.resolve(segment(model, "model")).resolve(segment(job, "job"));
    }

    /**
     * The complete entry of a job, if there is one; an unreadable manifest is logged and counts as
     * none.
     */
    public Optional<SpoolEntry> find(String model, String job) {
        Path folder = folder(model, job);
        if (!Files.isRegularFile(folder.resolve(SpoolManifest.FILE))) {
            return Optional.empty();
        }
        try {
            return Optional.of(SpoolEntry.read(this, folder));
        } catch (StorageException e) {
            LOG.warn("spool entry {} is not usable: {}", folder, e.getMessage());
            return Optional.empty();
        }
    }

    /** The entries of the spool, of these models only unless {@code models} is empty. */
    public record Listing(List<SpoolEntry> complete, List<Path> incomplete, Map<Path, String> damaged) {
        public boolean isEmpty() {
            return complete.isEmpty() && incomplete.isEmpty() && damaged.isEmpty();
        }
    }

    /**
     * Lists the entries, sorted by model and job.
     *
     * @throws StorageException when the spool folder cannot be read
     */
    public Listing list(List<String> models) {
        List<SpoolEntry> complete = new ArrayList<>();
        List<Path> incomplete = new ArrayList<>();
        Map<Path, String> damaged = new LinkedHashMap<>();
        for (Path modelDir : folders(root)) {
            if (!models.isEmpty() && !models.contains(modelDir.getFileName().toString())) {
                continue;
            }
            for (Path entry : folders(modelDir)) {
                if (!Files.exists(entry.resolve(SpoolManifest.FILE))) {
                    incomplete.add(entry);
                    continue;
                }
                try {
                    complete.add(SpoolEntry.read(this, entry));
                } catch (StorageException e) {
                    damaged.put(entry, e.getMessage());
                }
            }
        }
        return new Listing(List.copyOf(complete), List.copyOf(incomplete), damaged);
    }

    /**
     * Starts the entry of a job, replacing an earlier entry of the same job (a recomputation's
     * outputs supersede it) or an incomplete one.
     *
     * @throws StorageException when the folder cannot be prepared, or holds a complete entry of
     *     another job id (of another catalog): that one is never replaced
     */
    public SpoolWriter begin(long jobId, String model, String job) {
        Path folder = folder(model, job);
        if (Files.exists(folder.resolve(SpoolManifest.FILE))) {
            Optional<SpoolManifest> existing = readable(folder);
            if (existing.isPresent() && existing.get().jobId() != jobId) {
                throw new StorageException(
                        StorageException.Kind.OTHER,
                        folder.toString(),
                        "spool entry " + host + ":" + folder + " holds the outputs of job "
                                + existing.get().jobId() + " (of another catalog?), not of job " + jobId
                                + "; it is left as it is");
            }
        }
        delete(folder);
        try {
            Files.createDirectories(folder.resolve(SpoolEntry.FILES));
        } catch (IOException e) {
            throw StorageException.from(e, folder.toString(), "creating spool entry " + folder);
        }
        return new SpoolWriter(this, folder, jobId, model, job);
    }

    private Optional<SpoolManifest> readable(Path folder) {
        try {
            return Optional.of(SpoolEntry.read(this, folder).manifest());
        } catch (StorageException e) {
            LOG.warn("replacing unusable spool entry {}: {}", folder, e.getMessage());
            return Optional.empty();
        }
    }

    /** Removes an entry folder: its manifest first, so that a crash leaves it incomplete, never half. */
    static void delete(Path folder) {
        try {
            Files.deleteIfExists(folder.resolve(SpoolManifest.FILE));
            if (!Files.exists(folder)) {
                return;
            }
            try (Stream<Path> all = Files.walk(folder)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            throw StorageException.from(e, folder.toString(), "removing spool entry " + folder);
        }
    }

    private static List<Path> folders(Path dir) {
        List<Path> folders = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, Files::isDirectory)) {
            entries.forEach(folders::add);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw StorageException.from(e, dir.toString(), "listing spool folder " + dir);
        }
        folders.sort(null);
        return folders;
    }

    private static String segment(String name, String what) {
        if (name == null
                || name.isEmpty()
                || name.equals(".")
                || name.equals("..")
                || name.contains("/")
                || name.contains("\\")) {
            throw new IllegalArgumentException(what + " name '" + name + "' cannot name a spool folder");
        }
        return name;
    }

    @Override
    public String toString() {
        return host + ":" + root;
    }
}

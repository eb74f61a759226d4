package pdrrun.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A model's private working folder (SPEC section 4 step 1): empty pdroutput/, onionoutput/, Out/,
 * the input folders of the PDR home brought in per {@link InputMode}, the executables linked and
 * pdrinpdata/chem_rates.dat pointing at the configured rates file. Not thread-safe; one per job.
 */
public final class RunDirectory {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RunDirectory.class);
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    private final Path root;
    private boolean keep;
    /** For a {@link #prepare prepared} folder: the home's input folders when it was made. */
    private Map<Path, Object> homeFolders = Map.of();

    private RunDirectory(Path root) {
        this.root = root;
    }

    /**
     * Creates the folder under {@code parent}.
     *
     * @throws RunPreparationException naming the missing input
     */
    public static RunDirectory create(
            Path parent, String jobName, long jobId, PdrHome home, InputMode mode, boolean needsOnionInputs) {
        check(home, needsOnionInputs);
        try {
            Files.createDirectories(parent);
            Path root = Files.createTempDirectory(parent, prefix(jobName, jobId));
            fill(root, home, mode);
            return new RunDirectory(root);
        } catch (IOException e) {
            throw new RunPreparationException("cannot prepare a run directory under " + parent + ": " + e, e);
        }
    }

    /**
     * Makes a run directory for a job not yet known, while another model runs: everything but the
     * rendered inputs, under a name of its own ({@code pdr-next-*}) until {@link #adopt} renames it.
     * Only for {@link InputMode#LINK}: links show the home's files as they are when the job runs,
     * and which files there are is checked again by {@link #adopt}.
     *
     * @throws RunPreparationException as {@link #create}
     */
    public static RunDirectory prepare(Path parent, PdrHome home) {
        check(home, false);
        try {
            Files.createDirectories(parent);
            Path root = Files.createTempDirectory(parent, "pdr-next-");
            RunDirectory dir = new RunDirectory(root);
            dir.homeFolders = homeFolders(home); // before the links: a change meanwhile shows
            try {
                fill(root, home, InputMode.LINK);
            } catch (IOException | RuntimeException e) {
                dir.deleteQuietly();
                throw e;
            }
            return dir;
        } catch (IOException e) {
            throw new RunPreparationException("cannot prepare a run directory under " + parent + ": " + e, e);
        }
    }

    /**
     * Gives this {@link #prepare prepared} folder to a job, renamed as {@link #create} names it;
     * empty (and the folder removed) when the home's input folders changed since it was made, so
     * the links might miss a file added meanwhile.
     *
     * @throws RunPreparationException naming a missing input
     */
    public Optional<RunDirectory> adopt(String jobName, long jobId, PdrHome home, boolean needsOnionInputs) {
        check(home, needsOnionInputs);
        if (!unchanged()) {
            deleteQuietly();
            return Optional.empty();
        }
        Path named = root.resolveSibling(prefix(jobName, jobId) + Long.toUnsignedString(RANDOM.nextLong()));
        try {
            Files.move(root, named, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            deleteQuietly();
            return Optional.empty();
        }
        return Optional.of(new RunDirectory(named));
    }

    private static String prefix(String jobName, long jobId) {
        return "pdr-job" + jobId + "-" + jobName + "-";
    }

    private static void check(PdrHome home, boolean needsOnionInputs) {
        Path rates = home.chemDatabasePath();
        if (!Files.isRegularFile(rates)) {
            throw new RunPreparationException(rates + ": chemical-rates file not found (pdr.chem_database)");
        }
        Path pdrInputs = home.baseDir().resolve("pdrinpdata");
        if (!Files.isDirectory(pdrInputs)) {
            throw new RunPreparationException(pdrInputs + ": input folder not found in the PDR home");
        }
        if (needsOnionInputs && !Files.isDirectory(home.baseDir().resolve("onioninpdata"))) {
            throw new RunPreparationException(home.baseDir().resolve("onioninpdata")
                    + ": input folder not found in the PDR home (needed for ONION)");
        }
    }

    private static void fill(Path root, PdrHome home, InputMode mode) throws IOException {
        for (String folder : new String[] {"pdroutput", "onionoutput", "Out"}) {
            Files.createDirectory(root.resolve(folder));
        }
        for (String folder : PdrHome.INPUT_FOLDERS) {
            Path source = home.baseDir().resolve(folder);
            if (Files.isDirectory(source)) {
                bringIn(source, root.resolve(folder), mode);
            } else {
                Files.createDirectory(root.resolve(folder));
            }
        }
        for (String exe : home.executableNames()) {
            Files.createSymbolicLink(root.resolve(exe), home.execDir().resolve(exe));
        }
        Path chemLink = root.resolve("pdrinpdata").resolve("chem_rates.dat");
        Files.deleteIfExists(chemLink);
        Files.createSymbolicLink(chemLink, home.chemDatabasePath());
    }

    /**
     * Every folder of the home's input folders with its modification time: adding, removing or
     * renaming a file or folder changes its parent's time, so {@link #unchanged} needs to look at
     * these folders only, not at every file again.
     */
    private static Map<Path, Object> homeFolders(PdrHome home) {
        Map<Path, Object> folders = new HashMap<>();
        for (String folder : PdrHome.INPUT_FOLDERS) {
            Path source = home.baseDir().resolve(folder);
            folders.put(source, state(source)); // a missing folder too: equal only while missing
            try (Stream<Path> walk = Files.walk(source)) {
                walk.filter(Files::isDirectory).forEach(p -> folders.put(p, state(p)));
            } catch (IOException | UncheckedIOException e) {
                // missing or unreadable: its state above says so
            }
        }
        return folders;
    }

    /** Whether the home's input folders are as {@link #prepare} found them. */
    private boolean unchanged() {
        return homeFolders.entrySet().stream().allMatch(e -> e.getValue().equals(state(e.getKey())));
    }

    /** A folder's modification time, or why it has none. */
    private static Object state(Path folder) {
        try {
            return Files.readAttributes(folder, BasicFileAttributes.class).lastModifiedTime();
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static void bringIn(Path source, Path target, InputMode mode) throws IOException {
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(target.resolve(source.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path to = target.resolve(source.relativize(file).toString());
                if (mode == InputMode.LINK) {
                    Files.createSymbolicLink(to, file.toAbsolutePath());
                } else {
                    Files.copy(file, to, StandardCopyOption.COPY_ATTRIBUTES);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    public Path root() {
        return root;
    }

    public Path resolve(String relative) {
        return root.resolve(relative);
    }

    /** Marks the folder to be kept after the job: it holds outputs that are nowhere else. */
    public void keepOnClose() {
        keep = true;
    }

    /** Whether {@link #keepOnClose} was called. */
    public boolean keep() {
        return keep;
    }

    /** {@link #delete}, a failure only logged: for folders made ahead, which hold nothing of a job. */
    public void deleteQuietly() {
        try {
            delete();
        } catch (RunPreparationException e) {
            LOG.warn("{}", e.getMessage());
        }
    }

    /** Removes the folder and everything in it (links only, never their targets). */
    public void delete() {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            throw new RunPreparationException("cannot delete the run directory " + root + ": " + e.getMessage(), e);
        }
    }
}

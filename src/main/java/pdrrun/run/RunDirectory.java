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
import pdrrun.run.process.WorkingDirectories;

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
    /**
     * What {@link #fill} made in {@link InputMode#LINK}: relative path to link target, or to
     * {@link #FOLDER}; null for copied inputs, which a model may have changed.
     */
    private Map<Path, Path> skeleton;
    /** Taken when the folder became a job's, before its first process: narrows the search of {@link #recycle}. */
    private final WorkingDirectories.Mark mark = WorkingDirectories.mark();

    private static final Path FOLDER = Path.of("");

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
            RunDirectory dir = new RunDirectory(root);
            if (mode == InputMode.LINK) {
                dir.homeFolders = homeFolders(home); // before the links, as for prepare
            }
            Map<Path, Path> made = fill(root, home, mode);
            dir.skeleton = mode == InputMode.LINK ? made : null;
            return dir;
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
                dir.skeleton = fill(root, home, InputMode.LINK);
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
        RunDirectory adopted = new RunDirectory(named);
        adopted.homeFolders = homeFolders;
        adopted.skeleton = skeleton;
        return Optional.of(adopted);
    }

    /**
     * After its job (every process of it ended, its outputs taken): makes this folder the one
     * made ahead for the next job, instead of removing it and making the same folders and links
     * again, two dozen inodes that cost 0.8 ms each to create on a busy ext4 without a journal.
     * Everything the job left is removed (links only, never their targets); the folders and links
     * {@link #fill} made stay where they are unchanged, and the folder is renamed {@code
     * pdr-next-*}. {@link #adopt} checks the home again, as for a folder made by {@link #prepare}.
     * Empty, the folder removed, when its inputs were copied, the job removed or replaced any of
     * them, or a process still works in it.
     *
     * @throws RunPreparationException when the folder cannot be removed either
     */
    public Optional<RunDirectory> recycle() {
        // A process of the job still working in the folder (it escaped its group, or survived
        // SIGKILL in uninterruptible I/O) would write into the next job's: such a folder goes.
        if (skeleton != null && !WorkingDirectories.anyIn(root, mark)) {
            try {
                if (clear()) {
                    Path next = root.resolveSibling("pdr-next-" + Long.toUnsignedString(RANDOM.nextLong()));
                    Files.move(root, next, StandardCopyOption.ATOMIC_MOVE);
                    RunDirectory ready = new RunDirectory(next);
                    ready.homeFolders = homeFolders;
                    ready.skeleton = skeleton;
                    return Optional.of(ready);
                }
            } catch (IOException | UncheckedIOException e) {
                LOG.debug("run directory {} not reused: {}", root, e.toString());
            }
        }
        delete();
        return Optional.empty();
    }

    /**
     * Removes every entry that is not part of the skeleton as {@link #fill} made it; whether all of
     * the skeleton is still there.
     */
    private boolean clear() throws IOException {
        int[] kept = {0};
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path target = skeleton.get(root.relativize(file));
                if (target != null
                        && target != FOLDER
                        && attrs.isSymbolicLink()
                        && target.equals(Files.readSymbolicLink(file))) {
                    kept[0]++;
                } else {
                    Files.delete(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path folder, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                if (skeleton.get(root.relativize(folder)) == FOLDER) {
                    kept[0]++;
                } else if (!folder.equals(root)) {
                    Files.delete(folder);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return kept[0] == skeleton.size();
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

    /** Fills the folder; what it made (relative path to link target or {@link #FOLDER}). */
    private static Map<Path, Path> fill(Path root, PdrHome home, InputMode mode) throws IOException {
        Map<Path, Path> made = new HashMap<>();
        for (String folder : new String[] {"pdroutput", "onionoutput", "Out"}) {
            Files.createDirectory(root.resolve(folder));
            made.put(Path.of(folder), FOLDER);
        }
        for (String folder : PdrHome.INPUT_FOLDERS) {
            Path source = home.baseDir().resolve(folder);
            if (Files.isDirectory(source)) {
                bringIn(source, root.resolve(folder), mode, made);
            } else {
                Files.createDirectory(root.resolve(folder));
                made.put(Path.of(folder), FOLDER);
            }
        }
        for (String exe : home.executableNames()) {
            Path target = home.execDir().resolve(exe);
            Files.createSymbolicLink(root.resolve(exe), target);
            made.put(Path.of(exe), target);
        }
        Path chemLink = root.resolve("pdrinpdata").resolve("chem_rates.dat");
        Files.deleteIfExists(chemLink);
        Files.createSymbolicLink(chemLink, home.chemDatabasePath());
        made.put(root.relativize(chemLink), home.chemDatabasePath());
        return made;
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

    private static void bringIn(Path source, Path target, InputMode mode, Map<Path, Path> made) throws IOException {
        Path root = target.getParent();
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path to = target.resolve(source.relativize(dir).toString());
                Files.createDirectories(to);
                made.put(root.relativize(to), FOLDER);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path to = target.resolve(source.relativize(file).toString());
                if (mode == InputMode.LINK) {
                    Path link = file.toAbsolutePath();
                    Files.createSymbolicLink(to, link);
                    made.put(root.relativize(to), link);
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

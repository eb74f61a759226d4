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
import java.util.stream.Stream;

/**
 * A model's private working folder (SPEC section 4 step 1): empty pdroutput/, onionoutput/, Out/,
 * the input folders of the PDR home brought in per {@link InputMode}, the executables linked and
 * pdrinpdata/chem_rates.dat pointing at the configured rates file. Not thread-safe; one per job.
 */
public final class RunDirectory {
    private final Path root;
    private boolean keep;

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
        try {
            Files.createDirectories(parent);
            Path root = Files.createTempDirectory(parent, "pdr-job" + jobId + "-" + jobName + "-");
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
            Files.createSymbolicLink(chemLink, rates);
            return new RunDirectory(root);
        } catch (IOException e) {
            throw new RunPreparationException("cannot prepare a run directory under " + parent + ": " + e, e);
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

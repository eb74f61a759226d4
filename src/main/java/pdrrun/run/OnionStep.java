package pdrrun.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import pdrrun.run.process.Invocation;
import pdrrun.run.process.ModelProcess;
import pdrrun.run.process.ProcessLimits;
import pdrrun.run.process.ProcessResult;

/**
 * ONION line radiative transfer for one species (SPEC section 4 step 5). Its TEXTOUT is cleared
 * for every species, so each log file has exactly one writer and holds one species.
 */
final class OnionStep {
    /** Output files of ONION per species, {@code %s} being the species. */
    static final List<String> OUTPUTS =
            List.of("jerg_%s.smli", "jerg_%s.srli", "jtemp_%s.smli", "jtemp_%s.smlc", "linebt_%s.out", "ONION3_%s.OUT");

    private OnionStep() {}

    /**
     * Runs ONION for {@code species} in {@code dir}; returns the produced files (output name in
     * onionoutput/ to local path), TEXTOUT last.
     *
     * @throws OnionFailure with a message like "ONION CO: exited with code 5"
     */
    static List<Path> run(
            ModelProcess processes,
            Path dir,
            String onionExe,
            String species,
            Map<String, String> env,
            ProcessLimits limits)
            throws IOException, InterruptedException {
        Path input = dir.resolve("onioninpdata").resolve("ONION3.INP." + species);
        if (!Files.isRegularFile(input)) {
            throw new OnionFailure(
                    "ONION " + species + ": input " + input.getFileName() + " not found in onioninpdata/");
        }
        overwrite(input, dir.resolve("ONION3.INP"));
        Path out = dir.resolve("onionoutput");
        try (var stale = Files.list(out)) {
            for (Path p : (Iterable<Path>) stale::iterator) {
                Files.deleteIfExists(p);
            }
        }
        Path ctrl = dir.resolve("pdroutput").resolve("CTRL_IND");
        if (!Files.isRegularFile(ctrl)) {
            throw new OnionFailure("ONION " + species + ": pdroutput/CTRL_IND not found");
        }
        overwrite(ctrl, dir.resolve("CTRL_IND"));
        Path log = out.resolve("TEXTOUT");
        ProcessResult result = processes.run(
                new Invocation(List.of("./" + onionExe, "pdroutput/pdrstruct_s.hdf5"), dir, log, false, env), limits);
        if (result.timedOut()) {
            throw new OnionFailure("ONION " + species + ": killed after the time limit");
        }
        if (result.exitCode() != 0) {
            throw new OnionFailure("ONION " + species + ": exited with code " + result.exitCode());
        }
        List<Path> files = new ArrayList<>();
        for (String pattern : OUTPUTS) {
            Path file = out.resolve(String.format(pattern, species));
            if (!Files.isRegularFile(file)) {
                throw new OnionFailure("ONION " + species + ": " + file.getFileName() + " was not written");
            }
            files.add(file);
        }
        files.add(log);
        return files;
    }

    /**
     * Copies {@code source} into {@code target}, rewriting a regular file that is there in place:
     * each species after the first then creates no new file (0.8 ms each on a busy ext4 without a
     * journal) and deletes none. Anything else there (a link, a file with other names) is
     * replaced. The file is not truncated to nothing before it is written, only cut to the new
     * length after: ext4 writes a file truncated to nothing out to disk when it is closed (its
     * auto_da_alloc guard for programs that replace a file by truncating it), I/O that this
     * scratch copy does not need (100 jobs of four species wrote 13,800 instead of 14,500 times).
     */
    private static void overwrite(Path source, Path target) throws IOException {
        // Only a file of its own: writing into a hard link would also change its other names (the
        // source itself, or a file of the home).
        Map<String, Object> there;
        try {
            there = Files.readAttributes(target, "unix:isRegularFile,nlink", LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            there = null; // the first species: nothing to rewrite
        }
        if (there != null
                && (!Boolean.TRUE.equals(there.get("isRegularFile"))
                        || ((Number) there.get("nlink")).intValue() != 1)) {
            Files.delete(target);
        }
        // java.io, not a channel: a channel fails with ClosedByInterruptException when a stop
        // interrupts this thread, and the job would end in error instead of being released when
        // ONION's process sees the interrupt (OverlapStopTest). The target is a regular file of
        // its own here, or none.
        try (InputStream in = Files.newInputStream(source);
                RandomAccessFile out = new RandomAccessFile(target.toFile(), "rw")) {
            byte[] buffer = new byte[8192];
            long written = 0;
            for (int n; (n = in.read(buffer)) >= 0; written += n) {
                out.write(buffer, 0, n);
            }
            if (out.length() > written) {
                out.setLength(written);
            }
        }
    }

    /** One species' ONION run failed; the message is the postproc_error fragment. */
    static final class OnionFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        OnionFailure(String message) {
            super(message);
        }
    }
}

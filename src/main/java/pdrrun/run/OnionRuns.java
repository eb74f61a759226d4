package pdrrun.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import pdrrun.concurrent.DaemonThreads;
import pdrrun.run.process.ModelProcess;
import pdrrun.run.process.ProcessLimits;
import pdrrun.storage.StorageException;

/**
 * ONION for each species of a job (SPEC section 4 step 5), each species' outputs stored once it
 * ends. When those outputs are moved into storage anyway (no post-processing step reads them
 * afterwards, the run directory is not kept), a species' files are renamed out of onionoutput/
 * (to {@code onionoutput-<n>-<species>-<name>} in the run directory) and stored on another thread
 * while the next species runs: checksums, fsyncs and renames or uploads no longer hold up ONION
 * (a third of a job's post-processing time with small outputs here). A species' files are stored
 * after the previous species' and in the order of a plain loop (at once, where the back end can:
 * {@link OutputStore#takeAll}), so the job's {@link OutputStore}, which one thread uses at a time,
 * gets the same calls. Stateless.
 */
final class OnionRuns {
    private static final ThreadFactory STORING_THREADS = DaemonThreads.numbered("pdr-store");

    private OnionRuns() {}

    /** What ONION needs for one job. */
    record Job(
            ModelProcess processes,
            Path dir,
            String onionExe,
            List<String> species,
            Map<String, String> environment,
            ProcessLimits limits,
            String jobName,
            StoragePaths paths) {}

    /**
     * Runs ONION for every species and stores its outputs: taken (moved) when {@code taking},
     * copied otherwise (the last species' files stay for the post-processing steps). A species
     * that fails adds its message to {@code errors}; its TEXTOUT is still stored.
     *
     * @throws StorageException when a file could be neither stored nor spooled; what was not
     *     stored then is in the run directory
     */
    static void run(Job job, OutputStore store, boolean taking, List<String> errors)
            throws IOException, InterruptedException {
        boolean aside = taking && store.movesFiles();
        // One thread per job, so that a stop can interrupt what it stores (an upload) at once.
        ExecutorService storer = aside ? Executors.newSingleThreadExecutor(STORING_THREADS) : null;
        CompletableFuture<Void> storing = CompletableFuture.completedFuture(null);
        Throwable failed = null;
        int run = 0;
        try {
            for (String sp : job.species()) {
                if (storing.isCompletedExceptionally()) {
                    break; // storing failed for good: the rest stays in the run directory
                }
                run++;
                List<Path> files;
                try {
                    files = OnionStep.run(
                            job.processes(), job.dir(), job.onionExe(), sp, job.environment(), job.limits());
                } catch (OnionStep.OnionFailure e) {
                    errors.add(e.getMessage());
                    Path textout = job.dir().resolve("onionoutput/TEXTOUT");
                    if (Files.isRegularFile(textout)) {
                        String destination = job.paths().oniongrid("TEXTOUT" + job.jobName() + "_" + sp);
                        Path local = aside ? setAside(job.dir(), run, sp, textout) : textout;
                        storing = then(storing, storer, () -> store.store(local, destination));
                    }
                    continue;
                }
                List<String> destinations = new ArrayList<>();
                for (Path file : files.subList(0, files.size() - 1)) {
                    destinations.add(job.paths().oniongrid("ONION" + job.jobName() + "." + file.getFileName()));
                }
                destinations.add(job.paths().oniongrid("TEXTOUT" + job.jobName() + "_" + sp));
                List<Path> locals = new ArrayList<>();
                for (Path file : files) {
                    locals.add(aside ? setAside(job.dir(), run, sp, file) : file);
                }
                storing = then(storing, storer, () -> {
                    if (taking) {
                        store.takeAll(locals, destinations);
                        return;
                    }
                    for (int i = 0; i < locals.size(); i++) {
                        store.store(locals.get(i), destinations.get(i));
                    }
                });
            }
        } catch (Throwable t) {
            failed = t;
            if (storer != null
                    && (t instanceof InterruptedException
                            || Thread.currentThread().isInterrupted())) {
                storer.shutdownNow(); // a stop: what is being stored is cut short, the rest not begun
            }
            throw t;
        } finally {
            try {
                awaitUninterruptibly(storing, storer);
            } catch (RuntimeException e) {
                if (failed == null) {
                    throw e;
                }
                failed.addSuppressed(e); // the first failure is the one to report
            } finally {
                if (storer != null) {
                    storer.shutdown();
                }
            }
        }
    }

    /** Runs {@code step} after those before it: on the storing thread, or here and now. */
    private static CompletableFuture<Void> then(CompletableFuture<Void> before, ExecutorService storer, Runnable step) {
        if (storer == null) {
            step.run(); // before is already done: nothing was set aside
            return before;
        }
        return before.thenRunAsync(step, storer);
    }

    /**
     * Moves a species' output out of onionoutput/, which the next species starts by emptying, to
     * a name of its own even when a species is listed twice.
     */
    private static Path setAside(Path dir, int run, String species, Path file) throws IOException {
        Path aside = dir.resolve("onionoutput-" + run + "-" + species + "-" + file.getFileName());
        return Files.move(file, aside, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Waits until storing has ended, even when interrupted (the run directory must not be emptied
     * under a file being stored; the interrupt is kept, and cuts storing short), and rethrows what
     * failed.
     */
    private static void awaitUninterruptibly(CompletableFuture<Void> storing, ExecutorService storer) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    storing.get();
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                    if (storer != null) {
                        storer.shutdownNow();
                    }
                } catch (java.util.concurrent.ExecutionException e) {
                    throw unwrap(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static RuntimeException unwrap(Throwable cause) {
        if (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof RuntimeException e) {
            return e;
        }
        if (cause instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(cause);
    }
}

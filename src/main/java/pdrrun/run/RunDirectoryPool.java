package pdrrun.run;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pdrrun.concurrent.DaemonThreads;

/**
 * Run directories made ahead of the jobs that will use them (pdr.input_mode link only): a job
 * takes one if there is one, and a finished job's own folder, emptied, becomes one. Thread-safe:
 * slots take folders while their background threads give them back.
 */
final class RunDirectoryPool {
    private static final Logger LOG = LoggerFactory.getLogger(RunDirectoryPool.class);

    private final Path scratch;
    private final PdrHome home;
    private final InputMode mode;
    /** Folders made ahead, each for whichever job comes next. */
    private final Queue<RunDirectory> ready = new ConcurrentLinkedQueue<>();

    private volatile int ahead;
    // Empties finished jobs' folders and makes new ones, so a job's finishing does not wait for it.
    private final ThreadPoolExecutor recycler = recycler();

    RunDirectoryPool(Path scratch, PdrHome home, InputMode mode) {
        this.scratch = scratch;
        this.home = home;
        this.mode = mode;
    }

    /** From now on keeps up to {@code folders} folders made ahead; none unless inputs are links. */
    void keepAhead(int folders) {
        this.ahead = mode == InputMode.LINK ? folders : 0;
    }

    /**
     * Stops making folders ahead and removes those not used, once the folders given back
     * meanwhile are emptied or removed.
     */
    void discard() {
        ahead = 0; // from now on a folder given back is removed, and none is made
        awaitRecycler();
        for (RunDirectory dir; (dir = ready.poll()) != null; ) {
            try {
                dir.delete();
            } catch (RunPreparationException e) {
                LOG.warn("{}", e.getMessage());
            }
        }
    }

    /**
     * A folder made ahead, renamed for the job, or a new one.
     *
     * @throws RunPreparationException naming a missing input
     */
    RunDirectory take(String jobName, long jobId, boolean needsOnionInputs) {
        for (RunDirectory made; (made = ready.poll()) != null; ) {
            try {
                Optional<RunDirectory> adopted = made.adopt(jobName, jobId, home, needsOnionInputs);
                if (adopted.isPresent()) {
                    return adopted.get();
                }
            } catch (RunPreparationException e) {
                // A folder made ahead is never a job's failure: the job makes its own, and a
                // missing input fails it there with the usual message.
                made.deleteQuietly();
            }
        }
        return RunDirectory.create(scratch, jobName, jobId, home, mode, needsOnionInputs);
    }

    /**
     * Takes back a finished job's folder (every process of it ended, its outputs stored): emptied
     * and kept for the next job while fewer than asked for wait, removed otherwise.
     *
     * @throws RunPreparationException when it cannot be removed
     */
    void giveBack(RunDirectory dir) {
        if (ready.size() < ahead) {
            dir.recycle().ifPresent(this::offer);
        } else {
            dir.delete();
        }
    }

    /**
     * {@link #giveBack}, then {@link #prepareNext}, on the pool's own thread: a job's finishing
     * (and so its record and the slot's next claim) does not wait for them (0.8 ms here). A folder
     * that cannot be removed is a warning: the job's outputs are stored by then.
     */
    void giveBackLater(RunDirectory dir) {
        recycler.execute(() -> {
            try {
                giveBack(dir);
            } catch (RuntimeException e) {
                LOG.warn("run directory {} not emptied: {}", dir.root(), e.getMessage());
            }
            prepareNext();
        });
    }

    /** {@link #prepareNext} on the pool's own thread. */
    void prepareNextLater() {
        recycler.execute(this::prepareNext);
    }

    /** Waits (up to a minute, uninterruptibly) for what was handed to the pool's thread. */
    void awaitRecycler() {
        Future<?> done = recycler.submit(() -> {});
        boolean interrupted = false;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        try {
            while (true) {
                try {
                    done.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException | TimeoutException e) {
                    LOG.warn(
                            "{} run director(ies) given back were not emptied or removed within a minute: {}",
                            recycler.getQueue().size() + 1,
                            e.toString());
                    return;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * One thread, a few folders waiting at most: when removing them falls behind (copied inputs,
     * a slow scratch file system), the job's own thread does it, as it did before, instead of
     * folders piling up.
     */
    private static ThreadPoolExecutor recycler() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(
                1,
                1,
                10,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(4),
                DaemonThreads.named("pdr-recycle"),
                new ThreadPoolExecutor.CallerRunsPolicy());
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /** Makes folders until as many as asked for wait; best effort. */
    void fill() {
        for (int i = ready.size(); i < ahead; i++) {
            prepareNext();
        }
    }

    /** Makes a folder ahead when fewer than asked for wait; best effort. */
    void prepareNext() {
        if (ready.size() >= ahead) {
            return;
        }
        try {
            offer(RunDirectory.prepare(scratch, home));
        } catch (RunPreparationException e) {
            LOG.debug("no run directory made ahead: {}", e.getMessage()); // the job makes its own
        }
    }

    /**
     * Adds a folder made ahead, and removes it again when {@link #discard} ran meanwhile (a stop:
     * it sets the count to zero before it empties the queue).
     */
    private void offer(RunDirectory dir) {
        ready.add(dir);
        if (ahead == 0 && ready.remove(dir)) {
            dir.deleteQuietly();
        }
    }
}

package pdrrun.run;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

    RunDirectoryPool(Path scratch, PdrHome home, InputMode mode) {
        this.scratch = scratch;
        this.home = home;
        this.mode = mode;
    }

    /** From now on keeps up to {@code folders} folders made ahead; none unless inputs are links. */
    void keepAhead(int folders) {
        this.ahead = mode == InputMode.LINK ? folders : 0;
    }

    /** Stops making folders ahead and removes those not used. */
    void discard() {
        ahead = 0;
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

package pdrrun.run;

import java.nio.file.Path;
import pdrrun.catalog.ClaimedJob;

/** Hears about a job's progress, for the command line's output. Implementations are thread-safe. */
public interface JobListener {
    /** The run directory exists and holds the inputs; the model is about to start. */
    default void runDirectory(ClaimedJob job, Path dir) {}

    /** --keep-tmp kept this run directory. */
    default void keptRunDirectory(ClaimedJob job, Path dir) {}
}

package pdrrun.cli;

import java.io.PrintWriter;
import pdrrun.catalog.ClaimedJob;
import pdrrun.catalog.JobResult;
import pdrrun.queue.Worker;

/** One line per finished job: "[3] 100_30_-10_10_00 finished (0.21 s)". */
final class ProgressLines implements Worker.ProgressListener {
    private final PrintWriter out;

    ProgressLines(PrintWriter out) {
        this.out = out;
    }

    @Override
    public synchronized void jobDone(ClaimedJob job, JobResult result, int done) {
        StringBuilder line = new StringBuilder();
        line.append('[')
                .append(done)
                .append("] ")
                .append(job.jobName())
                .append(' ')
                .append(result.status().dbName());
        if (result.executionSeconds() != null) {
            line.append(String.format(" (%.2f s)", result.executionSeconds()));
        }
        if (result.errorMessage() != null) {
            line.append(": ").append(result.errorMessage());
        }
        if (result.postprocError() != null) {
            line.append("; post-processing: ").append(result.postprocError());
        }
        out.println(line);
        out.flush();
    }
}

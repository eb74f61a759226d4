package pdrrun.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import pdrrun.catalog.ClaimedJob;
import pdrrun.catalog.JobResult;
import pdrrun.concurrent.DaemonThreads;
import pdrrun.queue.Worker;

/**
 * Progress as plain lines, for logs and pipes: one line per finished job ("[3] 100_30_-10_10_00
 * finished (0.21 s)") and, every {@code interval}, a summary line ("progress: 5 of 9 done, 1
 * failed, 2 running, elapsed 00:01:10, ETA 00:00:50"), so a log shows life while 30 h models run.
 * Thread-safe; close it to stop the summaries.
 */
final class ProgressLines implements Worker.ProgressListener, AutoCloseable {
    private final PrintWriter out;
    private final RunProgress progress;
    private final ScheduledExecutorService timer;

    /** @param total jobs expected, negative when unknown */
    ProgressLines(PrintWriter out, long total, Duration interval) {
        this.out = out;
        this.progress = new RunProgress(total);
        this.timer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("pdr-progress"));
        long millis = Math.max(1, interval.toMillis());
        timer.scheduleAtFixedRate(this::summary, millis, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void jobStarted(ClaimedJob job) {
        progress.started(job);
    }

    @Override
    public synchronized void jobDone(ClaimedJob job, JobResult result, int done) {
        progress.done(job, result);
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

    private synchronized void summary() {
        out.println("progress: " + RunProgress.line(progress.snapshot()));
        out.flush();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}

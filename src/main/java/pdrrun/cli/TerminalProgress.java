package pdrrun.cli;

import java.util.concurrent.atomic.AtomicInteger;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import pdrrun.catalog.ClaimedJob;
import pdrrun.catalog.JobResult;
import pdrrun.job.JobStatus;
import pdrrun.queue.Worker;

/** A progress bar on a terminal: done of total, failures, ETA from the rate so far. */
final class TerminalProgress implements Worker.ProgressListener, AutoCloseable {
    private final ProgressBar bar;
    private final AtomicInteger failed = new AtomicInteger();

    TerminalProgress(long total, String model) {
        this.bar = new ProgressBarBuilder()
                .setTaskName("model " + model)
                .setInitialMax(Math.max(1, total))
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(500)
                .showSpeed()
                .build();
    }

    @Override
    public void jobDone(ClaimedJob job, JobResult result, int done) {
        if (!JobStatus.OK.contains(result.status())) {
            failed.incrementAndGet();
        }
        bar.stepTo(done);
        bar.setExtraMessage(" failed " + failed.get() + ", last " + job.jobName() + " "
                + result.status().dbName());
    }

    @Override
    public void close() {
        bar.close();
    }
}

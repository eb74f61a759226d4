package pdrrun.cli;

import java.util.function.Consumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import pdrrun.catalog.ClaimedJob;
import pdrrun.catalog.JobResult;
import pdrrun.queue.Worker;

/**
 * A progress bar on a terminal: done of total with the bar's own elapsed time and ETA, and the
 * failed and running counts beside it. Thread-safe.
 */
final class TerminalProgress implements Worker.ProgressListener, AutoCloseable {
    private final ProgressBar bar;
    private final RunProgress progress;

    TerminalProgress(long total, String model) {
        this(total, model, null);
    }

    /** @param lines where the rendered bar goes instead of the console (tests), or null */
    TerminalProgress(long total, String model, Consumer<String> lines) {
        this.progress = new RunProgress(total);
        ProgressBarBuilder builder = new ProgressBarBuilder()
                .setTaskName("model " + model)
                .setInitialMax(Math.max(1, total))
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(500)
                .showSpeed();
        if (lines != null) {
            builder.setConsumer(new DelegatingProgressBarConsumer(lines));
        }
        this.bar = builder.build();
        bar.setExtraMessage(extra());
    }

    @Override
    public void jobStarted(ClaimedJob job) {
        progress.started(job);
        update();
    }

    @Override
    public void jobDone(ClaimedJob job, JobResult result, int done) {
        progress.done(job, result);
        update();
    }

    private synchronized void update() {
        bar.stepTo(progress.snapshot().done());
        bar.setExtraMessage(extra());
    }

    private String extra() {
        RunProgress.Snapshot s = progress.snapshot();
        return " failed " + s.failed() + ", running " + s.running();
    }

    @Override
    public void close() {
        bar.close();
    }
}

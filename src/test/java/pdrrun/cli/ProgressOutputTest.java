package pdrrun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import pdrrun.catalog.ClaimedJob;
import pdrrun.catalog.JobResult;
import pdrrun.job.JobStatus;

/** What run prints as progress: a bar on a terminal, plain lines and periodic summaries elsewhere. */
class ProgressOutputTest {
    private static final LocalDateTime T = LocalDateTime.of(2026, 1, 1, 0, 0);

    @Test
    void plainOutputHasALinePerJobAndPeriodicSummariesCountingARetriedJobOnce() throws Exception {
        StringWriter text = new StringWriter();
        try (ProgressLines lines = new ProgressLines(new PrintWriter(text), 3, Duration.ofMillis(50))) {
            lines.jobStarted(job(1));
            lines.jobStarted(job(2));
            lines.jobDone(job(1), result(JobStatus.FINISHED), 1);
            lines.jobDone(job(2), result(JobStatus.ABORTED), 2);
            lines.jobStarted(job(2)); // retried: no longer done nor failed
            lines.jobStarted(job(3));
            waitFor(text, "progress: 1 of 3 done, 0 failed, 2 running, elapsed 00:00:00, ETA 00:00:0");
            lines.jobDone(job(2), result(JobStatus.ABORTED), 3);
            waitFor(text, "progress: 2 of 3 done, 1 failed, 1 running");
        }
        assertThat(text.toString())
                .contains("[1] 100_30_-10_1_00 finished (12.50 s)")
                .contains("[2] 100_30_-10_2_00 aborted (12.50 s)");
        int before = text.toString().length();
        Thread.sleep(200);
        assertThat(text.toString()).as("no summaries after close").hasSize(before);
    }

    @Test
    void barShowsDoneOfTotalFailedAndRunning() {
        List<String> rendered = new CopyOnWriteArrayList<>();
        try (TerminalProgress bar = new TerminalProgress(4, "m", rendered::add)) {
            bar.jobStarted(job(1));
            bar.jobStarted(job(2));
            bar.jobStarted(job(3));
            bar.jobDone(job(1), result(JobStatus.FINISHED), 1);
            bar.jobDone(job(2), result(JobStatus.TIMEOUT), 2);
        }
        String last = rendered.get(rendered.size() - 1);
        assertThat(last)
                .contains("model m", "2/4", "failed 1, running 1")
                .as("elapsed / ETA")
                .containsPattern("\\(\\d+:\\d\\d:\\d\\d / \\d+:\\d\\d:\\d\\d\\)");
    }

    private static void waitFor(StringWriter text, String expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!text.toString().contains(expected) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(text.toString()).contains(expected);
    }

    private static ClaimedJob job(long id) {
        return new ClaimedJob(id, "100_30_-10_" + id + "_00", 1, "m", "/m", id, Map.of(), List.of(), null, false, 1, T);
    }

    private static JobResult result(JobStatus status) {
        return JobResult.withoutFiles(status, T, T.plusSeconds(12), 12.5, 0, null);
    }
}

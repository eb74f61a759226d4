package pdrrun.cli;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import pdrrun.catalog.ClaimedJob;
import pdrrun.catalog.JobResult;
import pdrrun.job.JobStatus;

/**
 * The counts a progress display shows: jobs done (their latest attempt ended), failed among them,
 * running now, and an ETA from the rate so far. A job claimed again after a failed attempt (an
 * automatic retry) leaves done and failed and runs again, so a retried job is counted once.
 * Thread-safe.
 */
final class RunProgress {
    /** What a display prints at one moment. */
    record Snapshot(long total, int done, int failed, int running, Duration elapsed, Duration eta) {}

    private final long total;
    private final long startNanos = System.nanoTime();
    private final Set<Long> running = new HashSet<>();
    private final Map<Long, Boolean> finishedOk = new HashMap<>();

    /** @param total jobs expected, or a negative number when unknown (a worker on a shared queue) */
    RunProgress(long total) {
        this.total = total;
    }

    synchronized void started(ClaimedJob job) {
        running.add(job.id());
        finishedOk.remove(job.id());
    }

    synchronized void done(ClaimedJob job, JobResult result) {
        running.remove(job.id());
        finishedOk.put(job.id(), JobStatus.OK.contains(result.status()));
    }

    synchronized Snapshot snapshot() {
        int done = finishedOk.size();
        int failed = (int) finishedOk.values().stream().filter(ok -> !ok).count();
        Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
        Duration eta = null;
        if (total >= 0 && done > 0) {
            eta = elapsed.multipliedBy(Math.max(0, total - done)).dividedBy(done);
        }
        return new Snapshot(total, done, failed, running.size(), elapsed, eta);
    }

    /** "5 of 9 done, 1 failed, 2 running, elapsed 00:01:10, ETA 00:00:50". */
    static String line(Snapshot s) {
        StringBuilder line = new StringBuilder().append(s.done());
        if (s.total() >= 0) {
            line.append(" of ").append(s.total());
        }
        line.append(" done, ")
                .append(s.failed())
                .append(" failed, ")
                .append(s.running())
                .append(" running, elapsed ")
                .append(hms(s.elapsed()));
        if (s.eta() != null) {
            line.append(", ETA ").append(hms(s.eta()));
        }
        return line.toString();
    }

    private static String hms(Duration d) {
        long s = d.toSeconds();
        return String.format("%02d:%02d:%02d", s / 3600, (s % 3600) / 60, s % 60);
    }
}

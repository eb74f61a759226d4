package pdrrun.queue;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import pdrrun.job.JobStatus;

/**
 * What one run did: the last outcome of each job it ran (a retried job counts once, with its final
 * state) and post-processing failures. Thread-safe.
 */
public final class RunSummary {
    private final Map<Long, JobStatus> outcomes = new HashMap<>();
    private final Set<Long> postprocFailures = new HashSet<>();
    private int unrecorded;
    private int released;

    synchronized void add(long jobId, JobStatus status, boolean postprocFailed) {
        outcomes.put(jobId, status);
        if (postprocFailed) {
            postprocFailures.add(jobId);
        } else {
            postprocFailures.remove(jobId);
        }
    }

    /** A result the catalog refused or could not take. */
    synchronized void unrecorded() {
        unrecorded++;
    }

    /** A job given back because the run was stopped. */
    synchronized void released() {
        released++;
    }

    public synchronized int total() {
        return outcomes.size();
    }

    /** True when every job succeeded or was skipped, none was released and no post-processing failed. */
    public synchronized boolean allSucceeded() {
        return postprocFailures.isEmpty()
                && unrecorded == 0
                && released == 0
                && outcomes.values().stream().allMatch(JobStatus.OK::contains);
    }

    /** The final line, e.g. "Job states: finished=7 not_converged=1 (1 post-processing failure)". */
    public synchronized String line() {
        Map<JobStatus, Integer> states = new EnumMap<>(JobStatus.class);
        outcomes.values().forEach(s -> states.merge(s, 1, Integer::sum));
        String counts = states.isEmpty()
                ? "none run"
                : states.entrySet().stream()
                        .map(e -> e.getKey().dbName() + "=" + e.getValue())
                        .collect(Collectors.joining(" "));
        int post = postprocFailures.size();
        return "Job states: " + counts
                + (post == 0 ? "" : " (" + post + " post-processing failure" + (post == 1 ? "" : "s") + ")")
                + (released == 0 ? "" : " (" + released + " released when stopped)")
                + (unrecorded == 0 ? "" : " (" + unrecorded + " result(s) not recorded)");
    }
}

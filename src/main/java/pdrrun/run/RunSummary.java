package pdrrun.run;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import pdrrun.job.JobStatus;

/** What one run did: jobs per final state and post-processing failures. Thread-safe. */
public final class RunSummary {
    private final Map<JobStatus, Integer> states = new TreeMap<>();
    private int postprocFailures;
    private int unrecorded;

    synchronized void add(JobStatus status, boolean postprocFailed) {
        states.merge(status, 1, Integer::sum);
        if (postprocFailed) {
            postprocFailures++;
        }
    }

    /** A result the catalog refused or could not take. */
    synchronized void unrecorded() {
        unrecorded++;
    }

    public synchronized int total() {
        return states.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** True when every job succeeded or was skipped and no post-processing failed. */
    public synchronized boolean allSucceeded() {
        return postprocFailures == 0
                && unrecorded == 0
                && states.keySet().stream().allMatch(JobStatus.OK::contains);
    }

    /** The final summary line, e.g. "Job states: finished=7 not_converged=1 (1 post-processing failure)". */
    public synchronized String line() {
        String counts = states.isEmpty()
                ? "none run"
                : states.entrySet().stream()
                        .map(e -> e.getKey().dbName() + "=" + e.getValue())
                        .collect(Collectors.joining(" "));
        String post = postprocFailures == 0
                ? ""
                : " (" + postprocFailures + " post-processing failure" + (postprocFailures == 1 ? "" : "s") + ")";
        String lost = unrecorded == 0 ? "" : " (" + unrecorded + " result(s) not recorded)";
        return "Job states: " + counts + post + lost;
    }
}

package pdrrun.report;

import java.io.PrintWriter;
import java.util.Map;
import java.util.stream.Collectors;

/** Prints status for a terminal: one block per grid, alerts first. */
public final class StatusText {
    private StatusText() {}

    /** Prints one grid's status. */
    public static void print(GridStatus s, PrintWriter out) {
        out.printf("model %s: %d grid points", s.model(), s.totalPoints());
        for (Map.Entry<StateClass, Long> e : s.classes().entrySet()) {
            out.printf(", %s %d", e.getKey().label(), e.getValue());
        }
        out.println();
        for (GridStatus.Alert a : s.alerts()) {
            out.printf("  ALERT %s: %s%n", a.kind(), a.message());
        }
        out.println("  states: "
                + s.states().entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining(" ")));
        out.printf("  reruns: %d point(s) with more than one row or attempt%n", s.rerunPoints());
        out.printf(
                "  model hours: %.2f (sum of model wall times); core hours: %.2f (x %d core(s) per model)%n",
                s.modelHours(), s.coreHours(), s.coresPerModel());
        if (s.postprocErrors() > 0) {
            out.printf("  post-processing errors: %d point(s)%n", s.postprocErrors());
        }
        if (s.eta() == null) {
            out.println("  ETA: unknown (no finished run yet)");
        } else {
            GridStatus.Eta e = s.eta();
            out.printf(
                    "  ETA for %d pending with %d worker(s)%s: p10 %s, p50 %s, p90 %s (from %d finished run times)%n",
                    e.pending(),
                    e.workers(),
                    switch (e.workersFrom()) {
                        case "running" -> " (one per running job; --workers N to plan)";
                        case "default" -> " (nothing runs; --workers N to plan)";
                        default -> "";
                    },
                    duration(e.p10Seconds()),
                    duration(e.p50Seconds()),
                    duration(e.p90Seconds()),
                    e.samples());
        }
        out.printf("  running: %d%n", s.running().size());
        for (GridStatus.Running r : s.running()) {
            out.print(running(r));
        }
        for (GridStatus.ClusterJob c : s.clusterJobs()) {
            out.printf(
                    "  cluster job %s: %d attempt(s) from %d array task(s), %d running%n",
                    c.jobId(), c.attempts(), c.arrayTasks(), c.running());
        }
        if (!s.events().isEmpty()) {
            out.println("  recent events (newest first):");
            for (GridStatus.Event e : s.events()) {
                out.printf(
                        "    %s %s %s%s%n",
                        SqlText.format(e.time()),
                        e.jobName(),
                        e.kind(),
                        e.message() == null || e.message().isBlank() ? "" : ": " + e.message());
            }
        }
    }

    private static String running(GridStatus.Running r) {
        StringBuilder line = new StringBuilder("    ")
                .append(r.jobName())
                .append(" (job ")
                .append(r.id())
                .append(')');
        line.append(" on ").append(r.host() == null ? "unknown host" : r.host());
        if (r.owner() != null) {
            line.append(" [").append(r.owner()).append(']');
        }
        if (r.clusterJob() != null) {
            line.append(", cluster job ").append(r.clusterJob());
            if (r.arrayTask() != null) {
                line.append('_').append(r.arrayTask());
            }
        }
        if (r.elapsedSeconds() != null) {
            line.append(", ").append(duration(r.elapsedSeconds()));
            if (r.capSeconds() != null && r.capSeconds() > 0) {
                line.append(String.format(
                        " of %s cap (%.0f %%)", duration(r.capSeconds()), 100.0 * r.elapsedSeconds() / r.capSeconds()));
            }
        }
        if (r.progress() != null) {
            var p = r.progress();
            line.append(", shell ").append(p.shell()).append(" iteration ").append(p.iteration());
            if (p.av() != null) {
                line.append(String.format(" AV %.3g", p.av()));
            }
            if (p.tgas() != null) {
                line.append(String.format(" T(gas) %.3g K", p.tgas()));
            }
        } else {
            line.append(", no live progress (run directory not reachable)");
        }
        return line.append(System.lineSeparator()).toString();
    }

    /** "3 d 04:05:06", "04:05:06" or "12.3 s". */
    public static String duration(double seconds) {
        if (seconds < 60) {
            return String.format("%.1f s", seconds);
        }
        long s = Math.round(seconds);
        long days = s / 86400;
        String hms = String.format("%02d:%02d:%02d", (s % 86400) / 3600, (s % 3600) / 60, s % 60);
        return days > 0 ? days + " d " + hms : hms;
    }
}

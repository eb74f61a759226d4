package pdrrun.report;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The urgent part of status: stale running jobs, lost jobs, mixed templates or binaries in one
 * grid and a storage disk running full.
 */
final class StatusAlerts {
    /** Without a wall-time cap a running job is stale after this long without a sign of life. */
    static final Duration STALE_WITHOUT_CAP = Duration.ofHours(6);

    private final StatusQuery.Options options;
    private final LocalDateTime now;

    StatusAlerts(StatusQuery.Options options, LocalDateTime now) {
        this.options = options;
        this.now = now;
    }

    List<GridStatus.Alert> of(StateCounts counts, List<GridStatus.Running> running) {
        List<GridStatus.Alert> alerts = new ArrayList<>();
        Duration staleAfter = options.capSeconds() == null
                ? STALE_WITHOUT_CAP
                : Duration.ofMillis((long) (2000 * options.capSeconds()));
        List<String> stale = new ArrayList<>();
        for (GridStatus.Running r : running) {
            LocalDateTime life = latest(r.started(), r.heartbeat());
            if (life != null && life.plus(staleAfter).isBefore(now)) {
                stale.add(
                        r.jobName() + " (job " + r.id() + " on " + r.host() + ", since " + SqlText.format(life) + ")");
            }
        }
        if (!stale.isEmpty()) {
            alerts.add(new GridStatus.Alert(
                    "stale_running",
                    stale.size() + " running job(s) without a sign of life for over " + staleAfter.toMinutes()
                            + " min; run with --reset-stale-jobs: " + first(stale)));
        }
        long lost = counts.states.getOrDefault("lost", 0L);
        if (lost > 0) {
            alerts.add(new GridStatus.Alert("lost", lost + " job(s) lost with their worker too often to retry"));
        }
        if (counts.templates.size() > 1) {
            alerts.add(new GridStatus.Alert(
                    "mixed_templates",
                    counts.templates.size() + " template checksums in one grid: " + listed(counts.templates)));
        }
        if (counts.binaries.size() > 1) {
            alerts.add(new GridStatus.Alert(
                    "mixed_binaries",
                    counts.binaries.size() + " pdrexe checksums in one grid: " + listed(counts.binaries)));
        }
        if (options.storageFolder() != null) {
            DiskSpace.lowSpace(options.storageFolder())
                    .ifPresent(text -> alerts.add(new GridStatus.Alert("low_disk", text)));
        }
        return alerts;
    }

    private static String first(List<String> items) {
        String shown = String.join(", ", items.subList(0, Math.min(5, items.size())));
        return items.size() > 5 ? shown + ", ..." : shown;
    }

    private static String listed(Map<String, Long> counts) {
        List<String> items = new ArrayList<>();
        counts.forEach((sha, n) -> items.add(abbreviated(sha) + " (" + n + " jobs)"));
        return String.join(", ", items);
    }

    private static LocalDateTime latest(LocalDateTime a, LocalDateTime b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return a.isAfter(b) ? a : b;
    }

    private static String abbreviated(String sha) {
        return sha != null && sha.length() > 12 ? sha.substring(0, 12) : sha;
    }
}

package pdrrun.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pdrrun.catalog.AttemptInfo;
import pdrrun.catalog.Catalog;
import pdrrun.catalog.ClaimedJob;
import pdrrun.catalog.DatabaseSettings;
import pdrrun.catalog.JobRepository;
import pdrrun.catalog.Leases;
import pdrrun.config.ConfigLoader;
import pdrrun.testing.Workspace;
import pdrrun.testing.Workspace.Result;

/**
 * Jobs of a worker that died (claimed on a SLURM node, leases never renewed) are recovered and, at
 * the attempt limit, lost: status shows the recovered and lost events and the lost alert, jobs
 * show the dead worker's attempts.
 */
class StatusEventsTest {
    private static final Duration HOUR = Duration.ofHours(1);

    @TempDir
    Path dir;

    @Test
    void recoveredAndLostJobsOfADeadWorkerShowInEventsAlertsAndAttempts() throws Exception {
        Workspace w = Workspace.in(dir);
        Result submit = Workspace.run(
                "submit",
                "--config",
                w.config.toString(),
                "--model-name",
                "m",
                "--metal",
                "100",
                "--dens",
                "30",
                "31",
                "--mass",
                "-10",
                "--chi",
                "10");
        assertThat(submit.exitCode()).as(submit.err()).isZero();
        AttemptInfo deadNode = new AttemptInfo("node17", 4711, "99", "3");
        try (Catalog catalog = Catalog.open(DatabaseSettings.from(ConfigLoader.load(w.config, Map.of()), 2))) {
            JobRepository jobs = new JobRepository(catalog, Clock.systemUTC());
            Leases later = new Leases(catalog, Clock.offset(Clock.systemUTC(), HOUR));
            ClaimedJob a = jobs.claimNext(List.of(), "node17:4711:dead/0", Duration.ofSeconds(1), deadNode)
                    .orElseThrow();
            assertThat(later.recoverExpired(2)).containsExactly(a.id()); // attempt 1 of 2: pending again
            ClaimedJob again = jobs.claimNext(List.of(), "node17:4711:dead/0", Duration.ofSeconds(1), deadNode)
                    .orElseThrow();
            ClaimedJob b = jobs.claimNext(List.of(), "node17:4711:dead/1", Duration.ofSeconds(1), deadNode)
                    .orElseThrow();
            assertThat(again.id()).isEqualTo(a.id());
            assertThat(later.recoverExpired(2)).containsExactlyInAnyOrder(a.id(), b.id());
        }

        JsonNode m = new ObjectMapper()
                .readTree(Workspace.run("status", "--json", "--config", w.config.toString())
                        .out())
                .get("models")
                .get(0);
        assertThat(m.get("states").toString()).isEqualTo("{\"lost\":1,\"pending\":1}");
        List<String> events = new ArrayList<>();
        m.get("events")
                .forEach(e -> events.add(
                        e.get("kind").asText() + " " + e.get("job_name").asText()));
        assertThat(events)
                .containsExactlyInAnyOrder(
                        "started 100_30_-10_10_00",
                        "recovered 100_30_-10_10_00",
                        "started 100_30_-10_10_00",
                        "lost 100_30_-10_10_00",
                        "started 100_31_-10_10_00",
                        "recovered 100_31_-10_10_00");
        assertThat(m.get("alerts").toString()).contains("\"kind\":\"lost\"", "1 job(s) lost");
        assertThat(m.get("cluster_jobs").toString())
                .isEqualTo("[{\"job_id\":\"99\",\"attempts\":3,\"array_tasks\":1,\"running\":0}]");
        Result text = Workspace.run("status", "--config", w.config.toString());
        assertThat(text.out()).contains("100_30_-10_10_00 lost: lease of node17:4711:dead/0 expired");
        Result show = Workspace.run("jobs", "show", "100_30_-10_10_00", "--config", w.config.toString());
        assertThat(show.out())
                .contains("attempt 1 of row ", "attempt 2 of row ")
                .contains("node17:4711:dead/0 on node17 (pid 4711, cluster job 99_3)")
                .contains(", lost: lease of node17:4711:dead/0 expired (no heartbeat)");
    }
}

package pdrrun.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pdrrun.catalog.Catalog;
import pdrrun.catalog.ClaimedJob;
import pdrrun.catalog.DatabaseSettings;
import pdrrun.catalog.GridRegistrar;
import pdrrun.catalog.JobRepository;
import pdrrun.catalog.JobResult;
import pdrrun.catalog.Leases;
import pdrrun.config.ConfigLoader;
import pdrrun.job.JobStatus;
import pdrrun.run.GridSubmission;
import pdrrun.testing.Workspace;

/**
 * A job recovered while its worker still ran it is "no longer this run's to set" whether recovery
 * made it pending or lost. The pending case is dropped (LeaseLostException); the lost case is an
 * illegal transition, the error fallback is refused too, and the recorder answers NOTHING, on
 * which the Worker's slot thread returns for good.
 */
class RecoveredToLostTest {
    @TempDir
    Path dir;

    @Test
    void aResultForAJobRecoveredAsLostIsDroppedNotAReasonForTheSlotToStop() {
        Workspace w = Workspace.in(dir);
        var config = ConfigLoader.load(w.config, Map.of())
                .with("pdr", "model_name", "c", "t")
                .with("model_parameters", "metal", List.of("100"), "t")
                .with("model_parameters", "mass", List.of("-10"), "t")
                .with("model_parameters", "dens", List.of("30"), "t")
                .with("model_parameters", "chi", List.of("10"), "t");
        try (Catalog catalog = Catalog.open(DatabaseSettings.from(ConfigLoader.load(w.config, Map.of()), 4))) {
            long model = new GridRegistrar(catalog, Clock.systemUTC())
                    .register(GridSubmission.prepare(config))
                    .modelId();
            ClaimedJob job = new JobRepository(catalog, Clock.systemUTC())
                    .claimNext(model, "slow-worker")
                    .orElseThrow();
            // The slow worker's heartbeats did not reach the catalog for longer than its lease
            // (a database outage); on its last attempt the job is recovered as lost.
            Clock later = Clock.offset(Clock.systemUTC(), Duration.ofHours(1));
            assertThat(new Leases(catalog, later).recoverExpired(1)).containsExactly(job.id());
            assertThat(w.queryString("SELECT status FROM pdr_model_jobs WHERE id = " + job.id()))
                    .isEqualTo("lost");

            JobResult finished = JobResult.withoutFiles(JobStatus.FINISHED, job.started(), job.started(), 1.0, 0, null);
            JobRecorder.Recorded recorded = new JobRecorder(catalog, new Leases(catalog, Clock.systemUTC()))
                    .record(job, "slow-worker", finished, null, new RunSummary());

            assertThat(recorded).isEqualTo(JobRecorder.Recorded.DROPPED);
        }
    }
}

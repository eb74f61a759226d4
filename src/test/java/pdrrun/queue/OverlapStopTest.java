package pdrrun.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pdrrun.catalog.Catalog;
import pdrrun.catalog.DatabaseSettings;
import pdrrun.catalog.GridRegistrar;
import pdrrun.config.Config;
import pdrrun.config.ConfigLoader;
import pdrrun.run.GridSubmission;
import pdrrun.run.JobListener;
import pdrrun.run.KosmaTauPipeline;
import pdrrun.run.RunSettings;
import pdrrun.storage.StorageRetry;
import pdrrun.storage.Storages;
import pdrrun.testing.Workspace;

/**
 * An immediate stop while a slot waits for its previous job to be finished: that job and the one
 * whose model just ended are both released, neither is finished at leisure (an executor clears a
 * thread's interrupt between two tasks, so the second job's remainder ran to its end).
 */
class OverlapStopTest {
    @TempDir
    Path dir;

    @Test
    void anImmediateStopReleasesTheJobHandedOverAfterIt() throws Exception {
        Workspace w = Workspace.in(dir);
        w.writeConfig(
                "  postprocessing:\n"
                        + "    - name: SLOW\n"
                        + "      command: [sleep, \"8\"]\n"
                        + "      timeout_s: 30\n",
                "model_parameters:\n  metal: [100]\n  dens: [30]\n  mass: [-10]\n  chi: [10, 20]\n"
                        + "  species: [CO]\n");
        Config config = ConfigLoader.load(w.config, Map.of()).with("pdr", "model_name", "s", "t");
        try (Catalog catalog = Catalog.open(DatabaseSettings.from(config, 1));
                var storage = Storages.open("local", w.storage)) {
            long model = new GridRegistrar(catalog, Clock.systemUTC())
                    .register(GridSubmission.prepare(config))
                    .modelId();
            KosmaTauPipeline pipeline = new KosmaTauPipeline(
                    RunSettings.from(config, false, false, Optional.empty(), Optional.empty()),
                    storage,
                    StorageRetry.withDefaults(),
                    Clock.systemUTC(),
                    new JobListener() {},
                    new pdrrun.spool.Spool(dir.resolve("spool"), "localhost", Clock.systemUTC()));
            Worker worker = new Worker(
                    catalog,
                    pipeline,
                    Clock.systemUTC(),
                    new QueuePolicy(
                            Duration.ofSeconds(60), 4, 3, QueuePolicy.DEFAULT_RETRYABLE, Duration.ZERO, Duration.ZERO),
                    new WorkerOptions(List.of(model), 1, 0, Duration.ZERO, true, 0),
                    (job, result, done) -> {});
            CompletableFuture<RunSummary> run = CompletableFuture.supplyAsync(worker::run);
            // Job 1's post-processing sleeps; job 2's model starts meanwhile and soon ends, and
            // the slot then waits for job 1.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (w.queryLong("SELECT COUNT(*) FROM job_attempts WHERE job_id = 2") == 0) {
                assertThat(System.nanoTime()).isLessThan(deadline);
                Thread.sleep(20);
            }
            Thread.sleep(1500);
            long stopped = System.nanoTime();

            worker.stop(true);

            run.get(20, TimeUnit.SECONDS);
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopped))
                    .as("the stop waits for no post-processing")
                    .isLessThan(5000);
            assertThat(w.queryLong("SELECT COUNT(*) FROM pdr_model_jobs WHERE status = 'pending'"))
                    .as("both jobs released")
                    .isEqualTo(2);
            assertThat(w.queryLong("SELECT COUNT(*) FROM pdr_model_jobs WHERE lease_owner IS NOT NULL"))
                    .isZero();
        }
    }
}

package pdrrun.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import pdrrun.config.Config;
import pdrrun.config.ConfigLoader;
import pdrrun.queue.QueuePolicy;
import pdrrun.queue.RunSummary;
import pdrrun.queue.Worker;
import pdrrun.queue.WorkerOptions;
import pdrrun.run.GridSubmission;
import pdrrun.run.JobListener;
import pdrrun.run.KosmaTauPipeline;
import pdrrun.run.RunSettings;
import pdrrun.storage.StorageRetry;
import pdrrun.storage.Storages;
import pdrrun.testing.ServerDatabases;
import pdrrun.testing.Workspace;

/** No connection is held while a model runs; a failed commit is rolled back and logged with its job. */
class PoolUsageTest {
    @TempDir
    Path dir;

    @Test
    void noConnectionIsHeldWhileAModelSleeps() throws Exception {
        try (ServerDatabases.Scratch scratch = ServerDatabases.mariadb()) {
            Workspace w = Workspace.in(dir).withDatabase(scratch.settings());
            w.writeConfig(
                    "  environment:\n    PDRDEMO_MODES: \"*=sleep:1.5\"\n",
                    "model_parameters:\n  metal: [100]\n"
                            + "  dens: [30]\n  mass: [-10]\n  chi: [10, 20]\n  species: [CO]\n");
            Config config = ConfigLoader.load(w.config, Map.of()).with("pdr", "model_name", "p", "t");
            try (Catalog catalog = Catalog.open(DatabaseSettings.from(config, 2));
                    var storage = Storages.open("local", w.storage)) {
                long model = new GridRegistrar(catalog, Clock.systemUTC())
                        .register(GridSubmission.prepare(config))
                        .modelId();
                RunSettings settings = RunSettings.from(config, false, false, Optional.empty(), Optional.empty());
                KosmaTauPipeline pipeline = new KosmaTauPipeline(
                        settings,
                        storage,
                        StorageRetry.withDefaults(),
                        Clock.systemUTC(),
                        new JobListener() {},
                        new pdrrun.spool.Spool(dir.resolve("spool"), "localhost", Clock.systemUTC()));
                CompletableFuture<RunSummary> run = CompletableFuture.supplyAsync(() -> new Worker(
                                catalog,
                                pipeline,
                                Clock.systemUTC(),
                                new QueuePolicy(
                                        java.time.Duration.ofSeconds(60),
                                        4,
                                        3,
                                        QueuePolicy.DEFAULT_RETRYABLE,
                                        java.time.Duration.ZERO,
                                        java.time.Duration.ofSeconds(1)),
                                new WorkerOptions(java.util.List.of(model), 2, 0, java.time.Duration.ZERO, true, 0),
                                (job, result, done) -> {})
                        .run());
                // A heartbeat every 60 s: a heartbeat's own short transaction cannot fall in the window.
                Thread.sleep(700);
                int maxActive = 0;
                long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(600);
                while (System.nanoTime() < until) {
                    maxActive = Math.max(
                            maxActive,
                            catalog.dataSource().getHikariPoolMXBean().getActiveConnections());
                    Thread.sleep(10);
                }
                assertThat(w.queryLong("SELECT COUNT(*) FROM pdr_model_jobs WHERE status = 'running'"))
                        .isEqualTo(2);
                assertThat(maxActive)
                        .as("connections borrowed while both models sleep")
                        .isZero();
                assertThat(run.get(60, TimeUnit.SECONDS).line()).isEqualTo("Job states: finished=2");
            }
        }
    }

    @Test
    void failedCommitIsRolledBackAndLoggedWithTheJob() {
        Logger logger = (Logger) LoggerFactory.getLogger(Transactions.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try (Catalog catalog = Catalog.open(DatabaseSettings.sqlite(dir.resolve("c.db")))) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> catalog.transactions()
                            .inTransaction("record finished of job 42", c -> {
                                try (Statement s = c.createStatement()) {
                                    s.executeUpdate("INSERT INTO users (username, email) VALUES ('u', 'e')");
                                }
                                throw new SQLException("disk I/O error during commit", "58030");
                            }))
                    .hasMessageContaining("job 42");
            long users = catalog.transactions().inTransaction("count", c -> {
                try (Statement s = c.createStatement();
                        var rs = s.executeQuery("SELECT COUNT(*) FROM users")) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
            assertThat(users).isZero();
            assertThat(appender.list)
                    .anySatisfy(e -> assertThat(e.getFormattedMessage())
                            .contains("job 42")
                            .contains("failed"));
        } finally {
            logger.detachAppender(appender);
        }
    }
}

package pdrrun.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pdrrun.config.ConfigLoader;
import pdrrun.job.JobStatus;
import pdrrun.run.GridSubmission;
import pdrrun.testing.Workspace;
import pdrrun.testing.Workspace.Result;

/** What every catalog back end must do; subclassed per back end. */
abstract class CatalogContract {
    @TempDir
    Path dir;

    /** The catalog of this back end, empty. */
    abstract Workspace workspace(Path dir);

    Workspace w() {
        return workspace(dir);
    }

    static RegistrationRequest request(Workspace w, String... dens) {
        var config = ConfigLoader.load(w.config, Map.of())
                .with("pdr", "model_name", "c", "t")
                .with("model_parameters", "metal", List.of("100"), "t")
                .with("model_parameters", "mass", List.of("-10", "0"), "t")
                .with("model_parameters", "dens", List.of(dens), "t")
                .with("model_parameters", "chi", List.of("10", "20", "30"), "t");
        return GridSubmission.prepare(config);
    }

    /** Registers the grid of {@code request}; its model id. */
    static long registered(Catalog catalog, RegistrationRequest request) {
        return new GridRegistrar(catalog, Clock.systemUTC()).register(request).modelId();
    }

    static DatabaseSettings settings(Workspace w) {
        return DatabaseSettings.from(ConfigLoader.load(w.config, Map.of()), 4);
    }

    @Test
    void submittingTwiceCreatesNoDuplicateRows() {
        Workspace w = w();
        String[] args = {
            "submit",
            "--config",
            w.config.toString(),
            "--model-name",
            "t",
            "--metal",
            "100",
            "--mass",
            "-10",
            "--dens",
            "30",
            "40",
            "--chi",
            "10",
            "20",
            "30"
        };
        Result first = Workspace.run(args);
        assertThat(first.out()).as(first.err()).contains("6 new jobs, 0 already registered");
        assertThat(Workspace.run(args).out()).contains("0 new jobs, 6 already registered");
        assertThat(w.count("pdr_model_jobs")).isEqualTo(6);
        assertThat(w.count("kosmatau_parameters")).isEqualTo(6);
        assertThat(w.count("model_names")).isEqualTo(1);
    }

    @Test
    void concurrentRegistrationsCreateEachRowOnce() throws Exception {
        Workspace w = w();
        List<String> dens = new ArrayList<>();
        for (int d = 0; d < 100; d++) {
            dens.add(Integer.toString(d));
        }
        RegistrationRequest request = request(w, dens.toArray(String[]::new));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<RegistrationResult>> results = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            results.add(pool.submit(() -> {
                try (Catalog catalog = Catalog.open(settings(w))) {
                    return new GridRegistrar(catalog, Clock.systemUTC()).register(request);
                }
            }));
        }
        int created = 0;
        for (Future<RegistrationResult> f : results) {
            created += f.get().newJobs();
        }
        pool.shutdown();
        assertThat(created).isEqualTo(600);
        assertThat(w.count("pdr_model_jobs")).isEqualTo(600);
        assertThat(w.count("kosmatau_parameters")).isEqualTo(600);
        assertThat(w.count("users")).isEqualTo(1);
        assertThat(w.count("kosmatau_executables")).isEqualTo(4);
        assertThat(w.count("chemical_databases")).isEqualTo(1);
    }

    @Test
    void parallelClaimersTakeEveryJobExactlyOnce() throws Exception {
        Workspace w = w();
        RegistrationRequest request = request(w, "10", "20", "30", "40", "50");
        try (Catalog catalog = Catalog.open(settings(w))) {
            long model = registered(catalog, request);
            List<Long> claimed = claimAndRecordAll(catalog, model, 4);
            assertThat(claimed).hasSize(30);
            assertThat(new HashSet<>(claimed)).hasSize(30);
            assertThat(w.queryLong("SELECT COUNT(*) FROM pdr_model_jobs WHERE status = 'finished' AND attempts = 1"))
                    .isEqualTo(30);
        }
    }

    @Test
    void claimsAndRecordsOfParallelWorkersNeverDeadlock() throws Exception {
        // Under MariaDB's default REPEATABLE READ, a claim's locking read of the (status, id) index
        // took next-key locks that a concurrent record's update of that index waited on while the
        // claim waited on the record's: a deadlock, a rollback and a 50-100 ms pause about once
        // in 40 jobs with 4 workers.
        Workspace w = w();
        String[] dens = new String[50];
        for (int i = 0; i < dens.length; i++) {
            dens[i] = Integer.toString(10 + i);
        }
        RegistrationRequest request = request(w, dens);
        try (Catalog catalog = Catalog.open(settings(w))) {
            long model = registered(catalog, request);
            assertThat(claimAndRecordAll(catalog, model, 4)).hasSize(300);
            assertThat(catalog.transactions().metrics().retries()).isZero();
            assertThat(catalog.transactions().metrics().rollbacks()).isZero();
        }
    }

    @Test
    void anOwnersUnansweredClaimIsItsNextClaimAndAStaleJobComesBeforePendingOnes() {
        Workspace w = w();
        RegistrationRequest request = request(w, "10", "20");
        try (Catalog catalog = Catalog.open(settings(w))) {
            long model = registered(catalog, request);
            JobRepository jobs = new JobRepository(catalog, Clock.systemUTC());
            long last = w.queryLong("SELECT MAX(id) FROM pdr_model_jobs");
            catalog.transactions().inTransaction("reset the last job", c -> {
                try (java.sql.Statement st = c.createStatement()) {
                    st.executeUpdate("UPDATE pdr_model_jobs SET status = 'reset_stale' WHERE id = " + last);
                }
                return null;
            });
            AttemptInfo here = AttemptInfo.current(Map.of());
            java.time.Duration lease = java.time.Duration.ofMinutes(1);
            ClaimedJob first = jobs.claimNext(List.of(model), "a", lease, here).orElseThrow();
            assertThat(first.id())
                    .as("reset from a stale run: claimed before pending jobs")
                    .isEqualTo(last);
            // The answer of a committed claim lost: the owner's next claim returns the same job,
            // not counted or opened twice.
            ClaimedJob again = jobs.claimNext(List.of(model), "a", lease, here).orElseThrow();
            assertThat(again.id()).isEqualTo(last);
            assertThat(again.attempt()).isEqualTo(1);
            assertThat(w.queryLong("SELECT COUNT(*) FROM job_attempts WHERE job_id = " + last))
                    .isEqualTo(1);
            // While it stores that job's outputs, the owner claims the oldest pending one.
            long oldest = w.queryLong("SELECT MIN(id) FROM pdr_model_jobs");
            assertThat(jobs.claimNext(List.of(model), "a", lease, here, last)
                            .orElseThrow()
                            .id())
                    .isEqualTo(oldest);
            assertThat(jobs.claimNext(List.of(model), "b", lease, here)
                            .orElseThrow()
                            .id())
                    .isEqualTo(oldest + 1);
            // While it stores one job's outputs and post-processes another, the owner claims a
            // third, neither of those two; with only one of them named, the other is its orphan.
            assertThat(jobs.claimNext(List.of(model), "a", lease, here, last, oldest)
                            .orElseThrow()
                            .id())
                    .isEqualTo(oldest + 2);
            assertThat(jobs.claimNext(List.of(model), "a", lease, here, last, oldest + 2)
                            .orElseThrow()
                            .id())
                    .as("an orphan")
                    .isEqualTo(oldest);
        }
    }

    /** {@code threads} owners claim and record jobs of the model until none is left; the ids taken. */
    private static List<Long> claimAndRecordAll(Catalog catalog, long model, int threads) throws Exception {
        JobRepository jobs = new JobRepository(catalog, Clock.systemUTC());
        List<Long> claimed = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            String owner = "worker-" + i;
            futures.add(pool.submit(() -> {
                for (Optional<ClaimedJob> job = jobs.claimNext(model, owner);
                        job.isPresent();
                        job = jobs.claimNext(model, owner)) {
                    claimed.add(job.get().id());
                    // An owner holds one job at a time: record it before claiming the next.
                    new JobResultWriter(catalog)
                            .finish(
                                    job.get().id(),
                                    owner,
                                    JobResult.withoutFiles(
                                            JobStatus.FINISHED,
                                            job.get().started(),
                                            job.get().started(),
                                            0.1,
                                            0,
                                            null));
                }
                return null;
            }));
        }
        try {
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        return claimed;
    }

    @Test
    void terminalStateIsNeverOverwrittenAndARepeatedRecordIsHarmless() {
        Workspace w = w();
        RegistrationRequest request = request(w, "10");
        try (Catalog catalog = Catalog.open(settings(w))) {
            long model = registered(catalog, request);
            ClaimedJob job = new JobRepository(catalog, Clock.systemUTC())
                    .claimNext(model, "me")
                    .orElseThrow();
            JobResultWriter writer = new JobResultWriter(catalog);
            JobResult done = JobResult.withoutFiles(JobStatus.FINISHED, job.started(), job.started(), 1.5, 0, null);
            writer.finish(job.id(), "me", done);
            writer.finish(job.id(), "me", done);
            JobResult error = JobResult.withoutFiles(JobStatus.ERROR, job.started(), job.started(), null, null, "late");
            // A recorded job is no longer running under "me": a later result of it is lost, not recorded.
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> writer.finish(job.id(), "me", error))
                    .hasRootCauseInstanceOf(LeaseLostException.class);
            assertThat(w.queryString("SELECT status FROM pdr_model_jobs WHERE id = " + job.id()))
                    .isEqualTo("finished");
        }
    }

    private static JobResult result(ClaimedJob job, JobStatus status, String error) {
        return JobResult.withoutFiles(status, job.started(), job.started(), 1.0, 0, error);
    }

    @Test
    void aRunWhoseJobWasReleasedOrClaimedByAnotherRecordsNothing() {
        Workspace w = w();
        RegistrationRequest request = request(w, "10");
        try (Catalog catalog = Catalog.open(settings(w))) {
            long model = registered(catalog, request);
            JobRepository jobs = new JobRepository(catalog, Clock.systemUTC());
            ClaimedJob job = jobs.claimNext(model, "me").orElseThrow();
            new Leases(catalog, Clock.systemUTC()).release(job.id(), "me", "cluster job cancelled");
            JobResultWriter writer = new JobResultWriter(catalog);

            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> writer.finish(job.id(), "me", result(job, JobStatus.ERROR, "killed")))
                    .hasRootCauseInstanceOf(LeaseLostException.class);
            assertThat(w.queryString("SELECT status FROM pdr_model_jobs WHERE id = " + job.id()))
                    .isEqualTo("pending");

            assertThat(jobs.claimNext(model, "other").orElseThrow().id()).isEqualTo(job.id());
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> writer.finish(job.id(), "me", result(job, JobStatus.FINISHED, null)))
                    .hasRootCauseInstanceOf(LeaseLostException.class);
            assertThat(w.queryString("SELECT lease_owner FROM pdr_model_jobs WHERE id = " + job.id() + " AND status"
                            + " = 'running'"))
                    .isEqualTo("other");
        }
    }

    @Test
    void aRunWhoseJobWasRecoveredAsLostOrRecordedByAnotherRecordsNothing() {
        Workspace w = w();
        RegistrationRequest request = request(w, "10");
        try (Catalog catalog = Catalog.open(settings(w))) {
            long model = registered(catalog, request);
            JobRepository jobs = new JobRepository(catalog, Clock.systemUTC());
            JobResultWriter writer = new JobResultWriter(catalog);
            Leases later = new Leases(catalog, Clock.offset(Clock.systemUTC(), java.time.Duration.ofHours(1)));
            ClaimedJob job = jobs.claimNext(model, "me").orElseThrow();

            assertThat(later.recoverExpired(1)).containsExactly(job.id());
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> writer.finish(job.id(), "me", result(job, JobStatus.FINISHED, null)))
                    .hasRootCauseInstanceOf(LeaseLostException.class);
            assertThat(w.queryString("SELECT status FROM pdr_model_jobs WHERE id = " + job.id()))
                    .isEqualTo("lost");

            ClaimedJob again = jobs.claim(
                            job.id(),
                            Set.of(JobStatus.LOST),
                            "other",
                            java.time.Duration.ofMinutes(2),
                            AttemptInfo.current(Map.of()))
                    .orElseThrow();
            writer.finish(again.id(), "other", result(again, JobStatus.ABORTED, "exit 7"));
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> writer.finish(job.id(), "me", result(job, JobStatus.FINISHED, null)))
                    .hasRootCauseInstanceOf(LeaseLostException.class);
            assertThat(w.queryString("SELECT status FROM pdr_model_jobs WHERE id = " + job.id()))
                    .isEqualTo("aborted");
            // "other" recording its own result again changes nothing
            writer.finish(again.id(), "other", result(again, JobStatus.ABORTED, "exit 7"));
            assertThat(w.queryLong("SELECT COUNT(*) FROM job_events WHERE kind = 'aborted'"))
                    .isEqualTo(1);
        }
    }

    @Test
    void gridRunRecordsTheSameOutcomesOnEveryBackEnd() {
        Workspace w = w();
        w.writeConfig("  environment:\n    PDRDEMO_MODES: \"*_40_*=not_converged,*_20_00=aborted\"\n", "");
        Result r = Workspace.run(
                "run",
                "--config",
                w.config.toString(),
                "--model-name",
                "x",
                "--metal",
                "100",
                "--mass",
                "-10",
                "--dens",
                "30",
                "40",
                "--chi",
                "10",
                "20",
                "--species",
                "CO",
                "--parallel",
                "--workers",
                "2");
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(w.queryString("SELECT status FROM pdr_model_jobs WHERE model_job_name = '100_30_-10_10_00'"))
                .isEqualTo("finished");
        assertThat(w.queryString("SELECT status FROM pdr_model_jobs WHERE model_job_name = '100_40_-10_10_00'"))
                .isEqualTo("not_converged");
        assertThat(w.queryString("SELECT status FROM pdr_model_jobs WHERE model_job_name = '100_30_-10_20_00'"))
                .isEqualTo("aborted");
        assertThat(w.queryString("SELECT rtot FROM kosmatau_parameters p JOIN pdr_model_jobs j ON "
                        + "j.kosmatau_parameters_id = p.id WHERE j.model_job_name = '100_30_-10_10_00'"))
                .startsWith("2.45779324833959");
        assertThat(w.count("hdf_files")).isEqualTo(3);
        Set<String> states = new HashSet<>();
        assertThat(w.queryLong("SELECT COUNT(*) FROM pdr_model_jobs WHERE active = TRUE OR pending = TRUE"))
                .isZero();
        assertThat(states).isEmpty();
    }
}

package pdrrun.spool;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pdrrun.catalog.AttemptInfo;
import pdrrun.storage.Checksums;
import pdrrun.storage.SftpTestServer;
import pdrrun.testing.Workspace;
import pdrrun.testing.Workspace.Result;

/**
 * Storage failures of whole runs against a real SFTP server (in process) and a real SQLite catalog:
 * the outputs go to the spool, and upload-pending, a later run or a retry stores them without
 * running the model again (the wrapped demo pdrexe counts its runs).
 */
class SpoolFaultTest {
    private static final String JOB = "100_30_-10_10_00";

    @TempDir
    Path dir;

    private SftpTestServer server;
    private Workspace w;
    private Path counter;
    private String userHome;

    @BeforeEach
    void start() throws IOException {
        // accept-new records the test server's host key in ~/.ssh/known_hosts: keep it out of the real one
        // The launch helper is installed once per JVM, under the home of its first model start: not
        // under this test's home, removed after it, where every later test would look for it.
        new pdrrun.run.process.ModelProcess(java.time.Clock.systemUTC());
        userHome = System.getProperty("user.home");
        System.setProperty("user.home", dir.resolve("home").toString());
        server = SftpTestServer.start(dir.resolve("sftp-root"), dir.resolve("sftp-state"));
        w = Workspace.in(dir.resolve("ws"));
        counter = dir.resolve("model-runs");
        w.withStorage("  type: sftp\n  host: 127.0.0.1\n  port: " + server.port() + "\n  username: "
                + SftpTestServer.USER + "\n  password: " + SftpTestServer.PASSWORD + "\n  base_dir: /store\n"
                + "  timeout_s: 20\n");
    }

    @AfterEach
    void stop() throws IOException {
        System.setProperty("user.home", userHome);
        server.stop();
    }

    /**
     * Wraps the demo pdrexe: each model run (not --version) appends a line to the counter file, and
     * {@code padMegabytes} of random bytes are appended to pdrchem_c.hdf5 so that its upload lasts.
     */
    private void countModelRuns(int padMegabytes) throws IOException {
        Path exe = w.home.resolve("pdrexe");
        Path demo = w.home.resolve("pdrexe.demo");
        Files.move(exe, demo, StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(
                exe,
                "#!/usr/bin/env bash\n"
                        + "if [[ \"${1:-}\" == --version ]]; then exec '" + demo + "' \"$@\"; fi\n"
                        + "echo \"$PDR_JOB_NAME\" >> '" + counter + "'\n"
                        + "'" + demo + "' \"$@\" || exit $?\n"
                        + (padMegabytes > 0
                                ? "head -c " + padMegabytes + "M /dev/urandom >> pdroutput/pdrchem_c.hdf5\n"
                                : ""));
        exe.toFile().setExecutable(true, false);
    }

    private long modelRuns() throws IOException {
        return Files.exists(counter) ? Files.readAllLines(counter).size() : 0;
    }

    private Result run() {
        return w.runOnePoint();
    }

    private Result uploadPending() {
        return Workspace.run("upload-pending", "--config", w.config.toString());
    }

    private String job(String column) {
        return w.queryString("SELECT " + column + " FROM pdr_model_jobs WHERE model_job_name = '" + JOB + "'");
    }

    private Path stored(String name) {
        return server.root().resolve("store/m/pdrgrid").resolve(name);
    }

    private Path entry() {
        return w.spool.resolve("m").resolve(JOB);
    }

    /** Runs the grid while the server is stopped in the middle of uploading pdrchem (64 MB). */
    private Result runWithServerStoppedMidUpload() throws Exception {
        countModelRuns(64);
        w.withWorker("  retry_backoff_s: 0\n  heartbeat_s: 1\n  max_attempts: 1\n");
        Path folder = server.root().resolve("store/m/pdrgrid");
        CompletableFuture<Long> stopper = CompletableFuture.supplyAsync(() -> {
            try {
                long partBytes = 0;
                while ((partBytes = partBytes(folder)) < (4 << 20)) {
                    Thread.sleep(2);
                }
                server.stop();
                return partBytes;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Result r = run();
        assertThat(stopper.get(60, TimeUnit.SECONDS)).isLessThan(64L << 20);
        return r;
    }

    private static long partBytes(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().startsWith("pdrchem"))
                    .filter(p -> p.getFileName().toString().contains(".part"))
                    .mapToLong(p -> p.toFile().length())
                    .sum();
        }
    }

    private void restartServer() throws IOException {
        server = SftpTestServer.start(server.root(), dir.resolve("sftp-state"), null, server.port());
    }

    @Test
    void serverStoppedMidUploadSpoolsTheOutputsAndUploadPendingStoresThemWithTheModelRunOnce() throws Exception {
        Result r = runWithServerStoppedMidUpload();

        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out()).contains("Job states: failed_storage=1");
        assertThat(r.out() + r.err()).doesNotContain(SftpTestServer.PASSWORD);
        assertThat(job("status")).isEqualTo("failed_storage");
        String host = AttemptInfo.current(Map.of()).host();
        assertThat(job("error_message"))
                .contains("pdrchem" + JOB + ".hdf5", "the outputs wait in the spool on " + host + ":" + entry())
                .contains("upload-pending", "(model outcome: finished)")
                .doesNotContain(SftpTestServer.PASSWORD);
        assertThat(stored("pdrchem" + JOB + ".hdf5"))
                .as("nothing under the final name")
                .doesNotExist();
        assertThat(stored("pdrstruct" + JOB + ".hdf5")).doesNotExist();
        assertThat(stored("TEXTOUT" + JOB)).as("stored before the failure").exists();
        Path spooledChem = entry().resolve("files/m/pdrgrid/pdrchem" + JOB + ".hdf5");
        assertThat(entry().resolve(SpoolManifest.FILE)).exists();
        assertThat(Files.size(spooledChem)).isGreaterThan(64L << 20);
        assertThat(entry().resolve("files/m/pdrgrid/pdrstruct" + JOB + ".hdf5")).exists();
        assertThat(entry().resolve("files/m/pdrgrid/TEXTOUT" + JOB)).doesNotExist();
        assertThat(w.count("hdf_files")).isZero();
        String chemSha = Checksums.sha256(spooledChem);
        try (var scratch = Files.list(dir.resolve("ws/tmp"))) {
            assertThat(scratch)
                    .as("the run directory is removed: the spool has the outputs")
                    .isEmpty();
        }

        Result stillDown = uploadPending();
        assertThat(stillDown.exitCode()).isEqualTo(1);
        assertThat(stillDown.out()).contains("0 uploaded and recorded", "1 still pending (m/" + JOB + ")");
        assertThat(stillDown.err()).contains("still pending: m/" + JOB, "storage:");
        assertThat(job("status")).isEqualTo("failed_storage");
        assertThat(entry().resolve(SpoolManifest.FILE)).exists();

        restartServer();
        Result uploaded = uploadPending();

        assertThat(uploaded.exitCode()).as(uploaded.out() + uploaded.err()).isZero();
        assertThat(uploaded.out()).contains("1 uploaded and recorded, 0 already recorded, 0 still pending");
        assertThat(job("status")).isEqualTo("finished");
        assertThat(job("error_message")).isNull();
        assertThat(job("run_status_converged")).isEqualTo("strict");
        assertThat(Checksums.sha256(stored("pdrchem" + JOB + ".hdf5"))).isEqualTo(chemSha);
        assertThat(stored("pdrstruct" + JOB + ".hdf5")).exists();
        assertThat(stored("MCDRT" + JOB + ".tar.gz")).exists();
        assertThat(w.queryString("SELECT sha256_sum_hdf5_c FROM hdf_files")).isEqualTo(chemSha);
        assertThat(job("output_hdf5_file")).endsWith("/store/m/pdrgrid/pdrstruct" + JOB + ".hdf5");
        assertThat(w.queryLong("SELECT COUNT(*) FROM json_files")).isEqualTo(1);
        assertThat(entry()).doesNotExist();
        assertThat(modelRuns()).isEqualTo(1);

        Result again = uploadPending();
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).contains("nothing waits for upload");
        assertThat(w.count("pdr_model_jobs")).isEqualTo(1);
        assertThat(w.count("hdf_files")).isEqualTo(1);
    }

    @Test
    void uploadPendingAfterACrashBeforeTheEntryWasRemovedDuplicatesNothing() throws Exception {
        countModelRuns(0);
        server.refuseWrites();
        assertThat(run().exitCode()).isEqualTo(1);
        Path copy = dir.resolve("entry-copy");
        copyTree(entry(), copy);
        server.acceptWrites();
        assertThat(uploadPending().exitCode()).isZero();
        long attempts = w.count("job_attempts");
        long events = w.count("job_events");
        // The process died after its commit, before it removed the entry.
        copyTree(copy, entry());

        Result r = uploadPending();

        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("0 uploaded and recorded, 1 already recorded, 0 still pending");
        assertThat(entry()).doesNotExist();
        assertThat(job("status")).isEqualTo("finished");
        assertThat(w.count("job_attempts")).isEqualTo(attempts);
        assertThat(w.count("job_events")).isEqualTo(events);
        assertThat(w.count("hdf_files")).isEqualTo(1);
        assertThat(modelRuns()).isEqualTo(1);
    }

    @Test
    void aPermissionErrorIsNotRetriedSaysSoAndTheOutputsWaitInTheSpool() throws Exception {
        countModelRuns(0);
        server.refuseWrites();

        Result r = run();

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(job("status")).isEqualTo("failed_storage");
        assertThat(w.queryString("SELECT error FROM job_attempts WHERE attempt = 1"))
                .contains("permission denied", "not retried", "the outputs wait in the spool on");
        // The automatic retries stored from the spool, which the server refused again.
        assertThat(job("error_message")).contains("permission denied", "not retried", "still wait in the spool on");
        assertThat(w.queryLong("SELECT attempts FROM pdr_model_jobs")).isEqualTo(4);
        assertThat(modelRuns()).isEqualTo(1);
        try (Stream<Path> files = Files.walk(server.root())) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty();
        }
        SpoolManifest manifest = new Spool(w.spool, "h", java.time.Clock.systemUTC())
                .find("m", JOB)
                .orElseThrow()
                .manifest();
        assertThat(manifest.failure()).contains("permission denied", "not retried");
        assertThat(manifest.waiting())
                .extracting(SpooledFile::destination)
                .contains(
                        "m/pdrgrid/TEXTOUT" + JOB,
                        "m/pdrgrid/pdrstruct" + JOB + ".hdf5",
                        "m/oniongrid/TEXTOUT" + JOB + "_CO");
        assertThat(manifest.waiting().get(manifest.waiting().size() - 1).destination())
                .as("the structure file goes last")
                .isEqualTo("m/pdrgrid/pdrstruct" + JOB + ".hdf5");
    }

    @Test
    void whenNotEvenTheSpoolTakesTheOutputsTheRunDirectoryIsKept() throws Exception {
        countModelRuns(0);
        w.withWorker("  retry_backoff_s: 0\n  heartbeat_s: 1\n  max_attempts: 1\n");
        Files.createDirectories(w.spool);
        Files.writeString(w.spool.resolve("m"), "a file where the model's spool folder should be");
        server.refuseWrites();

        Result r = run();

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(job("status")).isEqualTo("failed_storage");
        assertThat(job("error_message")).contains("not retried", "spooling failed too", "kept run directory");
        Path kept;
        try (Stream<Path> dirs = Files.list(dir.resolve("ws/tmp"))) {
            kept = dirs.findFirst().orElseThrow();
        }
        assertThat(r.out()).contains("kept run directory of " + JOB + ": " + kept);
        assertThat(kept.resolve("pdroutput/pdrstruct_s.hdf5")).exists();
    }

    @Test
    void aLaterRunOfTheSameGridStoresFromTheSpoolWithoutRerunningTheModel() throws Exception {
        countModelRuns(0);
        server.refuseWrites();
        assertThat(run().exitCode()).isEqualTo(1);
        assertThat(job("status")).isEqualTo("failed_storage");
        server.acceptWrites();

        Result later = run();

        assertThat(later.exitCode()).as(later.out() + later.err()).isZero();
        assertThat(later.out()).contains("1 uploaded and recorded").contains("Job states: none run");
        assertThat(job("status")).isEqualTo("finished");
        assertThat(stored("pdrstruct" + JOB + ".hdf5")).exists();
        assertThat(server.root().resolve("store/m/oniongrid/TEXTOUT" + JOB + "_CO"))
                .exists();
        assertThat(w.count("hdf_files")).isEqualTo(1);
        assertThat(entry()).doesNotExist();
        assertThat(modelRuns()).isEqualTo(1);
    }

    private Result rerunFailed(String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "run",
                "--config",
                w.config.toString(),
                "--model-name",
                "m",
                "--metal",
                "100",
                "--mass",
                "-10",
                "--dens",
                "30",
                "--chi",
                "10",
                "--species",
                "CO",
                "--rerun",
                "failed"));
        args.addAll(List.of(extra));
        return Workspace.run(args.toArray(String[]::new));
    }

    @Test
    void rerunOfFailedJobsStoresSpooledOutputsInsteadOfRecomputingThem() throws Exception {
        countModelRuns(0);
        w.withWorker("  retry_backoff_s: 0\n  heartbeat_s: 1\n  max_attempts: 1\n");
        server.refuseWrites();
        assertThat(run().exitCode()).isEqualTo(1);

        Result stillRefused = rerunFailed();

        assertThat(stillRefused.exitCode()).isEqualTo(1);
        assertThat(stillRefused.out()).contains("1 job(s) selected for rerun", "Job states: failed_storage=1");
        assertThat(job("error_message")).contains("still wait in the spool");
        assertThat(modelRuns()).isEqualTo(1);

        server.acceptWrites();
        Result stored = rerunFailed();

        assertThat(stored.exitCode()).as(stored.out() + stored.err()).isZero();
        assertThat(stored.out()).contains("1 uploaded and recorded", "0 job(s) selected for rerun");
        assertThat(job("status")).isEqualTo("finished");
        assertThat(modelRuns()).isEqualTo(1);
    }

    @Test
    void rerunWithChangedInputsRecomputesAndItsOutputsReplaceTheEntry() throws Exception {
        countModelRuns(0);
        w.withWorker("  retry_backoff_s: 0\n  heartbeat_s: 1\n  max_attempts: 1\n");
        server.refuseWrites();
        assertThat(run().exitCode()).isEqualTo(1);
        Path template = dir.resolve("changed.json.template");
        try (var in = getClass().getResourceAsStream("/pdrrun/templates/pdr_config.json.template")) {
            Files.writeString(template, new String(in.readAllBytes()).replaceFirst("\\{", "{\"note\": \"changed\","));
        }

        Result r = rerunFailed("--json-template", template.toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(modelRuns()).as("new inputs, new model run").isEqualTo(2);
        SpoolManifest replaced = new Spool(w.spool, "h", java.time.Clock.systemUTC())
                .find("m", JOB)
                .orElseThrow()
                .manifest();
        // attempt 2 was the run's first try to store the old entry, still refused
        assertThat(replaced.attempt()).isEqualTo(3);
        assertThat(replaced.result().configJson()).contains("\"note\":\"changed\"");
        server.acceptWrites();
        assertThat(uploadPending().exitCode()).isZero();
        assertThat(job("config_json")).contains("\"note\":\"changed\"");
        assertThat(modelRuns()).isEqualTo(2);
    }

    @Test
    void theRetryOfAFailedStorageJobStoresFromTheSpoolInsteadOfRecomputing() throws Exception {
        countModelRuns(0);
        w.withWorker("  retry_backoff_s: 3\n  heartbeat_s: 1\n  max_attempts: 3\n");
        server.refuseWrites();
        CompletableFuture<Result> running = CompletableFuture.supplyAsync(this::run);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (failedStorageAttempts() == 0) {
            assertThat(System.nanoTime()).as("first attempt failed").isLessThan(deadline);
            Thread.sleep(20);
        }
        server.acceptWrites();

        Result r = running.get(120, TimeUnit.SECONDS);

        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("Job states: finished=1");
        assertThat(job("status")).isEqualTo("finished");
        assertThat(w.queryLong("SELECT attempts FROM pdr_model_jobs")).isGreaterThanOrEqualTo(2);
        assertThat(stored("pdrstruct" + JOB + ".hdf5")).exists();
        assertThat(entry()).doesNotExist();
        assertThat(modelRuns()).isEqualTo(1);
    }

    private long failedStorageAttempts() {
        try {
            return w.queryLong("SELECT COUNT(*) FROM job_attempts WHERE outcome = 'failed_storage'");
        } catch (IllegalStateException e) {
            return 0; // the catalog is not created yet
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        List<Path> all = new ArrayList<>();
        try (Stream<Path> files = Files.walk(from)) {
            files.forEach(all::add);
        }
        for (Path p : all) {
            Path target = to.resolve(from.relativize(p).toString());
            if (Files.isDirectory(p)) {
                Files.createDirectories(target);
            } else {
                Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}

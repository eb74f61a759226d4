package pdrrun.spool;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pdrrun.storage.SftpTestServer;
import pdrrun.testing.Workspace;
import pdrrun.testing.Workspace.Result;

/**
 * upload-pending removes a spool entry whenever its job is in a state outside UPLOADABLE, on the
 * assumption that such a job's outputs were stored. A recomputation elsewhere that ends in a
 * failure state (aborted, timeout, stalled, missing_output) breaks that assumption: the entry
 * holding the only copy of a finished model is deleted.
 */
class SpoolEntryDeletionTest {
    private static final String JOB = "100_30_-10_10_00";

    @TempDir
    Path dir;

    private SftpTestServer server;
    private Workspace w;
    private String userHome;

    @BeforeEach
    void start() throws IOException {
        // The launch helper is installed once per JVM, under the home of its first model start: not
        // under this test's home, removed after it, where every later test would look for it.
        new pdrrun.run.process.ModelProcess(java.time.Clock.systemUTC());
        userHome = System.getProperty("user.home");
        System.setProperty("user.home", dir.resolve("home").toString());
        server = SftpTestServer.start(dir.resolve("sftp-root"), dir.resolve("sftp-state"));
        w = Workspace.in(dir.resolve("ws"));
        w.withStorage("  type: sftp\n  host: 127.0.0.1\n  port: " + server.port() + "\n  username: "
                + SftpTestServer.USER + "\n  password: " + SftpTestServer.PASSWORD + "\n  base_dir: /store\n"
                + "  timeout_s: 20\n");
        w.withWorker("  retry_backoff_s: 0\n  heartbeat_s: 1\n  max_attempts: 1\n");
    }

    @AfterEach
    void stop() throws IOException {
        System.setProperty("user.home", userHome);
        server.stop();
    }

    private Result run(Path config, String... extra) {
        String[] base = {
            "run",
            "--config",
            config.toString(),
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
            "CO"
        };
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return Workspace.run(args);
    }

    @Test
    void aFinishedModelsSpoolEntryIsNotDeletedBecauseARecomputationElsewhereFailed() throws IOException {
        // Host A: the model finishes, storage refuses, the outputs wait in A's spool.
        server.refuseWrites();
        assertThat(run(w.config).exitCode()).isEqualTo(1);
        Path entry = w.spool.resolve("m").resolve(JOB);
        assertThat(entry.resolve(SpoolManifest.FILE)).exists();
        assertThat(Files.readString(entry.resolve(SpoolManifest.FILE))).contains("\"finished\"");
        server.acceptWrites();

        // Host B (its own spool folder, as with a node-local storage.spool_dir) recomputes the job;
        // this time the model aborts.
        Path configB = dir.resolve("config-b.yaml");
        Files.writeString(
                configB,
                Files.readString(w.config)
                        .replace("spool_dir: " + w.spool, "spool_dir: " + dir.resolve("spool-b"))
                        .replace("pdr:\n", "pdr:\n  environment:\n    PDRDEMO_MODES: \"*=aborted\"\n"));
        Result b = run(configB, "--rerun", "failed");
        assertThat(b.out()).as(b.out() + b.err()).contains("aborted=1");

        // Host A: upload-pending.
        Result a = Workspace.run("upload-pending", "--config", w.config.toString());

        boolean structureStored = Files.exists(server.root().resolve("store/m/pdrgrid/pdrstruct" + JOB + ".hdf5"));
        boolean stillSpooled = Files.exists(entry.resolve(SpoolManifest.FILE));
        assertThat(structureStored || stillSpooled)
                .as("the finished model's outputs must survive somewhere; upload-pending said: " + a.out())
                .isTrue();
    }

    /** Host A: the model finishes, storage refuses, the outputs wait in A's spool (returned). */
    private Path finishedAndSpooledOnHostA() throws IOException {
        server.refuseWrites();
        assertThat(run(w.config).exitCode()).isEqualTo(1);
        Path entry = w.spool.resolve("m").resolve(JOB);
        assertThat(entry.resolve(SpoolManifest.FILE)).exists();
        server.acceptWrites();
        return entry;
    }

    /** The configuration of host B: its own spool folder, and {@code pdrKeys} in the pdr section. */
    private Path configOfHostB(String pdrKeys) throws IOException {
        Path configB = dir.resolve("config-b.yaml");
        Files.writeString(
                configB,
                Files.readString(w.config)
                        .replace("spool_dir: " + w.spool, "spool_dir: " + dir.resolve("spool-b"))
                        .replace("pdr:\n", "pdr:\n" + pdrKeys));
        return configB;
    }

    private String job(String column) {
        return w.queryString("SELECT " + column + " FROM pdr_model_jobs WHERE model_job_name = '" + JOB + "'");
    }

    @Test
    void aFinishedEntryIsStoredAndRecordedOverARecomputationElsewhereThatAborted() throws IOException {
        Path entry = finishedAndSpooledOnHostA();
        SpoolManifest spooled = new Spool(w.spool, "h", java.time.Clock.systemUTC())
                .find("m", JOB)
                .orElseThrow()
                .manifest();
        Result b = run(configOfHostB("  environment:\n    PDRDEMO_MODES: \"*=aborted\"\n"), "--rerun", "failed");
        assertThat(b.out()).as(b.out() + b.err()).contains("aborted=1");

        Result a = Workspace.run("upload-pending", "--config", w.config.toString());

        assertThat(a.exitCode()).as(a.out() + a.err()).isZero();
        assertThat(a.out()).contains("1 uploaded and recorded, 0 already recorded, 0 still pending");
        assertThat(job("status")).isEqualTo("finished");
        assertThat(job("exit_code")).isEqualTo("0");
        assertThat(server.root().resolve("store/m/pdrgrid/pdrstruct" + JOB + ".hdf5"))
                .exists();
        assertThat(entry).doesNotExist();
        assertThat(w.queryString("SELECT message FROM job_events WHERE kind = 'from_spool'"))
                .isEqualTo(spooled.host() + "/" + spooled.created());
    }

    @Test
    void anEntryStaysWhenAnotherRunRecordedAnotherCompleteModelOfTheJob() throws IOException {
        Path entry = finishedAndSpooledOnHostA();
        // Host B computes the job from other inputs (another template): another structure file.
        Path template = dir.resolve("changed.json.template");
        try (var in = getClass().getResourceAsStream("/pdrrun/templates/pdr_config.json.template")) {
            Files.writeString(template, new String(in.readAllBytes()).replaceFirst("\\{", "{\"note\": \"b\","));
        }
        Result b = run(configOfHostB(""), "--rerun", "failed", "--json-template", template.toString());
        assertThat(b.out()).as(b.out() + b.err()).contains("finished=1");
        Path struct = server.root().resolve("store/m/pdrgrid/pdrstruct" + JOB + ".hdf5");
        String storedByB = Files.readString(struct);

        Result a = Workspace.run("upload-pending", "--config", w.config.toString());

        assertThat(a.exitCode()).isEqualTo(1);
        assertThat(a.err()).contains("recorded as finished by another run", entry.toString());
        assertThat(entry.resolve(SpoolManifest.FILE)).exists();
        assertThat(struct).hasContent(storedByB);
        assertThat(job("config_json")).contains("\"note\":\"b\"");
    }

    @Test
    void anEntryWhoseStructureFileIsInStorageByteForByteIsDoneWhoeverRecordedTheJob() throws IOException, SQLException {
        Path entry = finishedAndSpooledOnHostA();
        // upload-pending stored every file, then died before recording; the job's lease expired
        // and it became pending again; host B, which cannot see A's spool, took it as stored.
        Path store = server.root().resolve("store");
        try (Stream<Path> files = Files.walk(entry.resolve("files"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target =
                        store.resolve(entry.resolve("files").relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + w.database);
                Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE pdr_model_jobs SET status = 'pending', pending = 1, active = 0");
        }
        Result b = run(configOfHostB(""));
        assertThat(b.out()).as(b.out() + b.err()).contains("skipped=1");

        Result a = Workspace.run("upload-pending", "--config", w.config.toString());

        assertThat(a.exitCode()).as(a.out() + a.err()).isZero();
        assertThat(a.out()).contains("0 uploaded and recorded, 1 already recorded, 0 still pending");
        assertThat(entry).doesNotExist();
        assertThat(job("status")).isEqualTo("skipped");
    }
}

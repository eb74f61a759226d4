package pdrrun.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pdrrun.testing.Workspace;
import pdrrun.testing.Workspace.Result;

/** Acceptance: the demo grid stored over SFTP is the same file tree as stored in a local folder. */
class DemoGridOnSftpTest {
    @TempDir
    Path dir;

    private SftpTestServer server;
    private String userHome;

    @BeforeEach
    void start() throws IOException {
        // The launch helper is installed once per JVM, under the home of its first model start: not
        // under this test's home, removed after it, where every later test would look for it.
        new pdrrun.run.process.ModelProcess(java.time.Clock.systemUTC());
        userHome = System.getProperty("user.home");
        System.setProperty("user.home", dir.resolve("home").toString());
        server = SftpTestServer.start(dir.resolve("sftp-root"), dir.resolve("sftp-state"));
    }

    @AfterEach
    void stop() throws IOException {
        System.setProperty("user.home", userHome);
        server.stop();
    }

    /** The demo's grid (3 x 3 points, ONION for CO and C+, two workers) on {@code w}'s storage. */
    private static Result runDemoGrid(Workspace w) {
        Result r = Workspace.run(
                "run",
                "--config",
                w.config.toString(),
                "--model-name",
                "demo",
                "--metal",
                "100",
                "--mass",
                "-10",
                "--dens",
                "30",
                "40",
                "50",
                "--chi",
                "10",
                "20",
                "30",
                "--species",
                "CO",
                "C+",
                "--parallel",
                "--workers",
                "2");
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("Job states: finished=9");
        return r;
    }

    @Test
    void demoGridOverSftpStoresTheSameFileTreeAsInALocalFolder() throws IOException {
        Workspace local = Workspace.in(dir.resolve("local"));
        runDemoGrid(local);
        Workspace remote = Workspace.in(dir.resolve("remote"));
        remote.withStorage("  type: sftp\n  host: 127.0.0.1\n  port: " + server.port() + "\n  username: "
                + SftpTestServer.USER + "\n  password: " + SftpTestServer.PASSWORD + "\n  base_dir: /grids/store\n");

        runDemoGrid(remote);

        Map<String, String> viaSftp = tree(server.root().resolve("grids/store"));
        Map<String, String> inFolder = tree(local.storage);
        assertThat(viaSftp).hasSizeGreaterThan(9 * 9);
        assertThat(viaSftp).isEqualTo(inFolder);
        assertThat(remote.queryString("SELECT output_hdf5_file FROM pdr_model_jobs ORDER BY id LIMIT 1"))
                .startsWith("sftp://" + SftpTestServer.USER + "@127.0.0.1:" + server.port() + "/grids/store/demo/");
        assertThat(remote.count("hdf_files")).isEqualTo(9);
    }

    /** Relative path to size and SHA-256 of every file under {@code root}. */
    private static Map<String, String> tree(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(p).toString(), Files.size(p) + " " + Checksums.sha256(p));
            }
        }
        return files;
    }
}

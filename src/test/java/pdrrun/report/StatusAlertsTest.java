package pdrrun.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pdrrun.report.bench.GenerateCatalog;
import pdrrun.testing.Workspace;
import pdrrun.testing.Workspace.Result;

/** The alerts of status on a generated catalog that is then given lost jobs and mixed inputs. */
class StatusAlertsTest {
    @TempDir
    Path dir;

    @Test
    void lostJobsAndMixedTemplatesOrBinariesRaiseAlerts() throws Exception {
        Path db = dir.resolve("grid.sqlite");
        GenerateCatalog.main(new String[] {db.toString(), "300"});
        Path config = dir.resolve("c.yaml");
        Files.writeString(config, "database: {type: sqlite, path: " + db + "}\npdr: {max_walltime_s: 3600}\n");
        assertThat(alertKinds(config)).containsExactly("stale_running");

        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE pdr_model_jobs SET status = 'lost' WHERE model_job_name IN"
                    + " ('100_1_-20_-50_00', '100_2_-20_-50_00')");
            s.executeUpdate("UPDATE pdr_model_jobs SET template_sha256 = 'second-template' WHERE id % 50 = 0");
            s.executeUpdate("INSERT INTO kosmatau_executables (id, code_revision, executable_file_name, sha256_sum)"
                    + " VALUES (2, 'r2', 'pdrexe', 'second-binary')");
            s.executeUpdate("UPDATE pdr_model_jobs SET kosmatau_executable_id = 2 WHERE id % 70 = 0");
        }
        JsonNode alerts = status(config).get("alerts");
        assertThat(alertKinds(config)).containsExactly("stale_running", "lost", "mixed_templates", "mixed_binaries");
        assertThat(alerts.get(1).get("message").asText()).startsWith("2 job(s) lost");
        assertThat(alerts.get(2).get("message").asText()).contains("2 template checksums", "second-templ (6 jobs)");
        assertThat(alerts.get(3).get("message").asText()).contains("2 pdrexe checksums", "second-binar (4 jobs)");
        Result text = Workspace.run("status", "--config", config.toString());
        assertThat(text.out()).contains("ALERT lost: 2 job(s)", "ALERT mixed_templates", "ALERT mixed_binaries");
    }

    @Test
    void lowDiskIsReportedBelowEitherThreshold() {
        assertThat(DiskSpace.lowSpace(dir, 0, 0)).isEmpty();
        assertThat(DiskSpace.lowSpace(dir, Long.MAX_VALUE, 0))
                .get()
                .asString()
                .startsWith("low disk on the storage folder " + dir);
        assertThat(DiskSpace.lowSpace(dir, 0, 1.01)).isPresent();
        // A storage folder not created yet is judged by its nearest existing parent.
        assertThat(DiskSpace.lowSpace(dir.resolve("not/yet"), Long.MAX_VALUE, 0))
                .isPresent();
    }

    private static JsonNode status(Path config) throws Exception {
        Result r = Workspace.run("status", "--json", "--config", config.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        return new ObjectMapper().readTree(r.out()).get("models").get(0);
    }

    private static List<String> alertKinds(Path config) throws Exception {
        List<String> kinds = new ArrayList<>();
        status(config).get("alerts").forEach(a -> kinds.add(a.get("kind").asText()));
        return kinds;
    }
}

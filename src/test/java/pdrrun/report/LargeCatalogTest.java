package pdrrun.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pdrrun.report.bench.GenerateCatalog;
import pdrrun.testing.Workspace;
import pdrrun.testing.Workspace.Result;

/** A generated catalog with duplicate rows of the original: the latest row per point counts. */
class LargeCatalogTest {
    @TempDir
    Path dir;

    @Test
    void latestRowPerGridPointWinsInStatusAndExport() throws Exception {
        Path db = dir.resolve("big.sqlite");
        GenerateCatalog.main(new String[] {db.toString(), "2000"});
        Path config = dir.resolve("c.yaml");
        Files.writeString(config, "database: {type: sqlite, path: " + db + "}\npdr: {max_walltime_s: 3600}\n");
        Result status = Workspace.run("status", "--json", "--config", config.toString());
        JsonNode m = new ObjectMapper().readTree(status.out()).get("models").get(0);
        assertThat(m.get("total_points").asLong()).isEqualTo(2000);
        assertThat(m.get("points")).hasSize(2000);
        long duplicated = 0;
        Map<String, Long> fromPoints = new TreeMap<>();
        for (JsonNode p : m.get("points")) {
            duplicated += p.get("rows").asInt() > 1 ? 1 : 0;
            fromPoints.merge(p.get("state").asText(), 1L, Long::sum);
        }
        assertThat(duplicated).isEqualTo(20);
        assertThat(m.get("rerun_points").asLong()).isEqualTo(20);
        Map<String, Long> states = new TreeMap<>();
        m.get("states")
                .fields()
                .forEachRemaining(e -> states.put(e.getKey(), e.getValue().asLong()));
        assertThat(states).isEqualTo(fromPoints);
        assertThat(m.get("alerts").toString()).contains("stale_running");
        Result csv = Workspace.run("export", "--config", config.toString());
        Map<String, Long> fromCsv = new TreeMap<>();
        csv.out().lines().skip(1).forEach(l -> fromCsv.merge(l.split(",", -1)[11], 1L, Long::sum));
        assertThat(fromCsv).isEqualTo(states);
    }

    @Test
    void runningJobsAndModelHoursAgreeAcrossStatusAndReportWhenPointsHaveSeveralRows() throws Exception {
        Path db = dir.resolve("big.sqlite");
        GenerateCatalog.main(new String[] {db.toString(), "2000"});
        Path config = dir.resolve("c.yaml");
        Files.writeString(config, "database: {type: sqlite, path: " + db + "}\npdr: {max_walltime_s: 3600}\n");
        JsonNode m = new ObjectMapper()
                .readTree(Workspace.run("status", "--json", "--config", config.toString())
                        .out())
                .get("models")
                .get(0);
        // A superseded row of the original left in "running" is history, not a running job.
        assertThat(m.get("running").size())
                .isEqualTo(m.get("classes").get("run").asInt());
        assertThat(m.get("alerts").get(0).get("message").asText())
                .startsWith(m.get("classes").get("run").asInt() + " running job(s)");
        Path html = dir.resolve("r.html");
        assertThat(Workspace.run("report", "--config", config.toString(), "--out", html.toString())
                        .exitCode())
                .isZero();
        JsonNode data = HtmlReportData.of(html);
        assertThat(data.get("modelHours").asDouble())
                .isEqualTo(m.get("model_hours").asDouble());
        assertThat(data.get("rerunPoints").asLong())
                .isEqualTo(m.get("rerun_points").asLong());
        assertThat(data.get("classes").get("run").asLong())
                .isEqualTo(m.get("classes").get("run").asLong());
    }
}

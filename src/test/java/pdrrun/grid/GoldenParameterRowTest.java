package pdrrun.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pdrrun.config.Config;
import pdrrun.config.ConfigLoader;

/** The parameter row the original wrote for 100_30_-10_10_00 is reproduced column by column. */
class GoldenParameterRowTest {
    @TempDir
    Path dir;

    @Test
    void goldenPointGivesTheOriginalsParameterRow() throws Exception {
        String yaml = new String(resource("/golden/config_used.yaml").readAllBytes(), StandardCharsets.UTF_8);
        // The original ignored this section (its bug); the golden files hold the built-in defaults.
        String withoutOverrides = yaml.substring(0, yaml.indexOf("non_default_params:"));
        Path file = dir.resolve("config_used.yaml");
        Files.writeString(file, withoutOverrides);
        Config config = ConfigLoader.load(file, Map.of());
        assertThat(config.warnings()).isEmpty();

        GridSpec spec = GridSpec.from(config.with("model_parameters", "metal", java.util.List.of("100"), "test")
                .with("model_parameters", "dens", java.util.List.of("30"), "test")
                .with("model_parameters", "mass", java.util.List.of("-10"), "test")
                .with("model_parameters", "chi", java.util.List.of("10"), "test"));
        ParameterSet set = spec.parameterSets().get(0);
        assertThat(set.jobName()).isEqualTo("100_30_-10_10_00");

        JsonNode row = new ObjectMapper().readTree(resource("/golden/kosmatau_parameters_row.json"));
        int compared = 0;
        for (ParameterColumn column : ParameterColumns.ALL) {
            JsonNode expected = row.get(column.name());
            Object actual = set.values().get(column.name());
            switch (column.kind()) {
                case REAL:
                    double e = expected.asDouble();
                    if (column.name().equals("rtot")) {
                        assertThat((Double) actual).as("rtot").isCloseTo(e, within(Math.abs(e) * 1e-12));
                    } else {
                        assertThat((Double) actual).as(column.name()).isEqualTo(e);
                    }
                    break;
                case INTEGER:
                    assertThat((Long) actual).as(column.name()).isEqualTo(expected.asLong());
                    break;
                default:
                    assertThat((String) actual).as(column.name()).isEqualTo(expected.asText());
            }
            compared++;
        }
        assertThat(compared).isEqualTo(row.size() - 4); // id, model_name_id, time_created, comments
    }

    private static InputStream resource(String name) {
        return GoldenParameterRowTest.class.getResourceAsStream(name);
    }
}

package pdrrun.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    private Path yaml(String text) throws Exception {
        Path file = dir.resolve("c.yaml");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void originalsExampleConfigurationLoadsUnchanged() throws Exception {
        Path file = dir.resolve("config_used.yaml");
        Files.copy(ConfigLoaderTest.class.getResourceAsStream("/golden/config_used.yaml"), file);
        Config c = ConfigLoader.load(file, Map.of());
        assertThat(c.warnings()).isEmpty();
        assertThat(c.string("pdr", "model_name")).contains("baseline");
        assertThat(c.list("model_parameters", "species")).contains(List.of("CO", "C+", "C", "O"));
        assertThat(c.section("non_default_parameters").get("cosray").value()).isEqualTo(1e-16);
        assertThat(c.section("non_default_parameters").get("tdustc").value()).isEqualTo(20L);
    }

    @Test
    void unknownSectionIsAnErrorNamingFileLineAndNearestName() throws Exception {
        Path file = yaml("pdr:\n  model_name: x\nstorrage:\n  type: local\n");
        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(file + ":3")
                .hasMessageContaining("'storrage'")
                .hasMessageContaining("'storage'");
    }

    @Test
    void unknownKeyIsAWarningNamingTheNearestKey() throws Exception {
        Config c = ConfigLoader.load(yaml("database:\n  type: sqlite\n  pathh: x.db\n"), Map.of());
        assertThat(c.warnings())
                .singleElement()
                .asString()
                .contains(":3")
                .contains("'pathh'")
                .contains("'path'");
    }

    @Test
    void wrongTypeIsAnErrorWithFileAndLine() throws Exception {
        Path file = yaml("database:\n  type: mysql\n  port: lots\n");
        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
                .hasMessageContaining(file + ":3")
                .hasMessageContaining("port")
                .hasMessageContaining("whole number");
    }

    @Test
    void bothNamesOfAnAliasedSectionAreAnError() throws Exception {
        Path file = yaml("model_params:\n  alpha: 1.5\nmodel_parameters:\n  rcore: 0.2\n");
        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
                .hasMessageContaining(file + ":3")
                .hasMessageContaining("model_params");
    }

    @Test
    void aliasSectionNamesAreHonoured() throws Exception {
        Config c = ConfigLoader.load(
                yaml("non_default_params:\n  cosray: 1.0e-16\nmodel_params:\n  alpha: 1.2\n"), Map.of());
        assertThat(c.section("non_default_parameters")).containsKey("cosray");
        assertThat(c.number("model_parameters", "alpha")).contains(1.2);
    }

    @Test
    void environmentOverridesTheFile() throws Exception {
        Config c = ConfigLoader.load(
                yaml("database:\n  type: sqlite\n  path: a.db\n"),
                Map.of("PDR_DB_FILE", "b.db", "PDR_DB_PORT", "3307"));
        assertThat(c.string("database", "path")).contains("b.db");
        assertThat(c.origin("database", "path")).isEqualTo("env PDR_DB_FILE");
        assertThat(c.integer("database", "port")).contains(3307L);
    }

    @Test
    void badEnvironmentValueNamesTheVariable() {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("PDR_DB_PORT", "x")))
                .hasMessageContaining("PDR_DB_PORT");
    }

    @Test
    void invalidYamlNamesTheLine() throws Exception {
        Path file = yaml("pdr:\n  model_name: [unclosed\n");
        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
                .hasMessageContaining(file.toString())
                .hasMessageContaining("not valid YAML");
    }

    @Test
    void gridValuesKeepTheirSourceText() throws Exception {
        Config c = ConfigLoader.load(yaml("model_parameters:\n  dens: [05, 30]\n  chi: 10\n"), Map.of());
        assertThat(c.list("model_parameters", "dens")).contains(List.of("05", "30"));
        assertThat(c.list("model_parameters", "chi")).contains(List.of("10"));
    }

    @Test
    void secretKeysAreRecognised() {
        assertThat(Secrets.isSecret("password")).isTrue();
        assertThat(Secrets.isSecret("PDR_STORAGE_PASSWORD")).isTrue();
        assertThat(Secrets.isSecret("api_token")).isTrue();
        assertThat(Secrets.isSecret("key")).isTrue();
        assertThat(Secrets.isSecret("host")).isFalse();
        assertThat(Secrets.shown("password", "s3cret")).isEqualTo(Secrets.MASK);
    }
}

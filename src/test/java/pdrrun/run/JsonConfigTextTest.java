package pdrrun.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static pdrrun.run.ParameterRowBuilder.aDefaultRow;
import static pdrrun.run.ParameterRowBuilder.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class JsonConfigTextTest {

    @Test
    void goldenRenderedConfigParsesWithItsValues() {
        JsonNode config = JsonConfigText.parse("golden", resource("/golden/pdr_config.json"));

        assertThat(config.at("/physical_params/surface_density").doubleValue()).isEqualTo(1000.0);
        assertThat(config.at("/physical_params/cloud_radius").doubleValue()).isEqualTo(2.458e17);
        assertThat(config.at("/h2_formation/on_pah").intValue()).isZero(); // the line with the "/ Allow" typo
        assertThat(config.at("/numerical_params/use_time_dependent_if_no_convergence")
                        .isInt())
                .isTrue();
        assertThat(config.at("/preshielding").size()).isEqualTo(2); // "co" was followed by a trailing comma
        assertThat(config.at("/chemical_database_file").textValue()).isEqualTo("chem_rates_2022-10-21-ERS.dat");
        assertThat(config.at("/species")).hasSize(105);
        assertThat(config.at("/species/0").textValue()).isEqualTo("HE+");
        assertThat(config.at("/species/104").textValue()).isEqualTo("JS");
        assertThat(config.at("/element_abundances/fe").doubleValue()).isEqualTo(1e-6);
    }

    @Test
    void referenceTemplateRenderedWithDefaultsParses() {
        String rendered = TemplateRenderer.render(
                "reference",
                resource("/kosma-tau/pdr_config.json.template"),
                TemplateRenderer.Flavour.JSON,
                aDefaultRow().build(),
                "rates.dat");

        JsonNode config = JsonConfigText.parse("reference", rendered);

        assertThat(config.at("/dust/dust_to_gas_ratio")).hasSize(10);
        assertThat(config.at("/fuv_field/file").textValue()).isEqualTo("Lyalpha.fuv");
    }

    @Test
    void strictJsonIsCompactAndParsesWithoutLeniency() throws Exception {
        String strict = JsonConfigText.toStrictJson("t", "{\n  \"a\": 1, // one\n  \"b\": [1, 2,],\n}\n");

        assertThat(strict).isEqualTo("{\"a\":1,\"b\":[1,2]}");
        assertThat(new ObjectMapper().readTree(strict).get("b")).hasSize(2);
    }

    @Test
    void slashesAndCommasInsideStringsAreKept() {
        String strict = JsonConfigText.toStrictJson(
                "t", "{\"url\": \"http://x/y\", \"list\": \"a,]\", \"quote\": \"say \\\"/\\\",}\"} // end");

        assertThat(strict).isEqualTo("{\"url\":\"http://x/y\",\"list\":\"a,]\",\"quote\":\"say \\\"/\\\",}\"}");
    }

    @Test
    void parseFailureNamesTemplateLineColumnAndReason() {
        String broken = "{\n  \"a\": 1,\n  \"b\": nan // a NaN rendered by ValueFormat\n}";

        assertThatThrownBy(() -> JsonConfigText.parse("my.template", broken))
                .isInstanceOf(TemplateException.class)
                .hasMessageStartingWith("template my.template: rendered JSON is not valid at line 3, column ")
                .hasMessageContaining("nan");
    }

    @Test
    void missingCommaIsReportedOnItsLine() {
        String broken = "{\n  \"a\": 1 // no comma\n  \"b\": 2\n}";

        assertThatThrownBy(() -> JsonConfigText.parse("t", broken))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("at line 3, column 3");
    }

    @Test
    void duplicateKeysAreRejected() {
        assertThatThrownBy(() -> JsonConfigText.parse("t", "{\"a\": 1, \"a\": 2}"))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("Duplicate field 'a'");
    }

    @Test
    void emptyOrNonObjectTextIsRejected() {
        assertThatThrownBy(() -> JsonConfigText.parse("t", "// nothing\n"))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("not one object");
        assertThatThrownBy(() -> JsonConfigText.parse("t", "[1]"))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("not one object but ARRAY");
    }

    @Test
    void cleaningKeepsLinesAndColumns() {
        String cleaned = JsonConfigText.withoutCommentsAndTrailingCommas("{\"a\": 1, / typo\n\"b\": [2,\n]}");

        assertThat(cleaned).isEqualTo("{\"a\": 1, \n\"b\": [2 \n]}");
    }
}

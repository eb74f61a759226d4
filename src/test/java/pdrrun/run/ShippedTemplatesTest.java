package pdrrun.run;

import static org.assertj.core.api.Assertions.assertThat;
import static pdrrun.run.ParameterRowBuilder.aDefaultRow;
import static pdrrun.run.ParameterRowBuilder.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import pdrrun.grid.ParameterColumn;
import pdrrun.grid.ParameterColumns;

class ShippedTemplatesTest {

    private static final String REFERENCE_PDRNEW = resource("/kosma-tau/PDRNEW.INP.template");
    private static final String REFERENCE_JSON = resource("/kosma-tau/pdr_config.json.template");
    private static final String SHIPPED_PDRNEW =
            TemplateSource.shipped(TemplateSource.PDRNEW_INP).text();
    private static final String SHIPPED_JSON =
            TemplateSource.shipped(TemplateSource.PDR_CONFIG_JSON).text();

    @ParameterizedTest
    @ValueSource(strings = {TemplateSource.PDRNEW_INP, TemplateSource.PDR_CONFIG_JSON})
    void everyParameterColumnHasAPlaceholder(String fileName) {
        String text = TemplateSource.shipped(fileName).text();

        List<String> missing = ParameterColumns.ALL.stream()
                .map(ParameterColumn::name)
                .filter(name -> !text.contains("KT_VAR" + name + "_"))
                .toList();

        assertThat(missing).as("columns without a placeholder in " + fileName).isEmpty();
    }

    @Test
    void renderedJsonIsStrictOnceDoubleSlashCommentsAreCut() throws Exception {
        String rendered = renderJson(SHIPPED_JSON, aDefaultRow().build());
        // Cut only "//" comments: a single-slash comment or a trailing comma then fails the plain parser.
        String withoutComments = rendered.lines()
                .map(line -> line.contains("//") ? line.substring(0, line.indexOf("//")) : line)
                .collect(Collectors.joining("\n"));

        JsonNode config = new ObjectMapper().readTree(withoutComments);

        assertThat(config).isEqualTo(JsonConfigText.parse("shipped", rendered));
        assertThat(config.at("/physical_params/clump_mass").doubleValue()).isEqualTo(0.1);
        assertThat(config.at("/model_grid").isBoolean()).isTrue();
        assertThat(config.at("/element_abundances").size()).isEqualTo(20); // 19 elements and the reference
        assertThat(config.at("/chemical_database_file").textValue()).isEqualTo("rates.dat");
    }

    @Test
    void renderedJsonHasEveryKeyAndValueKosmaTauReadsFromTheReference() {
        Map<String, JsonNode> reference = leaves(JsonConfigText.parse("ref", renderJson(REFERENCE_JSON, gridRow())));
        Map<String, JsonNode> shipped = leaves(JsonConfigText.parse("shipped", renderJson(SHIPPED_JSON, gridRow())));
        reference.remove("/config_comment"); // prose for humans

        assertThat(shipped).containsAllEntriesOf(reference);
        assertThat(shipped.get("/model_grid").booleanValue()).isTrue();
    }

    @Test
    void pdrnewKeepsEveryPositionalLineOfTheReference() {
        List<String> reference = positionalPart(REFERENCE_PDRNEW);
        List<String> shipped = positionalPart(SHIPPED_PDRNEW);

        assertThat(shipped).hasSameSizeAs(reference);
        for (int i = 0; i < reference.size(); i++) {
            String line = reference.get(i);
            boolean data = line.startsWith("KT_VAR") || line.startsWith("0.0d0") || line.contains("CHEMCHECK");
            if (data) {
                assertThat(shipped.get(i)).as("line %d", i + 1).isEqualTo(line);
            } else {
                assertThat(shipped.get(i))
                        .as("line %d is prose, not data", i + 1)
                        .doesNotStartWith("KT_VAR");
            }
        }
    }

    @Test
    void pdrnewHasTheSameKeywordCardsAfterTheSpeciesAsTheReference() {
        assertThat(keywordCards(SHIPPED_PDRNEW)).isEqualTo(keywordCards(REFERENCE_PDRNEW));
    }

    @Test
    void pdrnewRendersWithoutLeftovers() {
        String rendered = TemplateRenderer.render(
                "shipped", SHIPPED_PDRNEW, TemplateRenderer.Flavour.PDRNEW_INP, gridRow(), "rates.dat");

        assertThat(rendered)
                .doesNotContain("KT_VAR")
                .contains("\n*MODEL GRID\n")
                .contains("\nSPECIES  HE+\n");
    }

    private static Map<String, Object> gridRow() {
        return aDefaultRow().with("grid", 1L).build();
    }

    private static String renderJson(String template, Map<String, Object> row) {
        return TemplateRenderer.render("t", template, TemplateRenderer.Flavour.JSON, row, "rates.dat");
    }

    /** Lines up to and including the species placeholder: KOSMA-tau reads these by position. */
    private static List<String> positionalPart(String template) {
        List<String> lines = template.lines().toList();
        return lines.subList(0, lines.indexOf("KT_VARspecies_") + 1);
    }

    /** Cards after the species, which KOSMA-tau reads by keyword; lines starting with '*' are comments. */
    private static List<String> keywordCards(String template) {
        List<String> lines = template.lines().toList();
        return lines.subList(lines.indexOf("KT_VARspecies_") + 1, lines.size()).stream()
                .filter(line -> !line.startsWith("*") && !line.isBlank())
                .sorted()
                .toList();
    }

    private static Map<String, JsonNode> leaves(JsonNode root) {
        Map<String, JsonNode> leaves = new TreeMap<>();
        collect("", root, leaves);
        return leaves;
    }

    private static void collect(String path, JsonNode node, Map<String, JsonNode> leaves) {
        if (!node.isObject()) {
            leaves.put(path, node);
            return;
        }
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        names.forEach(name -> collect(path + "/" + name, node.get(name), leaves));
    }
}

package pdrrun.run;

import static org.assertj.core.api.Assertions.assertThat;
import static pdrrun.run.ParameterRowBuilder.resource;
import static pdrrun.run.ParameterRowBuilder.theGoldenRow;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The original runner's templates and one grid point's row must render to exactly the bytes the
 * original wrote (job 100_30_-10_10_00 of the golden case).
 */
class GoldenRenderingTest {

    private static final String CHEMICAL_RATES = "chem_rates_2022-10-21-ERS.dat";

    private final Map<String, Object> row = theGoldenRow().build();

    @Test
    void referencePdrnewTemplateRendersByteIdenticalToTheOriginal() {
        String rendered = TemplateRenderer.render(
                "PDRNEW.INP.template",
                resource("/kosma-tau/PDRNEW.INP.template"),
                TemplateRenderer.Flavour.PDRNEW_INP,
                row,
                CHEMICAL_RATES);

        assertThat(rendered.getBytes(StandardCharsets.UTF_8))
                .isEqualTo(resource("/golden/PDRNEW.INP").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void referenceJsonTemplateRendersByteIdenticalToTheOriginal() {
        String rendered = TemplateRenderer.render(
                "pdr_config.json.template",
                resource("/kosma-tau/pdr_config.json.template"),
                TemplateRenderer.Flavour.JSON,
                row,
                CHEMICAL_RATES);

        assertThat(rendered.getBytes(StandardCharsets.UTF_8))
                .isEqualTo(resource("/golden/pdr_config.json").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void integerBoxesInRealColumnsStillRenderAsReals() {
        Map<String, Object> withIntegers = theGoldenRow()
                .with("xnsur", 1000L)
                .with("sint", 10)
                .with("step1", 100L)
                .build();

        String rendered = TemplateRenderer.render(
                "PDRNEW.INP.template",
                resource("/kosma-tau/PDRNEW.INP.template"),
                TemplateRenderer.Flavour.PDRNEW_INP,
                withIntegers,
                CHEMICAL_RATES);

        assertThat(rendered).isEqualTo(resource("/golden/PDRNEW.INP"));
    }
}

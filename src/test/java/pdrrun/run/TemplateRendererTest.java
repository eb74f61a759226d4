package pdrrun.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static pdrrun.run.ParameterRowBuilder.aDefaultRow;
import static pdrrun.run.TemplateRenderer.Flavour.JSON;
import static pdrrun.run.TemplateRenderer.Flavour.PDRNEW_INP;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

class TemplateRendererTest {

    private static final String RATES = "rates.dat";

    private static String render(String template, TemplateRenderer.Flavour flavour, Map<String, Object> row) {
        return TemplateRenderer.render("test.template", template, flavour, row, RATES);
    }

    @Test
    void leftoverPlaceholderIsReportedByNameAndLine() {
        String template = "KT_VARxnsur_\nKT_VARxnsurr_ and KT_VARXNSUR_\nKT_VARnot_a_column\n";

        assertThatThrownBy(() -> render(template, PDRNEW_INP, aDefaultRow().build()))
                .isInstanceOf(TemplateException.class)
                .hasMessageStartingWith("template test.template: ")
                .hasMessageContaining("KT_VARxnsurr_ (line 2)")
                .hasMessageContaining("KT_VARXNSUR_ (line 2)")
                .hasMessageContaining("KT_VARnot_a_column (line 3)");
    }

    @Test
    void bareMarkerWithoutNameIsALeftover() {
        assertThatThrownBy(() ->
                        render("see KT_VAR<column>_ here", JSON, aDefaultRow().build()))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("KT_VAR (line 1)");
    }

    @Test
    void placeholderEndsAtItsUnderscoreSoD2gratio1NeverMatchesInsideD2gratio10() {
        Map<String, Object> row =
                aDefaultRow().with("d2gratio1", 0.5).with("d2gratio10", 0.25).build();

        assertThat(render("KT_VARd2gratio10_|KT_VARd2gratio1_|KT_VARd2gratio10_", PDRNEW_INP, row))
                .isEqualTo("0.250000|0.500000|0.250000");
    }

    @Test
    void shorterNameThatIsAPrefixUpToAnUnderscoreNeverWins() {
        // no two catalog columns are like this today; a future pair such as h2 and h2_h must still work
        Matcher matcher =
                TemplateRenderer.placeholderPattern(List.of("h2", "h2_h", "h")).matcher("KT_VARh2_h_");

        assertThat(matcher.find()).isTrue();
        assertThat(matcher.group(1)).isEqualTo("h2_h");
    }

    @Test
    void columnsWithUnderscoresInTheirNamesAreTakenWhole() {
        Map<String, Object> row = aDefaultRow()
                .with("h2_h_coll_rates", 3L)
                .with("h2_h_reactive_colls", 1L)
                .with("use_dlsodes", 1L)
                .with("use_dlsoda", 0L)
                .build();

        assertThat(render(
                        "KT_VARh2_h_coll_rates_ KT_VARh2_h_reactive_colls_ KT_VARuse_dlsodes_ KT_VARuse_dlsoda_",
                        PDRNEW_INP,
                        row))
                .isEqualTo("3 1 1 0");
    }

    @Test
    void speciesBecomeOneCardPerSpeciesInPdrnewInp() {
        Map<String, Object> row =
                aDefaultRow().with("species", " CO   C+\tC  O ").build();

        assertThat(render("*\nKT_VARspecies_\n**", PDRNEW_INP, row))
                .isEqualTo("*\nSPECIES  CO\nSPECIES  C+\nSPECIES  C\nSPECIES  O\n**");
    }

    @Test
    void speciesBecomeAnEscapedJsonArrayInJson() {
        Map<String, Object> row =
                aDefaultRow().with("species", "CO  C+ odd\"name").build();

        assertThat(render("KT_VARspecies_", JSON, row)).isEqualTo("[\"CO\", \"C+\", \"odd\\\"name\"]");
        assertThat(render(
                        "KT_VARspecies_",
                        JSON,
                        aDefaultRow().with("species", "  ").build()))
                .isEqualTo("[]");
    }

    @Test
    void gridIsACardOrNothingInPdrnewInpAndABooleanInJson() {
        Map<String, Object> on = aDefaultRow().with("grid", 1L).build();
        Map<String, Object> off = aDefaultRow().with("grid", 0L).build();

        assertThat(render("a\nKT_VARgrid_\nb", PDRNEW_INP, on)).isEqualTo("a\n*MODEL GRID\nb");
        assertThat(render("a\nKT_VARgrid_\nb", PDRNEW_INP, off)).isEqualTo("a\n\nb");
        assertThat(render("KT_VARgrid_", JSON, on)).isEqualTo("true");
        assertThat(render("KT_VARgrid_", JSON, off)).isEqualTo("false");
    }

    @Test
    void textIsVerbatimAndTheChemicalRatesFileIsFilledIn() {
        Map<String, Object> row =
                aDefaultRow().with("fuvstring", "my field.fuv").build();

        assertThat(render("\"KT_VARfuvstring_\" KT_VARCHEM_DATABASE_FILE_", JSON, row))
                .isEqualTo("\"my field.fuv\" rates.dat");
    }

    @Test
    void valuesAreNotScannedForPlaceholders() {
        Map<String, Object> row =
                aDefaultRow().with("fuvstring", "KT_VARxnsur_").build();

        assertThat(render("KT_VARfuvstring_", PDRNEW_INP, row)).isEqualTo("KT_VARxnsur_");
    }

    @Test
    void integerColumnsAcceptIntegralDoublesButRejectFractions() {
        assertThat(render(
                        "KT_VARNiter_",
                        PDRNEW_INP,
                        aDefaultRow().with("Niter", 60.0).build()))
                .isEqualTo("60");
        assertThatThrownBy(() -> render(
                        "KT_VARNiter_",
                        PDRNEW_INP,
                        aDefaultRow().with("Niter", 60.5).build()))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("column Niter needs an integer, got 60.5 (Double)");
    }

    @Test
    void realColumnWithTextIsAnError() {
        assertThatThrownBy(() -> render(
                        "KT_VARsint_", JSON, aDefaultRow().with("sint", "ten").build()))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("column sint needs a number, got ten (String)");
    }

    @Test
    void missingValueOfAUsedColumnIsNamed() {
        assertThatThrownBy(() -> render(
                        "KT_VARalpha_", JSON, aDefaultRow().without("alpha").build()))
                .isInstanceOf(TemplateException.class)
                .hasMessage("template test.template: no value for column alpha");
    }

    @Test
    void textWithoutPlaceholdersIsReturnedUnchanged() {
        String text = "Röllig et al. 2012\n  KT_ VAR KTVARx\n";

        assertThat(render(text, PDRNEW_INP, Map.of())).isEqualTo(text);
    }
}

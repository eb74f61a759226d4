package pdrrun.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GridExportTest {
    @Test
    void csvFieldsWithCommasQuotesOrLineBreaksAreQuoted() {
        assertThat(GridExport.csvField("plain")).isEqualTo("plain");
        assertThat(GridExport.csvField(null)).isEmpty();
        assertThat(GridExport.csvField("ONION CO: failed, exit 1")).isEqualTo("\"ONION CO: failed, exit 1\"");
        assertThat(GridExport.csvField("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(GridExport.csvField("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(GridExport.csvField("cr\rx")).isEqualTo("\"cr\rx\"");
    }

    @Test
    void wholeNumbersHaveNoFraction() {
        assertThat(GridExport.csvField(-10.0)).isEqualTo("-10");
        assertThat(GridExport.csvField(0.1)).isEqualTo("0.1");
    }
}

package pdrrun.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateSourceTest {

    @TempDir
    Path dir;

    @Test
    void withoutUserPathTheShippedTemplateIsUsed() {
        TemplateSource source = TemplateSource.userOrShipped(null, TemplateSource.PDR_CONFIG_JSON);

        assertThat(source.name()).isEqualTo("built-in pdr_config.json.template");
        assertThat(source.text()).contains("\"surface_density\": KT_VARxnsur_");
    }

    @Test
    void userFileWinsOverTheShippedTemplate() throws IOException {
        Path mine = Files.writeString(dir.resolve("mine.template"), "{\"a\": KT_VARxnsur_}");

        TemplateSource source = TemplateSource.userOrShipped(mine, TemplateSource.PDR_CONFIG_JSON);

        assertThat(source.name()).isEqualTo(mine.toString());
        assertThat(source.text()).isEqualTo("{\"a\": KT_VARxnsur_}");
    }

    @Test
    void missingUserFileIsNamedInTheError() {
        Path missing = dir.resolve("nope.template");

        assertThatThrownBy(() -> TemplateSource.userOrShipped(missing, TemplateSource.PDRNEW_INP))
                .isInstanceOf(TemplateException.class)
                .hasMessage("template " + missing + ": no such file");
    }

    @Test
    void directoryIsNotATemplate() {
        assertThatThrownBy(() -> TemplateSource.fromFile(dir))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining(dir.toString());
    }

    @Test
    void nonUtf8FileIsRejectedNotGuessed() throws IOException {
        Path latin1 = Files.write(dir.resolve("latin1.template"), new byte[] {'R', (byte) 0xF6, 'l', 'l', 'i', 'g'});

        assertThatThrownBy(() -> TemplateSource.fromFile(latin1))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("latin1.template")
                .hasMessageContaining("not UTF-8");
    }

    @Test
    void unknownShippedTemplateIsAnError() {
        assertThatThrownBy(() -> TemplateSource.shipped("PDRNEW.INP"))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("built-in PDRNEW.INP");
    }

    @Test
    void sha256IsTheChecksumOfTheFileBytes() throws Exception {
        // sha256sum of the reference template, computed outside Java; the file contains "Röllig"
        Path reference = Paths.get(TemplateSourceTest.class
                .getResource("/kosma-tau/PDRNEW.INP.template")
                .toURI());

        assertThat(TemplateSource.fromFile(reference).sha256())
                .isEqualTo("b2b744c8a637d5dda97a319f250e1d2b4b54dd9762f47b0e4c4ccd098bfb6ee9");
    }

    @Test
    void toStringLeavesOutTheText() {
        assertThat(new TemplateSource("x", "long text").toString()).isEqualTo("TemplateSource[x, 9 chars]");
    }
}

package pdrrun.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pdrrun.report.bench.GenerateCatalog;
import pdrrun.testing.Workspace;
import pdrrun.testing.Workspace.Result;

/**
 * Opens the report in headless Chromium (Debian package chromium; .ci/run installs it): the page's
 * script must have drawn one SVG cell per grid point and the screenshot must not be blank. Fails,
 * never skips, without Chromium.
 */
class HtmlReportInChromiumTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    Path dir;

    @Test
    void reportRendersEveryCellAndAVisiblePicture() throws Exception {
        assertThat(CHROMIUM)
                .as("headless Chromium (apt-get install -y chromium)")
                .isExecutable();
        Path db = dir.resolve("grid.sqlite");
        GenerateCatalog.main(new String[] {db.toString(), "2000"});
        Path config = dir.resolve("c.yaml");
        Files.writeString(config, "database: {type: sqlite, path: " + db + "}\n");
        Path html = dir.resolve("report.html");
        Result r = Workspace.run("report", "--config", config.toString(), "--out", html.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();

        String dom = chromium("--dump-dom", html.toUri().toString());
        int cells = dom.split("<rect class=\"cell\"", -1).length - 1;
        assertThat(cells).as("SVG cells drawn by the page's script").isEqualTo(2000);
        assertThat(dom)
                .contains("data-rendered=\"2000\"", "1e3 cm^-3", "id=\"histogram-svg\"")
                .contains("data-view=\"dens,chi,class\"", ">dens (cm^-3)</text>", ">chi (Draine)</text>")
                .contains("<th>state</th><th>class</th><th>grid points</th>", "grid points: <b>2000</b>")
                .contains("ALERT stale_running: 40 running job(s)");
        // Any two axes: the view in the address is drawn, faceted by the other two axes.
        String other = chromium("--dump-dom", html.toUri() + "#x=mass&y=dens&colour=runtime");
        assertThat(other)
                .contains("data-view=\"mass,dens,runtime\"", ">mass (M\u2609)</text>", ">dens (cm^-3)</text>")
                .contains("chi 1e-5 Draine", "run time ");
        assertThat(other.split("<rect class=\"cell\"", -1).length - 1).isEqualTo(2000);
        // Colour by iterations, and the details of one point as hovering shows them (#point=).
        String picked = chromium("--dump-dom", html.toUri() + "#colour=iterations&point=100_5_-20_-50_00");
        assertThat(picked)
                .contains("data-view=\"dens,chi,iterations\"", "iterations 5 (dark)")
                .contains("<div id=\"tooltip\" style=\"display: block;")
                .contains(
                        "100_5_-20_-50_00\nmetal 1.0 Z\u2609, dens 3.2e0 cm^-3, mass 1e-2 M\u2609, chi 1e-5 Draine\nstate: ")
                .contains("rows 1, attempts 1\nrun time: ", "\niterations: ")
                .contains("class=\"cell picked\"");
        assertThat(other.split("<div class=\"facet\"", -1).length - 1)
                .as("one facet per metal x chi value (1 x 20)")
                .isEqualTo(20);

        Path png = dir.resolve("shot.png");
        chromium("--screenshot=" + png, "--window-size=1200,900", html.toUri().toString());
        BufferedImage image = ImageIO.read(png.toFile());
        Set<Integer> colours = new HashSet<>();
        long coloured = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xffffff;
                colours.add(rgb);
                coloured += rgb == 0xffffff ? 0 : 1;
            }
        }
        assertThat(colours.size()).as("distinct colours").isGreaterThan(20);
        assertThat(coloured).as("non-white pixels").isGreaterThan(image.getWidth() * image.getHeight() / 20L);
    }

    private String chromium(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                CHROMIUM.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + dir.resolve("profile")));
        command.addAll(List.of(args));
        Path stdout = dir.resolve("chromium.out");
        Process p = new ProcessBuilder(command)
                .redirectOutput(stdout.toFile())
                .redirectError(dir.resolve("chromium.err").toFile())
                .start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("chromium did not finish in 120 s: " + command);
        }
        assertThat(p.exitValue())
                .as(Files.readString(dir.resolve("chromium.err")))
                .isZero();
        return Files.readString(stdout, StandardCharsets.UTF_8);
    }
}

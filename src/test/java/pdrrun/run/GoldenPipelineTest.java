package pdrrun.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pdrrun.testing.Workspace;
import pdrrun.testing.Workspace.Result;

/** The whole pipeline renders the golden grid point byte for byte as the original did. */
class GoldenPipelineTest {
    @TempDir
    Path dir;

    @Test
    void storedInputsOfTheGoldenPointAreByteIdenticalToTheOriginals() throws Exception {
        Workspace w = Workspace.in(dir);
        String chem = "chem_rates_2022-10-21-ERS.dat";
        Files.copy(w.home.resolve("pdrinpdata/chem_rates_demo.dat"), w.home.resolve("pdrinpdata/" + chem));
        Path templates = dir.resolve("templates");
        Files.createDirectories(templates);
        for (String name : new String[] {"PDRNEW.INP.template", "pdr_config.json.template"}) {
            Files.copy(GoldenPipelineTest.class.getResourceAsStream("/kosma-tau/" + name), templates.resolve(name));
        }
        w.writeConfig(
                "  chem_database: " + chem + "\n  json_template_file: " + templates.resolve("pdr_config.json.template")
                        + "\n  pdrinp_template_file: " + templates.resolve("PDRNEW.INP.template")
                        + "\n",
                "model_params:\n  alpha: 1.5\n  rcore: 0.2\n  species: [CO]\n");
        String config = Files.readString(w.config).replace("  chem_database: chem_rates_demo.dat\n", "");
        Files.writeString(w.config, config);
        Result r = Workspace.run(
                "run",
                "--config",
                w.config.toString(),
                "--model-name",
                "golden",
                "--metal",
                "100",
                "--dens",
                "30",
                "--mass",
                "-10",
                "--chi",
                "10");
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        Path pdrgrid = w.storage.resolve("golden/pdrgrid");
        String job = "100_30_-10_10_00";
        assertThat(Files.readAllBytes(pdrgrid.resolve("pdr_config" + job + ".json")))
                .isEqualTo(GoldenPipelineTest.class
                        .getResourceAsStream("/golden/pdr_config.json")
                        .readAllBytes());
        assertThat(Files.readAllBytes(pdrgrid.resolve("PDRNEW" + job + ".INP")))
                .isEqualTo(GoldenPipelineTest.class
                        .getResourceAsStream("/golden/PDRNEW.INP")
                        .readAllBytes());
    }
}

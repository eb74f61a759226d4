package pdrrun.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pdrrun.run.process.ModelProcess;
import pdrrun.run.process.ProcessLimits;

/** ONION's inputs are brought into the run directory afresh for each species. */
class OnionStepTest {
    @TempDir
    Path dir;

    @Test
    void anInputTheModelLeftAsAHardLinkIsReplacedNotTruncatedWithItsOtherName() throws Exception {
        makeFolders();
        Files.writeString(dir.resolve("onioninpdata/ONION3.INP.CO"), "CO\n");
        Files.writeString(dir.resolve("pdroutput/CTRL_IND"), "ctrl\n");
        Files.createLink(dir.resolve("CTRL_IND"), dir.resolve("pdroutput/CTRL_IND"));
        // And ONION3.INP a link to a file of the home: replaced, not written through.
        Path homeFile = Files.writeString(dir.resolve("home-ONION3.INP"), "home\n");
        Files.createSymbolicLink(dir.resolve("ONION3.INP"), homeFile);
        Path onion = dir.resolve("onionexe");
        Files.writeString(
                onion,
                "#!/bin/bash\ncat ONION3.INP CTRL_IND > onionoutput/seen\n"
                        + "for f in jerg_CO.smli jerg_CO.srli jtemp_CO.smli jtemp_CO.smlc linebt_CO.out ONION3_CO.OUT;"
                        + " do echo x > onionoutput/$f; done\n");
        onion.toFile().setExecutable(true);

        OnionStep.run(
                new ModelProcess(Clock.systemUTC()),
                dir,
                "onionexe",
                "CO",
                Map.of(),
                ProcessLimits.none().withPollInterval(Duration.ofMillis(100)));

        assertThat(dir.resolve("onionoutput/seen")).hasContent("CO\nctrl");
        assertThat(dir.resolve("pdroutput/CTRL_IND")).hasContent("ctrl");
        assertThat(homeFile).hasContent("home");
        assertThat(dir.resolve("ONION3.INP")).isRegularFile().hasContent("CO");
    }

    @Test
    void theNextSpeciesInputIsWrittenOverTheLastInPlaceAndCutToItsLength() throws Exception {
        makeFolders();
        Files.writeString(dir.resolve("onioninpdata/ONION3.INP.CO"), "CO\nwith a long line of settings\n");
        Files.writeString(dir.resolve("onioninpdata/ONION3.INP.C"), "C\n");
        Files.writeString(dir.resolve("pdroutput/CTRL_IND"), "ctrl\n");
        Path onion = dir.resolve("onionexe");
        Files.writeString(
                onion,
                "#!/bin/bash\nsp=$(head -1 ONION3.INP)\ncat ONION3.INP > onionoutput/seen-$sp\n"
                        + "for f in jerg_ jerg_ jtemp_ jtemp_ linebt_ ONION3_; do echo x > onionoutput/$f$sp; done\n"
                        + "cd onionoutput && mv jerg_$sp jerg_$sp.smli && echo x > jerg_$sp.srli"
                        + " && mv jtemp_$sp jtemp_$sp.smli && echo x > jtemp_$sp.smlc"
                        + " && mv linebt_$sp linebt_$sp.out && mv ONION3_$sp ONION3_$sp.OUT\n");
        onion.toFile().setExecutable(true);
        ModelProcess processes = new ModelProcess(Clock.systemUTC());
        ProcessLimits limits = ProcessLimits.none().withPollInterval(Duration.ofMillis(100));

        OnionStep.run(processes, dir, "onionexe", "CO", Map.of(), limits);
        Object first = Files.readAttributes(dir.resolve("ONION3.INP"), BasicFileAttributes.class)
                .fileKey();
        Path seen = Files.move(dir.resolve("onionoutput/seen-CO"), dir.resolve("seen-CO"));
        OnionStep.run(processes, dir, "onionexe", "C", Map.of(), limits);

        assertThat(seen).hasContent("CO\nwith a long line of settings");
        assertThat(dir.resolve("onionoutput/seen-C")).hasContent("C");
        assertThat(dir.resolve("ONION3.INP")).hasContent("C");
        assertThat(Files.readAttributes(dir.resolve("ONION3.INP"), BasicFileAttributes.class)
                        .fileKey())
                .as("the same file, written over")
                .isEqualTo(first);
    }

    private void makeFolders() throws java.io.IOException {
        for (String folder : new String[] {"onioninpdata", "pdroutput", "onionoutput"}) {
            Files.createDirectories(dir.resolve(folder));
        }
    }
}

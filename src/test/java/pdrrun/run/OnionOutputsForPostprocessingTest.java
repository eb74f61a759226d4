package pdrrun.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pdrrun.testing.Workspace;
import pdrrun.testing.Workspace.Result;

/**
 * pdr.postprocessing steps run after ONION in the run directory (SPEC section 9: ONION per
 * species, then SIMLINE line synthesis and the like). Before outputs were taken by rename, the
 * last species' ONION outputs were still in onionoutput/ when those steps ran; now they are gone.
 */
class OnionOutputsForPostprocessingTest {
    @TempDir
    Path dir;

    @Test
    void aPostprocessingStepStillFindsTheOnionOutputsOfTheSpecies() {
        Workspace w = Workspace.in(dir);
        w.writeConfig(
                "  postprocessing:\n"
                        + "    - name: LINES\n"
                        + "      command: [bash, -c, \"test -f onionoutput/linebt_CO.out\"]\n"
                        + "      timeout_s: 10\n",
                "");

        Result r = w.runOnePoint();

        assertThat(w.queryString("SELECT postproc_error FROM pdr_model_jobs"))
                .as(r.out() + r.err())
                .isNull();
        assertThat(r.exitCode()).isZero();
    }
}

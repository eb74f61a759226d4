package pdrrun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pdrrun.testing.Workspace;
import pdrrun.testing.Workspace.Result;

class DemoCommandTest {
    @TempDir
    Path dir;

    @Test
    void demoRunsNineModelsAndTheReportingCommandsAgree() {
        Result demo = Workspace.run("demo", "--dir", dir.toString());
        assertThat(demo.exitCode()).as(demo.out() + demo.err()).isZero();
        assertThat(demo.out()).contains("Job states: finished=9").contains("outputs: " + dir.resolve("storage/demo"));
        Path pdrgrid = dir.resolve("storage/demo/pdrgrid");
        for (String job : new String[] {"100_30_-10_10_00", "100_50_-10_30_00"}) {
            for (String file : new String[] {
                "TEXTOUT" + job,
                "pdr" + job + ".hdf",
                "pdrstruct" + job + ".hdf5",
                "pdrchem" + job + ".hdf5",
                "chemchk" + job + ".out",
                "MCDRT" + job + ".tar.gz",
                "PDRNEW" + job + ".INP",
                "pdr_config" + job + ".json",
                "CTRL_IND" + job
            }) {
                assertThat(pdrgrid.resolve(file)).isRegularFile();
            }
        }
        String config = dir.resolve("config.yaml").toString();
        assertThat(Workspace.run("status", "--config", config).out()).contains("9 grid points, ok 9");
        assertThat(Workspace.run("export", "--config", config, "--format", "csv")
                        .out()
                        .lines()
                        .filter(l -> l.contains(",finished,"))
                        .count())
                .isEqualTo(9);
        assertThat(Workspace.run("jobs", "show", "100_30_-10_10_00", "--config", config)
                        .out())
                .contains("finished");
        Result again = Workspace.run("demo", "--dir", dir.toString());
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).contains("0 new jobs, 9 already registered");
    }
}

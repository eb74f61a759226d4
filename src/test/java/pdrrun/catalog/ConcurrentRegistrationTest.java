package pdrrun.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pdrrun.testing.Workspace;

/** Two processes registering the same grid at the same moment create each row once. */
class ConcurrentRegistrationTest {
    @TempDir
    Path dir;

    @Test
    void twoProcessesRegisteringTheSameGridCreateNoDuplicates() throws Exception {
        Workspace w = Workspace.in(dir);
        List<String> dens = new ArrayList<>();
        for (int d = 10; d < 70; d++) {
            dens.add(Integer.toString(d));
        }
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp",
                    System.getProperty("java.class.path"),
                    "pdrrun.cli.Main",
                    "submit",
                    "--config",
                    w.config.toString(),
                    "--model-name",
                    "race",
                    "--metal",
                    "100",
                    "50",
                    "25",
                    "75",
                    "--mass",
                    "-10",
                    "0",
                    "10",
                    "20",
                    "--chi",
                    "10",
                    "20",
                    "30",
                    "40",
                    "50"));
            command.add("--dens");
            command.addAll(dens);
            processes.add(new ProcessBuilder(command).redirectErrorStream(true).start());
        }
        int created = 0;
        for (Process p : processes) {
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            String out = new String(p.getInputStream().readAllBytes());
            assertThat(p.exitValue()).as(out).isZero();
            created += Integer.parseInt(out.replaceAll("(?s).*?(\\d+) new jobs.*", "$1"));
        }
        int points = 4 * 60 * 4 * 5;
        assertThat(created).isEqualTo(points);
        assertThat(w.count("pdr_model_jobs")).isEqualTo(points);
        assertThat(w.count("kosmatau_parameters")).isEqualTo(points);
        assertThat(w.count("model_names")).isEqualTo(1);
        assertThat(w.count("users")).isEqualTo(1);
        assertThat(w.count("kosmatau_executables")).isEqualTo(4);
        assertThat(w.count("chemical_databases")).isEqualTo(1);
        assertThat(w.queryLong("SELECT COUNT(DISTINCT model_job_name) FROM pdr_model_jobs"))
                .isEqualTo(points);
    }
}

package pdrrun.slurm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class BatchScriptTest {
    private static BatchScript script(String time, List<String> extra) {
        return new BatchScript(
                "pdr-m",
                3,
                "/opt/pdr-run/pdr-run",
                "/data/my config.yaml",
                "m",
                2,
                60,
                time,
                "short",
                "astro",
                "4G",
                2,
                extra,
                "/data/logs");
    }

    @Test
    void anArrayOfWorkersOnTheSameConfiguration() {
        String text = script("01:30:00", List.of("--qos=long")).render();
        assertThat(text)
                .startsWith("#!/bin/bash\n")
                .contains("#SBATCH --array=0-2\n", "#SBATCH --time=01:30:00\n", "#SBATCH --partition=short\n")
                .contains("#SBATCH --account=astro\n", "#SBATCH --mem=4G\n", "#SBATCH --cpus-per-task=2\n")
                .contains("#SBATCH --qos=long\n", "#SBATCH --export=ALL\n", "--export=ALL, its default")
                .contains("#SBATCH --output=/data/logs/slurm-%A_%a.out\n")
                .contains("exec /opt/pdr-run/pdr-run worker --config '/data/my config.yaml' --model 'm' --slots 2"
                        + " --idle-exit 60 --deadline-epoch-ms \"$deadline\"\n")
                .contains("+ 5400 * 1000");
    }

    @Test
    void optionalSettingsAreLeftOut() {
        String text = new BatchScript(
                        "j", 1, "pdr-run", "/c.yaml", "m", 1, 5, null, null, null, null, null, List.of(), null)
                .render();
        assertThat(text).contains("#SBATCH --array=0-0\n").doesNotContain("--time", "--partition", "--mem", "--output");
    }

    @Test
    void timeLimitsInSlurmForms() {
        assertThat(BatchScript.timeSeconds("01:02:03")).isEqualTo(3723);
        assertThat(BatchScript.timeSeconds("2-00:00:10")).isEqualTo(172810);
        assertThat(BatchScript.timeSeconds("30")).isEqualTo(1800);
        assertThat(BatchScript.timeSeconds("5:30")).isEqualTo(330);
        assertThat(BatchScript.timeSeconds("soon")).isEqualTo(-1);
        assertThatThrownBy(() -> script("soon", List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> script(null, List.of("--qos=a\nrm -rf /")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void quotingForTheShell() {
        assertThat(BatchScript.quote("it's")).isEqualTo("'it'\\''s'");
    }

    @Test
    void sbatchJobIdsAreParsed() {
        assertThat(Sbatch.parseJobId("4711\n")).isEqualTo("4711");
        assertThat(Sbatch.parseJobId("4711;pdrtest\n")).isEqualTo("4711");
        assertThatThrownBy(() -> Sbatch.parseJobId("Submitted batch job")).isInstanceOf(SlurmException.class);
    }

    @Test
    void aMissingOrFailingCommandIsAClearError() {
        Sbatch sbatch = new Sbatch(java.util.Map.of("PATH", "/usr/bin:/bin"), java.time.Duration.ofSeconds(5));
        assertThatThrownBy(() -> sbatch.run(List.of("pdr-no-such-sbatch", "--parsable")))
                .isInstanceOf(SlurmException.class)
                .hasMessageContaining("pdr-no-such-sbatch not found");
        assertThatThrownBy(() -> sbatch.run(List.of("sh", "-c", "echo no partition >&2; exit 1")))
                .isInstanceOf(SlurmException.class)
                .hasMessageContaining("failed (exit 1): no partition");
        assertThatThrownBy(() ->
                        new Sbatch(java.util.Map.of(), java.time.Duration.ofMillis(300)).run(List.of("sleep", "5")))
                .hasMessageContaining("did not answer within");
    }
}

package pdrrun.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pdrrun.testing.Workspace;
import pdrrun.testing.Workspace.Result;

/** Slots without work do not hold up the end of a run. */
class IdleSlotsTest {
    @TempDir
    Path dir;

    @Test
    void aRunEndsWhenItsLastJobIsRecordedNotWhenAnIdleSlotNextPolls() throws Exception {
        Workspace w = Workspace.in(dir);
        // One quick job and one of 1.4 s: the quick job's slot goes idle and, with a 30 s
        // heartbeat, polls the catalog once a second; the run must not wait for its next poll.
        w.writeConfig("  environment:\n    PDRDEMO_MODES: \"100_30_-10_20_00=sleep:1.4\"\n", "");
        Files.writeString(w.config, Files.readString(w.config).replace("heartbeat_s: 1\n", "heartbeat_s: 30\n"));
        Result r = Workspace.run(
                "run",
                "--config",
                w.config.toString(),
                "--model-name",
                "idle",
                "--metal",
                "100",
                "--mass",
                "-10",
                "--dens",
                "30",
                "--chi",
                "10",
                "20",
                "--species",
                "CO",
                "--parallel",
                "--workers",
                "2");
        Instant returned = Instant.now();
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(w.queryLong("SELECT COUNT(*) FROM pdr_model_jobs WHERE status = 'finished'"))
                .isEqualTo(2);
        Instant lastModelEnd = LocalDateTime.parse(w.queryString("SELECT MAX(time_of_finish) FROM pdr_model_jobs")
                        .replace(' ', 'T'))
                .toInstant(ZoneOffset.UTC);
        // Storing and recording the last job take well under this; an idle slot's next poll would
        // come 0.6 to 1 s after the last model ended.
        assertThat(Duration.between(lastModelEnd, returned)).isLessThan(Duration.ofMillis(450));
    }
}

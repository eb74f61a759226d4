package pdrrun.run.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkingDirectoriesTest {
    @TempDir
    Path dir;

    @Test
    void aProcessStartedSinceTheMarkIsFoundByLookingAtTheNewPidsOnly() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("run/pdroutput"));
        Process before = sleepIn(folder);
        try {
            WorkingDirectories.Mark mark = WorkingDirectories.mark();
            assertThat(WorkingDirectories.anyIn(dir.resolve("run"), mark))
                    .as("started before the mark: not the job's")
                    .isFalse();
            assertThat(WorkingDirectories.anyIn(dir.resolve("run")))
                    .as("every process")
                    .isTrue();

            Process after = sleepIn(folder);
            try {
                assertThat(WorkingDirectories.anyIn(dir.resolve("run"), mark)).isTrue();
            } finally {
                after.destroyForcibly().waitFor();
            }
            assertThat(WorkingDirectories.anyIn(dir.resolve("run"), mark)).isFalse();
        } finally {
            before.destroyForcibly().waitFor();
        }
    }

    @Test
    void aMarkTooOldForThePidsToBeSoundLooksAtEveryProcess() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("run"));
        Process before = sleepIn(folder);
        try {
            WorkingDirectories.Mark now = WorkingDirectories.mark();
            WorkingDirectories.Mark old =
                    new WorkingDirectories.Mark(now.lastPid(), System.nanoTime() - TimeUnit.SECONDS.toNanos(6));
            WorkingDirectories.Mark unknown = new WorkingDirectories.Mark(OptionalLong.empty(), System.nanoTime());

            assertThat(WorkingDirectories.anyIn(folder, now)).isFalse();
            assertThat(WorkingDirectories.anyIn(folder, old)).isTrue();
            assertThat(WorkingDirectories.anyIn(folder, unknown)).isTrue();
        } finally {
            before.destroyForcibly().waitFor();
        }
    }

    @Test
    void aWindowOfManyPidsIsSearchedByListingProcesses() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("run"));
        OptionalLong last = PidWindow.lastAllocated();
        assertThat(last).isPresent();
        // A window of 1,000 pids ending now: too many to look at one by one.
        WorkingDirectories.Mark wide =
                new WorkingDirectories.Mark(OptionalLong.of(Math.max(1, last.getAsLong() - 1001)), System.nanoTime());
        assertThat(new PidWindow(Math.max(1, last.getAsLong() - 1000), last.getAsLong()).few())
                .isEmpty();
        Process p = sleepIn(folder);
        try {
            assertThat(WorkingDirectories.anyIn(folder, wide)).isTrue();
        } finally {
            p.destroyForcibly().waitFor();
        }
        assertThat(WorkingDirectories.anyIn(folder, wide)).isFalse();
    }

    private static Process sleepIn(Path folder) throws Exception {
        Process p = new ProcessBuilder("sleep", "60").directory(folder.toFile()).start();
        // Its working directory is set before exec: wait until the exec is done.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.readSymbolicLink(Path.of("/proc/" + p.pid() + "/exe"))
                        .getFileName()
                        .toString()
                        .equals("sleep")
                && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        return p;
    }
}

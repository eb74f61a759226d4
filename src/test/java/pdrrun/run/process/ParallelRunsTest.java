package pdrrun.run.process;

import static org.assertj.core.api.Assertions.assertThat;
import static pdrrun.run.process.ProcessFixtures.RUNNER;
import static pdrrun.run.process.ProcessFixtures.awaitPid;
import static pdrrun.run.process.ProcessFixtures.fastLimits;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParallelRunsTest {
    private static final int RUNS = 4;

    @TempDir
    Path dir;

    @Test
    void fourCappedRunsInParallelAreAllKilledAndNothingSurvives() throws Exception {
        Path home = ProcessFixtures.demoHome(dir);
        ProcessLimits limits = fastLimits().withWallTime(Duration.ofMillis(1500));
        ExecutorService pool = Executors.newFixedThreadPool(RUNS);
        try {
            List<Path> runs = new ArrayList<>();
            List<Future<ProcessResult>> results = new ArrayList<>();
            for (int i = 0; i < RUNS; i++) {
                Path run = ProcessFixtures.runDir(dir, "run" + i);
                runs.add(run);
                results.add(pool.submit(() -> RUNNER.run(ProcessFixtures.pdrexe(home, run, "hang"), limits)));
            }
            List<Long> pids = new ArrayList<>();
            for (Path run : runs) {
                long child = awaitPid(run.resolve("pdroutput/child.pid"), Duration.ofSeconds(5));
                pids.add(child);
                pids.add(ProcStat.of(child).orElseThrow().parent());
            }
            assertThat(pids).as("all models and children alive at once").allMatch(ProcessFixtures::alive);
            assertThat(pids).doesNotHaveDuplicates();

            for (Future<ProcessResult> f : results) {
                ProcessResult result = f.get(30, TimeUnit.SECONDS);
                assertThat(result.timedOut()).isTrue();
                assertThat(result.wallTime()).isLessThan(Duration.ofSeconds(6));
            }

            assertThat(pids).noneMatch(ProcessFixtures::alive);
        } finally {
            pool.shutdownNow();
        }
    }
}

package pdrrun.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deadline part of the generated sbatch script, run by bash as a task would run it. The worker
 * command is {@code printf}, which prints the worker's arguments; {@code squeue} is a script in
 * front of the PATH that answers what a controller would (SlurmClusterTest asks a real one).
 */
class BatchScriptDeadlineTest {
    @TempDir
    Path dir;

    private static BatchScript script(String time) {
        return new BatchScript(
                "pdr-m", 1, "printf '%s\\n'", "/c.yaml", "m", 1, 5, time, null, null, null, null, List.of(), null);
    }

    /**
     * Runs the script as the last task (2) of array 4709, whose own job id is the array's, with
     * {@code squeueBody} as squeue; returns --deadline-epoch-ms.
     */
    private long deadline(BatchScript script, String squeueBody) throws IOException, InterruptedException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path squeue = bin.resolve("squeue");
        Files.writeString(squeue, "#!/bin/bash\necho \"$*\" >> " + dir.resolve("squeue.args") + "\n" + squeueBody);
        squeue.toFile().setExecutable(true);
        Path file = dir.resolve("job.sh");
        Files.writeString(file, script.render(), StandardCharsets.UTF_8);
        ProcessBuilder pb = new ProcessBuilder("bash", file.toString()).redirectErrorStream(true);
        pb.environment().put("PATH", bin + ":/usr/bin:/bin");
        pb.environment().put("SLURM_JOB_ID", "4709");
        pb.environment().put("SLURM_ARRAY_JOB_ID", "4709");
        pb.environment().put("SLURM_ARRAY_TASK_ID", "2");
        pb.environment().put("TZ", "UTC"); // squeue prints local time without a zone
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        List<String> args = out.lines().toList();
        assertThat(args).as(out).contains("worker", "--deadline-epoch-ms");
        return Long.parseLong(args.get(args.indexOf("--deadline-epoch-ms") + 1));
    }

    @Test
    void theAllocationEndThatSqueueReportsForTheArrayTaskIsTheDeadline() throws Exception {
        // Asked about the array (its id), squeue would list every task: one line per task.
        long deadline = deadline(
                script("00:10:00"),
                "if [ \"$3\" = 4709 ]; then echo 2031-05-06T07:08:09; fi\necho 2031-05-06T07:08:09\n");

        assertThat(deadline)
                .isEqualTo(LocalDateTime.parse("2031-05-06T07:08:09")
                        .toInstant(ZoneOffset.UTC)
                        .toEpochMilli());
        assertThat(Files.readString(dir.resolve("squeue.args"))).isEqualTo("-h -j 4709_2 -o %e\n");
    }

    @Test
    void withoutAnAnswerFromSqueueTheTimeLimitCountsFromTheStart() throws Exception {
        long before = System.currentTimeMillis();
        long deadline = deadline(script("00:10:00"), "echo 'squeue: error: cannot reach the controller' >&2\nexit 1\n");
        long after = System.currentTimeMillis();

        assertThat(deadline).isBetween(before + 600_000, after + 600_000);
    }

    @Test
    void withoutAnAnswerAndWithoutATimeLimitThereIsNoDeadline() throws Exception {
        assertThat(deadline(script(null), "exit 1\n")).isZero();
        assertThat(deadline(script(null), "echo Unknown\n")).isZero();
    }
}

package pdrrun.slurm;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An sbatch script: a job array whose tasks each run one {@code pdr-run worker} on the same
 * configuration and model. Pure: {@link #render()} only builds text. Secrets never appear in it;
 * they reach the tasks through the environment sbatch exports ({@code --export=ALL}, its default).
 *
 * @param jobName SLURM job name
 * @param arrayTasks number of array tasks (at least 1)
 * @param workerCommand shell text that starts pdr-run (launcher path or a java command line), inserted verbatim
 * @param config absolute path of the configuration file
 * @param model model (grid) name the workers claim from
 * @param slots worker slots per task ({@code --slots})
 * @param idleExitSeconds workers exit after this long without work
 * @param time {@code --time} limit (HH:MM:SS or any SLURM form), null for the partition default
 * @param partition partition, or null
 * @param account account, or null
 * @param mem memory per node ({@code --mem}), or null
 * @param cpusPerTask cpus per task, or null (SLURM default)
 * @param extraOptions further {@code #SBATCH} options, each like {@code --qos=long}
 * @param logDir directory of the tasks' output files ({@code slurm-%A_%a.out}), or null for sbatch's default
 */
public record BatchScript(
        String jobName,
        int arrayTasks,
        String workerCommand,
        String config,
        String model,
        int slots,
        int idleExitSeconds,
        String time,
        String partition,
        String account,
        String mem,
        Integer cpusPerTask,
        List<String> extraOptions,
        String logDir) {

    private static final Pattern TIME = Pattern.compile("(?:(\\d+)-)?(?:(\\d+):)?(?:(\\d+):)?(\\d+)");

    public BatchScript {
        if (arrayTasks < 1 || slots < 1 || idleExitSeconds < 0) {
            throw new IllegalArgumentException("array tasks and slots must be at least 1, idle exit not negative");
        }
        Objects.requireNonNull(workerCommand, "workerCommand");
        extraOptions = List.copyOf(extraOptions);
        if (time != null && timeSeconds(time) < 0) {
            throw new IllegalArgumentException("--time '" + time + "': expected [D-]HH:MM:SS, MM:SS or minutes");
        }
        for (String o : extraOptions) {
            if (o.contains("\n")) {
                throw new IllegalArgumentException("sbatch option with a line break: " + o);
            }
        }
    }

    /** The script text. */
    public String render() {
        List<String> lines = new ArrayList<>();
        lines.add("#!/bin/bash");
        lines.add("# Written by pdr-run submit --slurm: each array task runs one pdr-run worker on model '" + model
                + "'.");
        lines.add("# Secrets (database passwords, storage keys) are not in this script: sbatch exports the");
        lines.add(
                "# submitting environment to the tasks (--export=ALL, its default), and the workers read them there.");
        lines.add("#SBATCH --job-name=" + jobName);
        lines.add("#SBATCH --array=0-" + (arrayTasks - 1));
        lines.add("#SBATCH --ntasks=1");
        lines.add("#SBATCH --export=ALL");
        if (cpusPerTask != null) {
            lines.add("#SBATCH --cpus-per-task=" + cpusPerTask);
        }
        optional(lines, "--time", time);
        optional(lines, "--partition", partition);
        optional(lines, "--account", account);
        optional(lines, "--mem", mem);
        if (logDir != null) {
            lines.add("#SBATCH --output=" + logDir + "/slurm-%A_%a.out");
        }
        for (String o : extraOptions) {
            lines.add("#SBATCH " + o.strip());
        }
        lines.add("set -u");
        lines.add("# Allocation end in ms since the epoch: workers start no job that cannot finish before it.");
        lines.add("deadline=0");
        // Asked by its own job id, the array's last task would hear about every task of the array
        // (that id is also the array's): ask for ARRAYID_TASKID, one line.
        lines.add("task=\"${SLURM_JOB_ID}\"");
        lines.add(
                "if [ -n \"${SLURM_ARRAY_TASK_ID:-}\" ]; then task=\"${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID}\"; fi");
        lines.add("end=$(squeue -h -j \"$task\" -o %e 2>/dev/null || true)");
        // GNU date reads an empty string as midnight today: without the -n test a failed squeue
        // (no answer) would set a deadline in the past and the workers would start nothing.
        lines.add("if [ -n \"$end\" ] && ms=$(date -d \"$end\" +%s%3N 2>/dev/null); then deadline=$ms; fi");
        if (time != null) {
            lines.add("if [ \"$deadline\" = 0 ]; then deadline=$(( $(date +%s%3N) + " + timeSeconds(time)
                    + " * 1000 )); fi");
        }
        lines.add("exec " + workerCommand + " worker --config " + quote(config) + " --model " + quote(model)
                + " --slots " + slots + " --idle-exit " + idleExitSeconds + " --deadline-epoch-ms \"$deadline\"");
        return String.join("\n", lines) + "\n";
    }

    /** Seconds of a SLURM time limit ([D-]HH:MM:SS, HH:MM:SS, MM:SS or minutes), -1 when malformed. */
    public static long timeSeconds(String time) {
        var m = TIME.matcher(time.strip());
        if (!m.matches()) {
            return -1;
        }
        long days = m.group(1) == null ? 0 : Long.parseLong(m.group(1));
        long a = m.group(2) == null ? -1 : Long.parseLong(m.group(2));
        long b = m.group(3) == null ? -1 : Long.parseLong(m.group(3));
        long last = Long.parseLong(m.group(4));
        if (a < 0) {
            return days > 0 ? days * 86400 + last * 3600 : last * 60; // "D-HH" or "MM"
        }
        if (b < 0) {
            return days > 0 ? days * 86400 + a * 3600 + last * 60 : a * 60 + last; // "D-HH:MM" or "MM:SS"
        }
        return days * 86400 + a * 3600 + b * 60 + last;
    }

    /** Single-quotes a word for the shell. */
    public static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    private static void optional(List<String> lines, String option, String value) {
        if (value != null && !value.isBlank()) {
            if (value.contains("\n")) {
                throw new IllegalArgumentException(option + " with a line break");
            }
            lines.add("#SBATCH " + option + "=" + value.strip());
        }
    }
}

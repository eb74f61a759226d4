package pdrrun.cli;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import pdrrun.config.ConfigException;
import pdrrun.job.JobStatus;

/** Parses --rerun STATE,...: all, failed (anything but a success or skip) or literal states. */
final class RerunSelection {
    private RerunSelection() {}

    static Set<JobStatus> parse(String text) {
        Set<JobStatus> states = EnumSet.noneOf(JobStatus.class);
        for (String part : text.split(",")) {
            String token = part.strip();
            if (token.equalsIgnoreCase("all")) {
                Arrays.stream(JobStatus.values()).filter(JobStatus::terminal).forEach(states::add);
                states.add(JobStatus.RESET_STALE);
            } else if (token.equalsIgnoreCase("failed")) {
                Arrays.stream(JobStatus.values())
                        .filter(JobStatus::terminal)
                        .filter(s -> !JobStatus.OK.contains(s))
                        .forEach(states::add);
            } else {
                states.add(JobStatus.fromDb(token)
                        .filter(s -> s != JobStatus.PENDING && s != JobStatus.RUNNING)
                        .orElseThrow(() -> new ConfigException("--rerun: '" + token + "' is not a job state; use all,"
                                + " failed or states among "
                                + Arrays.stream(JobStatus.values())
                                        .filter(JobStatus::terminal)
                                        .map(JobStatus::dbName)
                                        .collect(Collectors.joining(", ")))));
            }
        }
        return states;
    }
}

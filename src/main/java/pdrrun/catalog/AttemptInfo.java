package pdrrun.catalog;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;

/**
 * Where an attempt runs: host, process and, under SLURM, the cluster job and array task
 * (read from SLURM_JOB_ID, SLURM_ARRAY_JOB_ID and SLURM_ARRAY_TASK_ID).
 */
public record AttemptInfo(String host, long pid, String clusterJobId, String arrayTaskId) {
    public static AttemptInfo current(Map<String, String> env) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        String cluster = env.getOrDefault("SLURM_ARRAY_JOB_ID", env.get("SLURM_JOB_ID"));
        return new AttemptInfo(host, ProcessHandle.current().pid(), cluster, env.get("SLURM_ARRAY_TASK_ID"));
    }
}

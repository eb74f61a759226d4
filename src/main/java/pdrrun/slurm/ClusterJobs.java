package pdrrun.slurm;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import pdrrun.catalog.Catalog;

/** The cluster jobs a model's running jobs belong to, read from the attempt history. */
public final class ClusterJobs {
    /** A running job: its id, lease owner and the cluster job (array) id of its open attempt. */
    public record RunningJob(long jobId, String owner, String clusterJobId) {}

    private final Catalog catalog;

    public ClusterJobs(Catalog catalog) {
        this.catalog = catalog;
    }

    /** Running jobs of the model whose open attempt runs under a cluster job. */
    public List<RunningJob> running(long modelId) {
        return catalog.transactions().inTransaction("cluster jobs of model " + modelId, c -> {
            List<RunningJob> found = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("SELECT j.id, j.lease_owner, a.cluster_job_id FROM "
                    + "pdr_model_jobs j JOIN job_attempts a ON a.job_id = j.id AND a.finished_at IS NULL "
                    + "WHERE j.model_name_id = ? AND j.status = 'running' AND a.cluster_job_id IS NOT NULL "
                    + "ORDER BY j.id")) {
                select.setLong(1, modelId);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        found.add(new RunningJob(rs.getLong(1), rs.getString(2), rs.getString(3)));
                    }
                }
            }
            return found;
        });
    }

    /** The distinct cluster job ids of {@code jobs}, in order of appearance. */
    public static List<String> clusterIds(List<RunningJob> jobs) {
        return jobs.stream().map(RunningJob::clusterJobId).distinct().toList();
    }
}

package pdrrun.run;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import pdrrun.catalog.ClaimedJob;
import pdrrun.catalog.JobResult;
import pdrrun.job.JobStatus;
import pdrrun.storage.StorageBackend;
import pdrrun.storage.StorageRetry;

/**
 * A model already in storage (SPEC section 4 step 3): marked skipped with the stored files'
 * locations; not recomputed. ONION reruns on it only with --force-onion, in {@link
 * KosmaTauPipeline}.
 */
final class SkippedJob {
    private final StorageBackend storage;
    private final Clock clock;

    SkippedJob(RunSettings settings, StorageBackend storage, StorageRetry retry, Clock clock) {
        this.storage = storage;
        this.clock = clock;
    }

    JobResult record(ClaimedJob job, RenderedInputs inputs, StoragePaths p, LocalDateTime started) {
        Map<String, Object> columns = new LinkedHashMap<>();
        columns.put("output_directory", storage.location(job.modelName()));
        columns.put("output_hdf5_file", storage.location(p.structure()));
        columns.put("output_hdf4_file", storage.location(p.pdrgrid("pdr", ".hdf")));
        columns.put("output_textout_file", storage.location(p.pdrgrid("TEXTOUT", "")));
        columns.put("output_chemchk_file", storage.location(p.pdrgrid("chemchk", ".out")));
        columns.put("output_mcdrt_zip_file", storage.location(p.pdrgrid("MCDRT", ".tar.gz")));
        columns.put("output_ctrl_ind_file", storage.location(p.ctrlInd()));
        return new JobResult(
                JobStatus.SKIPPED,
                started,
                LocalDateTime.now(clock),
                null,
                null,
                null,
                null,
                inputs.configJson(),
                inputs.templateSha256(),
                columns,
                null,
                null,
                null);
    }
}

package pdrrun.report;

import java.io.PrintWriter;

/** The stored outputs of a job with their checksums, from hdf_files, json_files and the job row. */
final class JobOutputs {
    private JobOutputs() {}

    static void print(ReadOnlyDatabase db, long jobId, GridPoint p, PrintWriter out) {
        out.println("stored outputs:");
        db.query(
                "HDF records",
                "SELECT full_path, sha256_sum, file_size, full_path_hdf5_s, sha256_sum_hdf5_s, file_size_hdf5_s,"
                        + " full_path_hdf5_c, sha256_sum_hdf5_c, file_size_hdf5_c, corrupt FROM hdf_files WHERE job_id = ?"
                        + " ORDER BY id",
                rs -> {
                    for (int i = 1; i <= 7; i += 3) {
                        if (rs.getString(i) != null) {
                            out.printf(
                                    "  %s  sha256 %s  %d bytes%s%n",
                                    rs.getString(i),
                                    rs.getString(i + 1),
                                    rs.getLong(i + 2),
                                    rs.getBoolean(10) ? "  CORRUPT" : "");
                        }
                    }
                    return null;
                },
                jobId);
        db.query(
                "JSON records",
                "SELECT path, sha256_sum, archived_path FROM json_files WHERE job_id = ? ORDER BY id",
                rs -> {
                    out.printf(
                            "  %s  sha256 %s%s%n",
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3) == null ? "" : "  archived " + rs.getString(3));
                    return null;
                },
                jobId);
        GridPoint.Outputs o = p.outputs();
        out.printf("  folder %s; TEXTOUT %s%n", o.directory(), o.textout());
    }
}

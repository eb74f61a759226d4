package pdrrun.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import pdrrun.catalog.Catalog;
import pdrrun.catalog.CatalogDiagnostics;
import pdrrun.config.Config;
import pdrrun.config.ConfigSchema;
import pdrrun.queue.QueuePolicy;
import pdrrun.queue.RunSummary;
import pdrrun.queue.SpoolUploads;
import pdrrun.queue.Worker;
import pdrrun.queue.WorkerOptions;
import pdrrun.run.JobListener;
import pdrrun.run.KosmaTauPipeline;
import pdrrun.run.RunSettings;
import pdrrun.spool.Spool;
import pdrrun.storage.StorageBackend;
import pdrrun.storage.StorageException;
import pdrrun.storage.StorageRetry;

/**
 * What run and worker share once the catalog and storage are open: storing what waits in the
 * spool, a worker over the pipeline, stopped gracefully by signals, its summary line, the
 * diagnostics snapshot and the exit code.
 */
final class JobExecution {
    private JobExecution() {}

    static int execute(
            Config config,
            Catalog catalog,
            StorageBackend storage,
            RunSettings settings,
            WorkerOptions options,
            Worker.ProgressListener progress,
            JobListener listener,
            PrintWriter out,
            PrintWriter err) {
        Clock clock = Clock.systemUTC();
        KosmaTauPipeline pipeline = new KosmaTauPipeline(
                settings,
                storage,
                StorageRetry.withDefaults(),
                clock,
                listener,
                Spool.from(config, GridOptions.environment, clock));
        Worker worker = new Worker(catalog, pipeline, clock, QueuePolicy.from(config), options, progress);
        RunSummary summary;
        try (StopSignals signals = StopSignals.install(worker, err)) {
            summary = worker.run();
        } finally {
            if (progress instanceof AutoCloseable closeable) {
                closeQuietly(closeable);
            }
        }
        out.println(summary.line());
        out.flush();
        writeDiagnostics(config, catalog, err);
        return summary.allSucceeded() ? ExitCodes.OK : ExitCodes.JOBS_FAILED;
    }

    /**
     * Stores the spooled outputs of these models (all when empty) and records their jobs, printing
     * one line when there was anything. Returns false when an upload failed again; entries left
     * for another process or a decision are named but fail nothing here. A spool folder that
     * cannot be listed (unreadable, a file, a stale mount) is a one-line warning: the spool is a
     * fallback, and a run whose storage works must not stop for it.
     */
    static boolean uploadSpooled(
            Config config,
            Catalog catalog,
            StorageBackend storage,
            List<String> models,
            PrintWriter out,
            PrintWriter err) {
        Clock clock = Clock.systemUTC();
        Spool spool = Spool.from(config, GridOptions.environment, clock);
        SpoolUploads.Report report;
        try {
            report = new SpoolUploads(
                            catalog, storage, StorageRetry.withDefaults(), spool, QueuePolicy.from(config), clock)
                    .uploadAll(models);
        } catch (StorageException e) {
            err.println("pdr-run: warning: spool folder " + spool.root() + " cannot be read, nothing waiting there is"
                    + " stored now: " + e.getMessage());
            err.flush();
            return true;
        }
        if (report.uploaded()
                        + report.alreadyRecorded()
                        + report.failed().size()
                        + report.left().size()
                > 0) {
            out.println(report.line(spool));
            report.failed().forEach(f -> out.println("  still pending: " + f));
            report.left().forEach(f -> out.println("  left in the spool: " + f));
            out.flush();
        }
        return report.failed().isEmpty();
    }

    /** database.diagnostics_enabled: a JSON snapshot of the pool and transaction counts. */
    private static void writeDiagnostics(Config config, Catalog catalog, PrintWriter err) {
        if (!config.bool(ConfigSchema.DATABASE, "diagnostics_enabled").orElse(false)) {
            return;
        }
        Path file = Path.of(
                config.string(ConfigSchema.DATABASE, "diagnostics_output_path").orElse("pdr-run-diagnostics.json"));
        try {
            CatalogDiagnostics.write(catalog, file);
        } catch (IOException e) {
            err.println("pdr-run: warning: cannot write diagnostics to " + file + ": " + e.getMessage());
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // a progress display that fails to close changes nothing about the run
        }
    }
}

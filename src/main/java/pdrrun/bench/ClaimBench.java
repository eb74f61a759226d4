package pdrrun.bench;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import pdrrun.catalog.AttemptInfo;
import pdrrun.catalog.Catalog;
import pdrrun.catalog.ClaimedJob;
import pdrrun.catalog.DatabaseSettings;
import pdrrun.catalog.GridRegistrar;
import pdrrun.catalog.JobRepository;
import pdrrun.catalog.JobResult;
import pdrrun.catalog.JobResultWriter;
import pdrrun.catalog.RegistrationRequest;
import pdrrun.catalog.RegistrationResult;
import pdrrun.config.Config;
import pdrrun.config.ConfigLoader;
import pdrrun.job.JobStatus;
import pdrrun.run.GridSubmission;

/**
 * Claims per second: registers the grid of a configuration (model_parameters axes, pdr.model_name)
 * with {@link GridRegistrar}, then {@code threads} threads each loop claimNext + finish(FINISHED)
 * with a minimal result until no job is left. Prints the wall time of the claim phase and the
 * jobs (claim + finish) per second. Usage: ClaimBench CONFIG [threads, default 4].
 */
public final class ClaimBench {
    private ClaimBench() {}

    public static void main(String[] args) throws Exception {
        Path configPath = Path.of(args[0]);
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        Config config = ConfigLoader.load(configPath, System.getenv());
        try (Catalog catalog = Catalog.open(DatabaseSettings.from(config, threads))) {
            RegistrationRequest request = GridSubmission.prepare(config);
            long r0 = System.nanoTime();
            RegistrationResult registered = new GridRegistrar(catalog, Clock.systemDefaultZone()).register(request);
            double registerSeconds = (System.nanoTime() - r0) / 1e9;
            long modelId = registered.modelId();
            JobRepository jobs = new JobRepository(catalog, Clock.systemDefaultZone());
            JobResultWriter writer = new JobResultWriter(catalog);
            AttemptInfo where = AttemptInfo.current(System.getenv());
            AtomicInteger done = new AtomicInteger();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String owner = "claimbench-" + ProcessHandle.current().pid() + "-" + t;
                workers.add(new Thread(
                        () -> {
                            try {
                                while (true) {
                                    Optional<ClaimedJob> claim =
                                            jobs.claimNext(List.of(modelId), owner, Duration.ofMinutes(2), where);
                                    if (claim.isEmpty()) {
                                        return;
                                    }
                                    ClaimedJob job = claim.get();
                                    LocalDateTime end = LocalDateTime.now();
                                    writer.finish(
                                            job.id(),
                                            owner,
                                            JobResult.withoutFiles(
                                                    JobStatus.FINISHED, job.started(), end, 0.0, 0, null));
                                    done.incrementAndGet();
                                }
                            } catch (Throwable e) {
                                failure.compareAndSet(null, e);
                            }
                        },
                        owner));
            }
            long t0 = System.nanoTime();
            workers.forEach(Thread::start);
            for (Thread w : workers) {
                w.join();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (failure.get() != null) {
                throw new IllegalStateException("a claiming thread failed", failure.get());
            }
            Map<String, Long> counts = jobs.countsByStatus(modelId);
            System.out.printf(
                    java.util.Locale.ROOT,
                    "%s: registered %d jobs in %.2f s; %d threads claimed+finished %d jobs in %.3f s: "
                            + "%.1f jobs/s; states %s; transactions retried %d%n",
                    catalog.settings().dialect().name().toLowerCase(java.util.Locale.ROOT),
                    registered.newJobs(),
                    registerSeconds,
                    threads,
                    done.get(),
                    seconds,
                    done.get() / seconds,
                    counts,
                    catalog.transactions().metrics().retries());
        }
    }
}

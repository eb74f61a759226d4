package pdrrun.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pdrrun.run.process.ModelProcess;
import pdrrun.run.process.ProcessLimits;
import pdrrun.spool.SpoolWriter;
import pdrrun.storage.CompressionPolicy;
import pdrrun.storage.StorageBackend;
import pdrrun.storage.StorageException;
import pdrrun.storage.StorageRetry;
import pdrrun.storage.Storages;

/** ONION per species, a species' outputs stored while the next one runs. */
class OnionRunsTest {
    private static final List<String> SPECIES = List.of("CO", "C+", "O");

    @TempDir
    Path dir;

    private Path run;

    @BeforeEach
    void runDirectory() throws IOException {
        run = dir.resolve("run");
        for (String folder : new String[] {"onioninpdata", "pdroutput", "onionoutput"}) {
            Files.createDirectories(run.resolve(folder));
        }
        for (String sp : SPECIES) {
            Files.writeString(run.resolve("onioninpdata/ONION3.INP." + sp), sp + "\n");
        }
        Files.writeString(run.resolve("pdroutput/CTRL_IND"), "ctrl\n");
        // Writes its six outputs, each holding the species, after noting that it started.
        Path onion = run.resolve("onionexe");
        Files.writeString(
                onion,
                "#!/bin/bash\nread -r sp < ONION3.INP\nn=$(ls -d started-$sp-* 2>/dev/null | wc -l)\n"
                        + "touch \"started-$sp\" \"started-$sp-$((n + 1))\"\necho \"ONION $sp\"\n"
                        + "for f in jerg_$sp.smli jerg_$sp.srli jtemp_$sp.smli jtemp_$sp.smlc linebt_$sp.out"
                        + " ONION3_$sp.OUT; do echo \"$sp\" > onionoutput/$f; done\ntouch \"done-$sp-$((n + 1))\"\n");
        onion.toFile().setExecutable(true);
    }

    @Test
    void aSpeciesOutputsAreStoredWhileTheNextSpeciesRuns() throws Exception {
        // Taking CO's TEXTOUT waits until C+ has started: done in turn, this would time out.
        Recording storage = new Recording(Storages.open("local", dir.resolve("storage")), "TEXTOUTj1_CO", "started-C+");
        List<String> errors = new ArrayList<>();

        OnionRuns.run(job(), store(storage.backend(), true), true, errors);

        assertThat(errors).isEmpty();
        assertThat(storage.waited).as("CO stored while C+ ran").isTrue();
        for (String sp : SPECIES) {
            Path stored = dir.resolve("storage/m/oniongrid");
            assertThat(stored.resolve("ONIONj1.jerg_" + sp + ".smli")).hasContent(sp);
            assertThat(stored.resolve("ONIONj1.ONION3_" + sp + ".OUT")).hasContent(sp);
            assertThat(stored.resolve("TEXTOUTj1_" + sp)).hasContent("ONION " + sp);
        }
        // In the order of the species: every file of one before any of the next (a species'
        // own files are taken at once, in no order).
        assertThat(storage.destinations).hasSize(21);
        List<String> speciesInOrder = storage.destinations.stream()
                .map(d -> d.endsWith("_CO") || d.contains("_CO.")
                        ? "CO"
                        : d.endsWith("_C+") || d.contains("_C+.") ? "C+" : "O")
                .distinct()
                .toList();
        assertThat(speciesInOrder)
                .as("stored in the order of the species, " + storage.destinations)
                .containsExactly("CO", "C+", "O");
        for (int i = 0; i < 21; i++) {
            assertThat(storage.destinations.get(i))
                    .as("file %d of %s", i, storage.destinations)
                    .contains("_" + SPECIES.get(i / 7));
        }
        try (var left = Files.list(run)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("onionoutput-"));
        }
    }

    @Test
    void withoutTakingEachSpeciesIsStoredBeforeTheNextRunsAndTheLastStaysInOnionoutput() throws Exception {
        Recording storage = new Recording(Storages.open("local", dir.resolve("storage")), "TEXTOUTj1_CO", null);

        OnionRuns.run(job(), store(storage.backend(), true), false, new ArrayList<>());

        assertThat(storage.seenBeforeStart).as("CO stored before C+ started").isTrue();
        assertThat(run.resolve("onionoutput/jerg_O.smli"))
                .as("for the post-processing steps")
                .hasContent("O");
        assertThat(storage.destinations).hasSize(21);
    }

    @Test
    void aStorageFailureInTheBackgroundIsReportedOnceOnionIsDoneAndLeavesTheFilesInTheRunDirectory() throws Exception {
        Recording failing = new Recording(Storages.open("local", dir.resolve("storage")), null, null);
        failing.failing = "TEXTOUTj1_C+";
        // The spool fails too, so the failure reaches the caller as it would without overlap.
        OutputStore store = new OutputStore(
                failing.backend(), new StorageRetry(1, Duration.ZERO, d -> {}), CompressionPolicy.none(), true, () -> {
                    throw new StorageException(StorageException.Kind.PERMISSION, "spool", "no spool");
                });

        assertThatThrownBy(() -> OnionRuns.run(job(), store, true, new ArrayList<>()))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("no spool");
        assertThat(run.resolve("started-O")).as("ONION went on meanwhile").exists();
        assertThat(run.resolve("onionoutput-2-C+-TEXTOUT"))
                .as("not stored, still here")
                .hasContent("ONION C+");
    }

    @Test
    void aSpeciesListedTwiceHasItsOutputsStoredTwiceWithoutTheSecondRunReplacingTheFirstOnesBeforeTheyAreStored()
            throws Exception {
        // Taking the first run's TEXTOUT waits until the second run has ended and been set aside.
        Recording storage = new Recording(Storages.open("local", dir.resolve("storage")), "TEXTOUTj1_CO", "done-CO-2");
        storage.afterMarkerMillis = 300;
        List<String> errors = new ArrayList<>();

        OnionRuns.run(job(List.of("CO", "CO")), store(storage.backend(), true), true, errors);

        assertThat(errors).isEmpty();
        assertThat(storage.waited).isTrue();
        assertThat(storage.destinations).hasSize(14);
        assertThat(dir.resolve("storage/m/oniongrid/TEXTOUTj1_CO")).hasContent("ONION CO");
    }

    private OnionRuns.Job job() {
        return job(SPECIES);
    }

    private OnionRuns.Job job(List<String> species) {
        return new OnionRuns.Job(
                new ModelProcess(Clock.systemUTC()),
                run,
                "onionexe",
                species,
                Map.of(),
                ProcessLimits.none().withPollInterval(Duration.ofMillis(50)),
                "j1",
                new StoragePaths("m", "j1"));
    }

    private static OutputStore store(StorageBackend storage, boolean mayTake) {
        return new OutputStore(
                storage, new StorageRetry(1, Duration.ZERO, d -> {}), CompressionPolicy.none(), mayTake, () ->
                        (SpoolWriter) null);
    }

    /**
     * Local storage that records the destinations stored to, fails those ending in {@code
     * failing}, and, when storing {@code slowName}, waits up to 10 s for {@code marker} to appear
     * in the run directory; {@link #backend} forwards every other call unchanged.
     */
    private class Recording implements InvocationHandler {
        private final StorageBackend delegate;
        private final String slowName;
        private final String marker;
        final List<String> destinations = java.util.Collections.synchronizedList(new ArrayList<>());
        volatile boolean waited;
        volatile boolean seenBeforeStart;
        volatile long afterMarkerMillis;
        volatile String failing;

        Recording(StorageBackend delegate, String slowName, String marker) {
            this.delegate = delegate;
            this.slowName = slowName;
            this.marker = marker;
        }

        StorageBackend backend() {
            return (StorageBackend) Proxy.newProxyInstance(
                    StorageBackend.class.getClassLoader(), new Class<?>[] {StorageBackend.class}, this);
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getName().equals("store") || method.getName().equals("storeTaking")) {
                String destination = (String) args[1];
                if (failing != null && destination.endsWith(failing)) {
                    throw new StorageException(StorageException.Kind.NO_SPACE, destination, "disk full");
                }
                pace(destination);
            }
            try {
                return method.invoke(delegate, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        private void pace(String destination) throws InterruptedException {
            destinations.add(destination);
            if (slowName == null || !destination.endsWith(slowName)) {
                return;
            }
            seenBeforeStart = !Files.exists(run.resolve("started-C+"));
            if (marker == null) {
                return;
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!Files.exists(run.resolve(marker))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(marker + " did not appear while " + destination + " was stored");
                }
                Thread.sleep(10);
            }
            waited = true;
            Thread.sleep(afterMarkerMillis);
        }
    }
}

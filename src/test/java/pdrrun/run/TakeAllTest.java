package pdrrun.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pdrrun.spool.SpoolWriter;
import pdrrun.storage.CompressionPolicy;
import pdrrun.storage.LocalStorage;
import pdrrun.storage.StorageBackend;
import pdrrun.storage.StorageException;
import pdrrun.storage.StorageRetry;

/** {@link OutputStore#takeAll}: a job's files taken together where the back end can. */
class TakeAllTest {
    @TempDir
    Path dir;

    @Test
    void aLocalFoldersFilesAreTakenAtOnce() throws Exception {
        List<Path> locals = files("a", "b", "c");
        Watching storage = new Watching(new LocalStorage(dir.resolve("storage")), true);
        storage.together = new CountDownLatch(3); // each take waits for the other two to begin

        List<String> taken =
                store(storage.proxy, CompressionPolicy.none()).takeAll(locals, destinations("a", "b", "c"));

        assertThat(taken).containsExactly("m/pdrgrid/a", "m/pdrgrid/b", "m/pdrgrid/c");
        assertThat(storage.mostAtOnce.get()).as("takes in flight together").isEqualTo(3);
        for (String name : List.of("a", "b", "c")) {
            assertThat(dir.resolve("storage/m/pdrgrid/" + name)).hasContent(name);
            assertThat(dir.resolve("run/" + name)).doesNotExist();
        }
    }

    @Test
    void aFileNotTakenAtOnceIsStoredOnItsOwnAndTheOthersStayTaken() throws Exception {
        List<Path> locals = files("a", "b", "c");
        Watching storage = new Watching(new LocalStorage(dir.resolve("storage")), true);
        storage.failOnce = "m/pdrgrid/b";
        OutputStore store = store(storage.proxy, CompressionPolicy.none());

        List<String> taken = store.takeAll(locals, destinations("a", "b", "c"));

        assertThat(taken).containsExactly("m/pdrgrid/a", "m/pdrgrid/b", "m/pdrgrid/c");
        assertThat(store.stored()).containsOnlyKeys("m/pdrgrid/a", "m/pdrgrid/b", "m/pdrgrid/c");
        assertThat(store.spooling()).isNull();
        assertThat(Collections.frequency(storage.calls, "m/pdrgrid/b"))
                .as("failed once, then stored")
                .isEqualTo(2);
        assertThat(dir.resolve("storage/m/pdrgrid/b")).hasContent("b");
    }

    @Test
    void compressedAndMissingFilesGoTheirOwnWay() throws Exception {
        List<Path> locals = new ArrayList<>(files("a", "big.out"));
        locals.add(dir.resolve("run/absent"));
        Watching storage = new Watching(new LocalStorage(dir.resolve("storage")), true);

        List<String> taken = store(storage.proxy, CompressionPolicy.of("*.out"))
                .takeAll(locals, destinations("a", "big.out", "absent"));

        assertThat(taken).containsExactly("m/pdrgrid/a", "m/pdrgrid/big.out", null);
        assertThat(dir.resolve("storage/m/pdrgrid/big.out.gz")).exists();
        assertThat(dir.resolve("storage/m/pdrgrid/big.out")).doesNotExist();
        assertThat(dir.resolve("storage/m/pdrgrid/absent")).doesNotExist();
    }

    @Test
    void aBackEndThatCannotTakeAtOnceTakesOneFileAfterAnotherAfterTheHint() throws Exception {
        List<Path> locals = files("a", "b", "c");
        Watching storage = new Watching(new LocalStorage(dir.resolve("storage")), false);

        List<String> taken =
                store(storage.proxy, CompressionPolicy.none()).takeAll(locals, destinations("a", "b", "c"));

        assertThat(taken).containsExactly("m/pdrgrid/a", "m/pdrgrid/b", "m/pdrgrid/c");
        assertThat(storage.mostAtOnce.get()).isEqualTo(1);
        assertThat(storage.calls).containsExactly("willTake", "m/pdrgrid/a", "m/pdrgrid/b", "m/pdrgrid/c");
    }

    private OutputStore store(StorageBackend storage, CompressionPolicy compression) {
        return new OutputStore(
                storage, new StorageRetry(3, Duration.ZERO, d -> {}), compression, true, () -> (SpoolWriter) null);
    }

    private List<Path> files(String... names) throws Exception {
        Files.createDirectories(dir.resolve("run"));
        List<Path> files = new ArrayList<>();
        for (String name : names) {
            files.add(Files.writeString(dir.resolve("run/" + name), name));
        }
        return files;
    }

    private static List<String> destinations(String... names) {
        return Arrays.stream(names).map(n -> "m/pdrgrid/" + n).toList();
    }

    /** Forwards to a back end, counting takes in flight; may fail one destination once. */
    private static final class Watching implements InvocationHandler {
        private final StorageBackend delegate;
        final StorageBackend proxy;
        private final boolean atOnce;
        final List<String> calls = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();
        volatile CountDownLatch together;
        volatile String failOnce;

        Watching(StorageBackend delegate, boolean atOnce) {
            this.delegate = delegate;
            this.atOnce = atOnce;
            this.proxy = (StorageBackend) Proxy.newProxyInstance(
                    StorageBackend.class.getClassLoader(), new Class<?>[] {StorageBackend.class}, this);
        }

        @Override
        public Object invoke(Object p, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "takesAtOnce":
                    return atOnce;
                case "willTake":
                    calls.add("willTake");
                    break;
                case "storeTaking":
                    String destination = (String) args[1];
                    calls.add(destination);
                    mostAtOnce.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                    try {
                        CountDownLatch latch = together;
                        if (latch != null) {
                            latch.countDown();
                            latch.await(2, TimeUnit.SECONDS);
                        }
                        if (destination.equals(failOnce)) {
                            failOnce = null;
                            throw new StorageException(StorageException.Kind.TRANSIENT, destination, "flaky");
                        }
                        return call(method, args);
                    } finally {
                        inFlight.decrementAndGet();
                    }
                default:
                    break;
            }
            return call(method, args);
        }

        private Object call(Method method, Object[] args) throws Throwable {
            try {
                return method.invoke(delegate, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }
}

package pdrrun.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * Upload throughput over loopback SFTP: {@link SftpStorage} against OpenSSH's {@code sftp} client,
 * round by round in the same run, to the same MINA SSHD server, which runs in its own JVM ({@code
 * server <work>}: writes its port to {@code <work>/port}) so that neither client shares a process
 * with it. Client arguments: work folder, size in MiB, rounds, server port. Run by {@code
 * bench/sftp-throughput.sh}.
 *
 * <p>SftpStorage uploads over the connection it keeps (as a worker does), after one upload that
 * warms up the JIT, reported separately. Each {@code sftp} command opens its own session, so its
 * set-up (a session that uploads nothing) is measured each round too, and OpenSSH's rate is given
 * with and without it. OpenSSH is run twice a round: with the cipher it negotiates by itself, and
 * with {@value #OURS_CIPHER}, the one SftpStorage negotiates, for the same work on the server.
 */
public final class SftpBench {
    private static final String OURS_CIPHER = "aes128-gcm@openssh.com";

    private SftpBench() {}

    private record Round(double ours, double openssh, double opensshSameCipher, double setup) {}

    public static void main(String[] args) throws Exception {
        if (args[0].equals("server")) {
            Path dir = Path.of(args[1]).toAbsolutePath();
            SftpTestServer server = SftpTestServer.start(
                    dir.resolve("server-root"), dir.resolve("server-state"), dir.resolve("id_ed25519.pub"), 0);
            Files.writeString(dir.resolve("port.tmp"), String.valueOf(server.port()));
            Files.move(dir.resolve("port.tmp"), dir.resolve("port"));
            Thread.sleep(Long.MAX_VALUE);
        }
        Path work = Path.of(args[0]).toAbsolutePath();
        int mib = Integer.parseInt(args[1]);
        int rounds = Integer.parseInt(args[2]);
        int port = Integer.parseInt(args[3]);
        Path source = work.resolve("payload.bin");
        writeRandom(source, (long) mib << 20);
        Path root = work.resolve("server-root");
        Files.createDirectories(root.resolve("openssh"));
        OpenSshClient sftp = new OpenSshClient(work, port);
        StorageSettings settings = new StorageSettings(
                "sftp",
                "/ours",
                "127.0.0.1",
                port,
                SftpTestServer.USER,
                SftpTestServer.PASSWORD,
                null,
                HostKeyChecking.ACCEPT_NEW,
                work.resolve("known_hosts"),
                null,
                null,
                null,
                Duration.ofSeconds(120));
        List<Round> results = new ArrayList<>();
        try (SftpStorage storage = new SftpStorage(settings)) {
            long start = System.nanoTime();
            storage.store(source, "warmup/payload.bin");
            System.out.printf(
                    "first upload of this JVM (connecting, JIT warming up): %.1f MB/s%n", rate(mib, seconds(start)));
            System.out.println("OpenSSH sftp negotiates: " + sftp.negotiatedCipher());
            for (int round = 0; round < rounds; round++) {
                start = System.nanoTime();
                storage.store(source, "round/payload.bin");
                double ours = rate(mib, seconds(start));
                storage.delete("round/payload.bin"); // as OpenSSH's upload below: outside the timing
                double plain = sftp.put(source, List.of());
                double sameCipher = sftp.put(source, List.of("-c", OURS_CIPHER));
                double setup = sftp.session(List.of(), "pwd\n");
                results.add(new Round(ours, rate(mib, plain), rate(mib, sameCipher), setup));
                System.out.printf(
                        "round %d: ours %.1f MB/s, OpenSSH sftp %.1f MB/s, OpenSSH sftp -c %s %.1f MB/s,"
                                + " sftp session set-up %.3f s%n",
                        round + 1, ours, rate(mib, plain), OURS_CIPHER, rate(mib, sameCipher), setup);
            }
        }
        double setup = median(results, Round::setup);
        double ours = median(results, Round::ours);
        double openssh = median(results, Round::openssh);
        double sameCipher = median(results, Round::opensshSameCipher);
        // Rates back to seconds, less the set-up, to rates again: OpenSSH's transfer alone.
        double opensshTransfer = rate(mib, mib * 1.048576 / openssh - setup);
        double sameCipherTransfer = rate(mib, mib * 1.048576 / sameCipher - setup);
        System.out.printf("%d MiB x %d rounds over loopback SFTP (MINA SSHD server), medians:%n", mib, rounds);
        System.out.printf("SftpStorage (sshj), warmed up:   %.1f MB/s%n", ours);
        System.out.printf(
                "OpenSSH sftp:                    %.1f MB/s (%.1f without the %.3f s session set-up)%n",
                openssh, opensshTransfer, setup);
        System.out.printf(
                "OpenSSH sftp -c %s: %.1f MB/s (%.1f without set-up)%n", OURS_CIPHER, sameCipher, sameCipherTransfer);
        System.out.printf(
                "ratio to OpenSSH sftp: %.0f %% (%.0f %% of its transfer alone); with the same cipher: %.0f %% (%.0f %%)%n",
                100 * ours / openssh,
                100 * ours / opensshTransfer,
                100 * ours / sameCipher,
                100 * ours / sameCipherTransfer);
        boolean pass = ours >= 0.8 * opensshTransfer;
        System.out.printf("bar: ours >= 80 %% of OpenSSH sftp's transfer alone -> %s%n", pass ? "PASS" : "FAIL");
    }

    /** OpenSSH's sftp in batch mode, with the benchmark's key, against the benchmark's server. */
    private record OpenSshClient(Path work, int port) {
        /** Uploads {@code source} and removes it again; returns the seconds of the sftp command. */
        double put(Path source, List<String> options) throws IOException, InterruptedException {
            double seconds = session(options, "put " + source + " /openssh/payload.bin\n");
            Files.delete(work.resolve("server-root/openssh/payload.bin"));
            return seconds;
        }

        double session(List<String> options, String batch) throws IOException, InterruptedException {
            Files.writeString(work.resolve("batch"), batch);
            long start = System.nanoTime();
            run(options, false);
            return seconds(start);
        }

        String negotiatedCipher() throws IOException, InterruptedException {
            Files.writeString(work.resolve("batch"), "pwd\n");
            String marker = "client->server cipher: ";
            return run(List.of("-v"), true)
                    .lines()
                    .filter(line -> line.contains(marker))
                    .map(line -> line.substring(line.indexOf(marker) + marker.length()))
                    .findFirst()
                    .orElse("(not reported)");
        }

        private String run(List<String> options, boolean keepOutput) throws IOException, InterruptedException {
            List<String> command = new ArrayList<>(
                    List.of("sftp", "-q", "-b", work.resolve("batch").toString()));
            command.addAll(options);
            command.addAll(List.of(
                    "-P",
                    String.valueOf(port),
                    "-i",
                    work.resolve("id_ed25519").toString(),
                    "-o",
                    "StrictHostKeyChecking=no",
                    "-o",
                    "UserKnownHostsFile=/dev/null",
                    "-o",
                    "BatchMode=yes",
                    SftpTestServer.USER + "@127.0.0.1"));
            Path output = work.resolve("sftp.out");
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            try {
                if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                    throw new IOException(String.join(" ", command) + " failed: " + Files.readString(output));
                }
            } finally {
                process.destroyForcibly();
            }
            return keepOutput ? Files.readString(output) : "";
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** MB/s (10^6 bytes) for {@code mib} MiB in {@code seconds}. */
    private static double rate(int mib, double seconds) {
        return mib * 1.048576 / seconds;
    }

    private static double median(List<Round> rounds, ToDoubleFunction<Round> value) {
        List<Double> sorted =
                new ArrayList<>(rounds.stream().map(value::applyAsDouble).toList());
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static void writeRandom(Path file, long bytes) throws IOException {
        Files.createDirectories(file.getParent());
        byte[] block = new byte[1 << 20];
        Random random = new Random(42);
        try (var out = Files.newOutputStream(file)) {
            for (long written = 0; written < bytes; written += block.length) {
                random.nextBytes(block);
                out.write(block, 0, (int) Math.min(block.length, bytes - written));
            }
        }
    }
}

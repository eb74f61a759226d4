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

/**
 * Upload throughput over loopback SFTP: {@link SftpStorage} against OpenSSH's {@code sftp} client,
 * in the same run, to the same in-process MINA SSHD server. Run by {@code bench/sftp-throughput.sh}.
 * The server runs in its own JVM ({@code server <work>}: writes its port to {@code <work>/port}),
 * so that neither client shares a process with it. Client arguments: work folder, size in MiB,
 * rounds, server port.
 */
public final class SftpBench {
    private SftpBench() {}

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
        Path key = work.resolve("id_ed25519");
        int port = Integer.parseInt(args[3]);
        Path source = work.resolve("payload.bin");
        writeRandom(source, (long) mib << 20);
        Path root = work.resolve("server-root");
        try (SftpTestServer server =
                SftpTestServer.start(root, work.resolve("server-state"), work.resolve("id_ed25519.pub"), 0)) {
            StorageSettings settings = new StorageSettings(
                    "sftp",
                    "/ours",
                    "127.0.0.1",
                    server.port(),
                    SftpTestServer.USER,
                    SftpTestServer.PASSWORD,
                    null,
                    HostKeyChecking.ACCEPT_NEW,
                    work.resolve("known_hosts"),
                    null,
                    null,
                    null,
                    Duration.ofSeconds(120));
            List<Double> ours = new ArrayList<>();
            List<Double> openssh = new ArrayList<>();
            try (SftpStorage storage = new SftpStorage(settings)) {
                storage.store(source, "warmup/payload.bin"); // connection, JIT
                for (int round = 0; round < rounds; round++) {
                    long start = System.nanoTime();
                    storage.store(source, "round" + round + "/payload.bin");
                    ours.add(rate(mib, start));
                    Path batch = work.resolve("batch");
                    Files.createDirectories(root.resolve("openssh"));
                    Files.writeString(batch, "put " + source + " /openssh/payload" + round + ".bin\n");
                    start = System.nanoTime();
                    exec(List.of(
                            "sftp",
                            "-q",
                            "-b",
                            batch.toString(),
                            "-P",
                            String.valueOf(server.port()),
                            "-i",
                            key.toString(),
                            "-o",
                            "StrictHostKeyChecking=no",
                            "-o",
                            "UserKnownHostsFile=/dev/null",
                            "-o",
                            "BatchMode=yes",
                            SftpTestServer.USER + "@127.0.0.1"));
                    openssh.add(rate(mib, start));
                    System.out.printf(
                            "round %d: ours %.1f MB/s, OpenSSH sftp %.1f MB/s%n",
                            round + 1, ours.get(round), openssh.get(round));
                }
            }
            double ratio = median(ours) / median(openssh);
            System.out.printf("%d MiB x %d rounds over loopback SFTP (MINA SSHD server)%n", mib, rounds);
            System.out.printf("median SftpStorage (sshj): %.1f MB/s%n", median(ours));
            System.out.printf("median OpenSSH sftp:       %.1f MB/s%n", median(openssh));
            System.out.printf("ratio: %.0f %% (bar: >= 80 %%) -> %s%n", 100 * ratio, ratio >= 0.8 ? "PASS" : "FAIL");
        }
    }

    private static double rate(int mib, long startNanos) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        return mib * 1.048576 / seconds;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
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

    private static void exec(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).inheritIO().start();
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " failed");
        }
    }
}

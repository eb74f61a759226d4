package pdrrun.catalog;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.TimeUnit;

/** Starts the machine's MariaDB server with its documented command and waits for its port. */
final class MariaDbServer {
    private MariaDbServer() {}

    static void start() throws Exception {
        Process p = new ProcessBuilder(
                        "start-stop-daemon", "--start", "--oknodo", "--background", "--exec", "/usr/sbin/mariadbd")
                .inheritIO()
                .start();
        p.waitFor(30, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", 3306), 500);
                return;
            } catch (java.io.IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("MariaDB did not come back on 127.0.0.1:3306 within 60 s");
    }
}

package pdrrun.storage;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether this JVM has the server compiler, which alone turns AES-GCM and SHA-256 into the CPU's
 * instructions: without it an SFTP upload runs at a fifth of OpenSSH's speed (jvm-options.sh). The
 * pdr-run launcher gives run and worker the client compiler alone when their storage is surely
 * not SFTP; this is the check that it was right. Thread-safe.
 */
final class ServerCompiler {
    private static final Logger LOG = LoggerFactory.getLogger(ServerCompiler.class);
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private ServerCompiler() {}

    /** Logs one warning per JVM when SFTP storage is opened in a JVM without the server compiler. */
    static void warnIfMissingFor(String storageType) {
        if (!available() && WARNED.compareAndSet(false, true)) {
            LOG.warn(
                    "{} storage in a JVM that compiles with the client compiler alone: uploads will run at a"
                            + " fraction of their speed; the pdr-run launcher keeps both compilers when"
                            + " PDR_STORAGE_TYPE or the --config file names sftp (-XX:TieredStopAtLevel=4 in"
                            + " PDR_RUN_JAVA_OPTS forces them)",
                    storageType);
        }
    }

    /** True unless the JVM was told to stop below the server compiler's tier (or to use C1 alone). */
    static boolean available() {
        try {
            HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            if (!Boolean.parseBoolean(vm.getVMOption("TieredCompilation").getValue())) {
                return true;
            }
            return Integer.parseInt(vm.getVMOption("TieredStopAtLevel").getValue()) >= 4
                    && !"quick-only".equals(vm.getVMOption("CompilationMode").getValue());
        } catch (RuntimeException | LinkageError e) {
            // Not HotSpot, an option it does not know, or no jdk.management module: nothing to
            // say about its compilers.
            return true;
        }
    }
}

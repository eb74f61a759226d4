package pdrrun.run.process;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The native launch helper, {@code pdr-launch} (src/main/c/pdr-launch.c): a class-path resource
 * when the build had a C compiler, installed on first use as an executable file of the user's
 * cache folder, named by its SHA-256 so that builds never overwrite each other's. It sets the
 * parent-death signal, starts a session and execs the program: one exec where setpriv and setsid
 * take three (3.8 instead of 7.6 ms per program started, measured here).
 *
 * <p>The cache folder is {@code $XDG_CACHE_HOME/pdr-run}, else {@code ~/.cache/pdr-run}. An
 * installed file is used only when it and its folder belong to this user and no one else may
 * write them (someone who could replace it would run code as this user); otherwise, as when the
 * jar has no helper for this machine or the folder cannot be written, there is none and models
 * are started through setpriv and setsid. Stateless.
 */
final class LaunchHelper {
    static final String NAME = "pdr-launch";
    private static final Set<PosixFilePermission> PRIVATE_FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> PRIVATE_PROGRAM = PosixFilePermissions.fromString("rwx------");

    private LaunchHelper() {}

    /** The class-path folder of the helper built for this machine, e.g. pdrrun/native/linux-x86_64. */
    static String resourceFolder() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String machine = switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "arm64", "aarch64" -> "aarch64";
            default -> arch;
        };
        return "pdrrun/native/linux-" + machine;
    }

    /** The cache folder of {@code environment}: $XDG_CACHE_HOME/pdr-run or ~/.cache/pdr-run. */
    static Path cacheFolder(Map<String, String> environment) {
        String xdg = environment.get("XDG_CACHE_HOME");
        Path base = xdg != null && Path.of(xdg).isAbsolute()
                ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("pdr-run");
    }

    /**
     * Installs the helper of {@code resourceFolder} into {@code cache} unless it is there already;
     * its path.
     *
     * @throws IOException when the jar has none, or it cannot be installed or trusted there; the
     *     message says why
     */
    static Path install(ClassLoader loader, String resourceFolder, Path cache) throws IOException {
        String sha256 = resource(loader, resourceFolder + "/" + NAME + ".sha256")
                .map(b -> new String(b, StandardCharsets.US_ASCII).strip())
                .orElseThrow(() -> new IOException("this build has no " + NAME + " for " + resourceFolder));
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IOException(resourceFolder + "/" + NAME + ".sha256 is not a SHA-256: " + sha256);
        }
        Path program = cache.resolve(NAME + "-" + sha256.substring(0, 16));
        if (!Files.isDirectory(cache, LinkOption.NOFOLLOW_LINKS)) {
            try {
                Files.createDirectories(cache.getParent());
                Files.createDirectory(cache, PosixFilePermissions.asFileAttribute(PRIVATE_FOLDER));
            } catch (FileAlreadyExistsException e) {
                // made meanwhile by another process; checked below like any other
            }
        }
        requirePrivate(cache, true);
        if (!Files.exists(program, LinkOption.NOFOLLOW_LINKS)) {
            byte[] bytes = resource(loader, resourceFolder + "/" + NAME)
                    .orElseThrow(() -> new IOException("this build has no " + NAME + " for " + resourceFolder));
            Path part = Files.createTempFile(
                    cache, "." + program.getFileName(), ".part", PosixFilePermissions.asFileAttribute(PRIVATE_PROGRAM));
            try {
                try (FileChannel out = FileChannel.open(part, StandardOpenOption.WRITE)) {
                    out.write(ByteBuffer.wrap(bytes));
                    out.force(true); // complete on disk before it gets its name
                }
                // A link, not a rename: a file another JVM installed meanwhile (the same bytes)
                // stays, instead of being replaced under a process that is starting it.
                Files.createLink(program, part);
            } catch (FileAlreadyExistsException e) {
                // installed meanwhile by another process; checked below like any other
            } finally {
                Files.deleteIfExists(part);
            }
        }
        requirePrivate(program, false);
        return program;
    }

    /** Removes the installed helper of {@code resourceFolder}, then {@link #install}s it again. */
    static Path reinstall(ClassLoader loader, String resourceFolder, Path cache) throws IOException {
        Files.deleteIfExists(install(loader, resourceFolder, cache));
        return install(loader, resourceFolder, cache);
    }

    /** The effective user id of this process, from /proc/self/status. */
    static int currentUid() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.US_ASCII)) {
            if (line.startsWith("Uid:")) {
                return Integer.parseInt(line.substring(4).strip().split("\\s+")[1]);
            }
        }
        throw new IOException("/proc/self/status has no Uid line");
    }

    private static Optional<byte[]> resource(ClassLoader loader, String name) throws IOException {
        try (InputStream in = loader.getResourceAsStream(name)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        }
    }

    /** Throws unless {@code path} is ours, no link, and writable by no one else. */
    private static void requirePrivate(Path path, boolean folder) throws IOException {
        boolean rightKind = folder
                ? Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)
                : Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS);
        if (!rightKind) {
            throw new IOException(path + " is not a " + (folder ? "folder" : "regular file"));
        }
        int owner = (Integer) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        if (owner != currentUid()) {
            throw new IOException(path + " belongs to user id " + owner + ", not to " + currentUid());
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
        if (permissions.contains(PosixFilePermission.GROUP_WRITE)
                || permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
            throw new IOException(
                    path + " may be written by others (" + PosixFilePermissions.toString(permissions) + ")");
        }
    }
}

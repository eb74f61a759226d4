package pdrrun.run.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Installing the native launch helper into the user's cache folder, and when it is not trusted. */
class LaunchHelperTest {
    private static final ClassLoader LOADER = LaunchHelperTest.class.getClassLoader();

    @TempDir
    Path dir;

    @Test
    void theHelperIsInstalledOnceAsAPrivateProgramNamedByItsChecksum() throws Exception {
        Path cache = dir.resolve("home/.cache/pdr-run");

        Path installed = LaunchHelper.install(LOADER, LaunchHelper.resourceFolder(), cache);
        Files.setLastModifiedTime(installed, FileTime.fromMillis(0));
        Path again = LaunchHelper.install(LOADER, LaunchHelper.resourceFolder(), cache);

        String sha256 = new String(LOADER.getResourceAsStream(LaunchHelper.resourceFolder() + "/pdr-launch.sha256")
                        .readAllBytes())
                .strip();
        assertThat(installed).isEqualTo(cache.resolve("pdr-launch-" + sha256.substring(0, 16)));
        assertThat(again).isEqualTo(installed);
        assertThat(Files.getLastModifiedTime(again).toMillis())
                .as("not written again")
                .isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cache)))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(installed)))
                .isEqualTo("rwx------");
        assertThat(Files.readAllBytes(installed))
                .isEqualTo(LOADER.getResourceAsStream(LaunchHelper.resourceFolder() + "/pdr-launch")
                        .readAllBytes());
        try (var files = Files.list(cache)) {
            assertThat(files).as("no part file left").containsExactly(installed);
        }
    }

    @Test
    void aCacheFolderOthersMayWriteIsNotTrusted() throws Exception {
        Path cache = Files.createDirectories(dir.resolve("shared"));
        Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rwxrwxrwx"));

        assertThatThrownBy(() -> LaunchHelper.install(LOADER, LaunchHelper.resourceFolder(), cache))
                .isInstanceOf(IOException.class)
                .hasMessage(cache + " may be written by others (rwxrwxrwx)");
        try (var files = Files.list(cache)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void anInstalledHelperOthersMayWriteOrThatIsALinkIsNotUsed() throws Exception {
        Path cache = dir.resolve("cache");
        Path installed = LaunchHelper.install(LOADER, LaunchHelper.resourceFolder(), cache);
        Files.setPosixFilePermissions(installed, PosixFilePermissions.fromString("rwxrw-rwx"));

        assertThatThrownBy(() -> LaunchHelper.install(LOADER, LaunchHelper.resourceFolder(), cache))
                .hasMessage(installed + " may be written by others (rwxrw-rwx)");

        Files.delete(installed);
        Files.createSymbolicLink(installed, Path.of("/bin/true"));
        assertThatThrownBy(() -> LaunchHelper.install(LOADER, LaunchHelper.resourceFolder(), cache))
                .hasMessage(installed + " is not a regular file");
    }

    @Test
    void aBuildWithoutAHelperForThisMachineSaysSo() {
        assertThatThrownBy(() -> LaunchHelper.install(LOADER, "pdrrun/native/linux-vax", dir.resolve("cache")))
                .isInstanceOf(IOException.class)
                .hasMessage("this build has no pdr-launch for pdrrun/native/linux-vax");
    }

    @Test
    void theCacheFolderFollowsXdgCacheHomeWhenItIsAnAbsolutePath() {
        String home = System.getProperty("user.home");

        assertThat(LaunchHelper.cacheFolder(Map.of("XDG_CACHE_HOME", "/var/cache/me")))
                .isEqualTo(Path.of("/var/cache/me/pdr-run"));
        assertThat(LaunchHelper.cacheFolder(Map.of("XDG_CACHE_HOME", "relative")))
                .isEqualTo(Path.of(home, ".cache", "pdr-run"));
        assertThat(LaunchHelper.cacheFolder(Map.of())).isEqualTo(Path.of(home, ".cache", "pdr-run"));
    }

    @Test
    void theResourceFolderNamesTheMachineAsUnameDoes() {
        String arch = System.getProperty("os.arch");
        try {
            System.setProperty("os.arch", "amd64");
            assertThat(LaunchHelper.resourceFolder()).isEqualTo("pdrrun/native/linux-x86_64");
            System.setProperty("os.arch", "aarch64");
            assertThat(LaunchHelper.resourceFolder()).isEqualTo("pdrrun/native/linux-aarch64");
        } finally {
            System.setProperty("os.arch", arch);
        }
    }
}

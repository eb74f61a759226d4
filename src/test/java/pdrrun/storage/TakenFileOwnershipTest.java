package pdrrun.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A project storage folder shared through a set-group-id directory (or a default ACL): files
 * created in it get the project's group. A renamed file keeps the group and mode it had in the
 * run directory, so storeTaking and store give the same model different permissions.
 */
class TakenFileOwnershipTest {
    @TempDir
    Path dir;

    @Test
    void aTakenFileGetsTheSharedFoldersGroupAsACopiedOneDoes() throws IOException {
        UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
        GroupPrincipal project;
        try {
            project = users.lookupPrincipalByGroupName("daemon");
        } catch (IOException e) {
            project = null;
        }
        assumeTrue(project != null, "needs a group 'daemon'");
        Path base = dir.resolve("storage");
        Files.createDirectories(base.resolve("m/pdrgrid"));
        for (Path folder : new Path[] {base, base.resolve("m"), base.resolve("m/pdrgrid")}) {
            Files.getFileAttributeView(folder, PosixFileAttributeView.class).setGroup(project);
            // chmod g+s: new entries inherit the folder's group
            Files.setAttribute(folder, "unix:mode", 02775);
        }
        Path run = Files.createDirectories(dir.resolve("run/pdroutput"));
        Path copied = Files.writeString(run.resolve("a"), "copied");
        Path taken = Files.writeString(run.resolve("b"), "taken");
        Files.setPosixFilePermissions(taken, PosixFilePermissions.fromString("rw-------"));
        Files.setPosixFilePermissions(copied, PosixFilePermissions.fromString("rw-------"));
        LocalStorage storage = new LocalStorage(base);

        Path viaCopy = Path.of(storage.store(copied, "m/pdrgrid/A").location());
        Path viaTake = Path.of(storage.storeTaking(taken, "m/pdrgrid/B").location());

        Object projectGid = Files.getAttribute(base, "unix:gid");
        assertThat(Files.getAttribute(viaCopy, "unix:gid")).as("copied").isEqualTo(projectGid);
        assertThat(Files.getAttribute(viaTake, "unix:gid")).as("taken").isEqualTo(projectGid);
    }
}

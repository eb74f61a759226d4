package pdrrun.queue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import pdrrun.testing.ServerDatabases;
import pdrrun.testing.Workspace;

class PostgreSqlWorkerTest extends WorkerContract {
    private ServerDatabases.Scratch scratch;

    @AfterEach
    void drop() {
        if (scratch != null) {
            scratch.close();
        }
    }

    @Override
    Workspace workspace(Path dir) {
        scratch = ServerDatabases.postgresql();
        return Workspace.in(dir).withDatabase(scratch.settings());
    }
}

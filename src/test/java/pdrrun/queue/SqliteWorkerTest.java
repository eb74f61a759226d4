package pdrrun.queue;

import java.nio.file.Path;
import pdrrun.testing.Workspace;

class SqliteWorkerTest extends WorkerContract {

    @Override
    Workspace workspace(Path dir) {
        return Workspace.in(dir);
    }
}

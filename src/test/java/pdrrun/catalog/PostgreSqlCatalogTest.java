package pdrrun.catalog;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import pdrrun.testing.ServerDatabases;
import pdrrun.testing.Workspace;

class PostgreSqlCatalogTest extends ServerCatalogContract {
    private ServerDatabases.Scratch scratch;

    @Override
    Workspace workspace(Path dir) {
        scratch = ServerDatabases.postgresql();
        return Workspace.in(dir).withDatabase(scratch.settings());
    }

    @AfterEach
    void drop() {
        if (scratch != null) {
            scratch.close();
        }
    }
}

package pdrrun.catalog;

import java.nio.file.Path;
import pdrrun.testing.Workspace;

class SqliteCatalogTest extends CatalogContract {
    @Override
    Workspace workspace(Path dir) {
        return Workspace.in(dir);
    }
}

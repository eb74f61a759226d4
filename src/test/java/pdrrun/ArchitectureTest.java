package pdrrun;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.sql.Connection;
import org.junit.jupiter.api.Test;
import pdrrun.catalog.Transactions;

/** House rules that must hold for all production code. */
class ArchitectureTest {
    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("pdrrun");

    @Test
    void onlyTheTransactionHelperCommitsRollsBackOrTogglesAutoCommit() {
        noClasses()
                .that()
                .doNotBelongToAnyOf(Transactions.class)
                .should()
                .callMethod(Connection.class, "commit")
                .orShould()
                .callMethod(Connection.class, "rollback")
                .orShould()
                .callMethod(Connection.class, "setAutoCommit", boolean.class)
                .check(PRODUCTION);
    }

    @Test
    void nothingDependsOnTheCommandLine() {
        noClasses()
                .that()
                .resideOutsideOfPackage("pdrrun.cli..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("pdrrun.cli..")
                .check(PRODUCTION);
    }

    @Test
    void domainCodeDoesNotReadTheWallClockDirectly() {
        noClasses()
                .that()
                .resideInAnyPackage("pdrrun.grid..", "pdrrun.catalog..")
                .should()
                .callMethod(java.time.Instant.class, "now")
                .orShould()
                .callMethod(java.time.LocalDateTime.class, "now")
                .check(PRODUCTION);
    }
}

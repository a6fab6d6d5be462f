package dev.sessionkit;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.Location;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The package rules of session-filter (CONTRIBUTING.md, "Architecture"). The store modules check theirs
 * with {@link dev.sessionkit.store.StoreArchitecture}.
 */
class ArchitectureTest {

    // session-filter's main classes only (its jar or target/classes), not its tests nor test-support's.
    private static final JavaClasses MAIN = new ClassFileImporter().importLocations(
            List.of(Location.of(Session.class.getProtectionDomain().getCodeSource().getLocation())));

    @Test
    void packagesHaveNoCycles() {
        slices().matching("dev.sessionkit.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void rootPackageDependsOnNoOtherSessionkitPackage() {
        classes().that().resideInAPackage("dev.sessionkit")
                .should().onlyDependOnClassesThat(not(resideInAPackage("dev.sessionkit.."))
                        .or(resideInAPackage("dev.sessionkit")))
                .check(MAIN);
    }

    @Test
    void storeSpiDependsOnlyOnTheRootPackage() {
        classes().that().resideInAPackage("dev.sessionkit.store")
                .should().onlyDependOnClassesThat(not(resideInAPackage("dev.sessionkit.."))
                        .or(resideInAnyPackage("dev.sessionkit", "dev.sessionkit.store")))
                .check(MAIN);
    }
}

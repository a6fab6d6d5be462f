package dev.sessionkit.store;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.Location;
import java.util.List;

/**
 * The rule every store module keeps: its classes use the SPI ({@code dev.sessionkit.store}), the codecs
 * and {@code SessionException}, never the filter or its configuration.
 * A store module's test calls {@link #check(Class)} with one of its classes.
 */
public final class StoreArchitecture {

    private StoreArchitecture() {
    }

    /**
     * Checks every main class of the module (jar or {@code target/classes}) that holds {@code storeClass}.
     *
     * @param storeClass a class of the store module, in its package (for example {@code dev.sessionkit.store.redis})
     * @throws AssertionError naming each dependency that breaks the rule
     */
    public static void check(Class<?> storeClass) {
        String storePackage = storeClass.getPackageName();
        classes().that().resideInAPackage(storePackage + "..")
                .should().onlyDependOnClassesThat(not(resideInAPackage("dev.sessionkit.."))
                        .or(resideInAnyPackage("dev.sessionkit", "dev.sessionkit.store", "dev.sessionkit.codec",
                                storePackage + "..")))
                .check(new ClassFileImporter().importLocations(
                        List.of(Location.of(storeClass.getProtectionDomain().getCodeSource().getLocation()))));
    }
}

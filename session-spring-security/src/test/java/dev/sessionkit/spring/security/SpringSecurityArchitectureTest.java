package dev.sessionkit.spring.security;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.Location;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

class SpringSecurityArchitectureTest {

    @Test
    void usesOnlySessionkitsPublicApi() {
        classes().that().resideInAPackage("dev.sessionkit.spring.security..")
                .should().onlyDependOnClassesThat(not(resideInAPackage("dev.sessionkit.."))
                        .or(resideInAnyPackage("dev.sessionkit", "dev.sessionkit.store", "dev.sessionkit.codec",
                                "dev.sessionkit.filter", "dev.sessionkit.spring.security..")))
                .check(new ClassFileImporter().importLocations(List.of(Location.of(
                        SpringSecurityCodec.class.getProtectionDomain().getCodeSource().getLocation()))));
    }
}

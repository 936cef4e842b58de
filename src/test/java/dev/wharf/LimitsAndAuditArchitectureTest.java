package dev.wharf;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import dev.wharf.cli.Main;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

/** The places of {@code limits} and {@code audit} in the package graph (ARCHITECTURE.md, docs/design.md). */
class LimitsAndAuditArchitectureTest {
    private static final JavaClasses WHARF = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importLocations(List.of(Location.of(Main.class.getProtectionDomain().getCodeSource().getLocation())));

    @Test
    void limitsUsesNoOtherWharfPackage() {
        classes().that().resideInAPackage("dev.wharf.limits..")
                .should().onlyDependOnClassesThat(resideOutsideOfPackage("dev.wharf..").or(resideInAnyPackage("dev.wharf.limits..")))
                .check(WHARF);
    }

    @Test
    void theAuditTrailUsesOnlyTheMetadataStoreAndThePrincipalValue() {
        classes().that().resideInAPackage("dev.wharf.audit")
                .should().onlyDependOnClassesThat(resideOutsideOfPackage("dev.wharf..").or(resideInAnyPackage(
                        "dev.wharf.audit", "dev.wharf.storage.meta..", "dev.wharf.policy..", "dev.wharf.errors..", "dev.wharf.config..")))
                .check(WHARF);
    }
}

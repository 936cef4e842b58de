package dev.wharf;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import dev.wharf.cli.Main;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package graph of ARCHITECTURE.md ("Packages"): dependencies point down the picture and
 * never up. {@code errors} and {@code config} are usable by every package; {@code http} is a
 * small request/response helper shared by the doors and the server only. The doors are the API
 * handlers: OCI, ECR, the AWS Query APIs (IAM, STS) and CloudTrail's LookupEvents.
 */
class ArchitectureTest {
    private static final String[] DOORS = {"dev.wharf.oci..", "dev.wharf.ecr..", "dev.wharf.query..", "dev.wharf.iam.api..",
            "dev.wharf.sts..", "dev.wharf.audit.api.."};

    // Only the main classes' directory is read (scanning the whole class path for the package is slow).
    private static final JavaClasses WHARF = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importLocations(List.of(Location.of(Main.class.getProtectionDomain().getCodeSource().getLocation())));

    @Test
    void theRegistryKnowsNothingOfHttpTheDoorsOrJetty() {
        noClasses().that().resideInAPackage("dev.wharf.registry..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.wharf.server..", "dev.wharf.oci..", "dev.wharf.ecr..", "dev.wharf.http..", "dev.wharf.cli..",
                        "org.eclipse.jetty..", "java.net.http..", "java.sql..")
                .check(WHARF);
    }

    @Test
    void thePolicyEngineDoesNoIoAndUsesNoOtherWharfPackage() {
        noClasses().that().resideInAPackage("dev.wharf.policy..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "java.io..", "java.nio.file..", "java.nio.channels..", "java.net..", "java.sql..", "javax.sql..",
                        "org.slf4j..", "org.eclipse.jetty..")
                .check(WHARF);
        noClasses().that().resideInAPackage("dev.wharf.policy..")
                .should().dependOnClassesThat(resideInAPackage("dev.wharf..").and(resideOutsideOfPackage("dev.wharf.policy..")))
                .check(WHARF);
    }

    @Test
    void storageDependsOnNothingAboveIt() {
        classes().that().resideInAPackage("dev.wharf.storage..")
                .should().onlyDependOnClassesThat(resideOutsideOfPackage("dev.wharf..")
                        .or(resideInAnyPackage("dev.wharf.storage..", "dev.wharf.errors..", "dev.wharf.config..")))
                .check(WHARF);
    }

    @Test
    void theBlobStoreKnowsNothingOfMetadataAndTheReverse() {
        noClasses().that().resideInAPackage("dev.wharf.storage.blob..")
                .should().dependOnClassesThat().resideInAPackage("dev.wharf.storage.meta..").check(WHARF);
        noClasses().that().resideInAPackage("dev.wharf.storage.meta..")
                .should().dependOnClassesThat().resideInAPackage("dev.wharf.storage.blob..").check(WHARF);
    }

    @Test
    void handlersUseNoSql() {
        noClasses().that().resideInAnyPackage(DOORS)
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..")
                .check(WHARF);
    }

    @Test
    void theRegistryDoorsReachStorageOnlyThroughTheRegistry() {
        // iam and sts own their rows (ARCHITECTURE.md: they may use storage.meta); oci and ecr go through
        // registry (the Digest value of storage.blob is shared by all)
        noClasses().that().resideInAnyPackage("dev.wharf.oci..", "dev.wharf.ecr..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.wharf.storage.meta..")
                .orShould().dependOnClassesThat().belongToAnyOf(dev.wharf.storage.blob.BlobStore.class)
                .check(WHARF);
    }

    @Test
    void theDoorsDoNotCallEachOther() {
        noClasses().that().resideInAPackage("dev.wharf.oci..")
                .should().dependOnClassesThat().resideInAPackage("dev.wharf.ecr..").check(WHARF);
        noClasses().that().resideInAPackage("dev.wharf.ecr..")
                .should().dependOnClassesThat().resideInAPackage("dev.wharf.oci..").check(WHARF);
    }

    @Test
    void errorsAndConfigDependOnNoOtherWharfPackage() {
        classes().that().resideInAnyPackage("dev.wharf.errors..", "dev.wharf.config..")
                .should().onlyDependOnClassesThat(resideOutsideOfPackage("dev.wharf..")
                        .or(resideInAnyPackage("dev.wharf.errors..", "dev.wharf.config..")))
                .check(WHARF);
    }

    @Test
    void httpIsASmallHelperOfTheDoorsAndTheServerOnly() {
        classes().that().resideInAPackage("dev.wharf.http..")
                .should().onlyHaveDependentClassesThat(resideInAnyPackage(DOORS).or(resideInAnyPackage("dev.wharf.http..", "dev.wharf.server..")))
                .check(WHARF);
        noClasses().that().resideInAPackage("dev.wharf.http..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.wharf.registry..", "dev.wharf.storage..", "dev.wharf.auth..", "dev.wharf.iam..", "dev.wharf.policy..")
                .check(WHARF);
    }

    @Test
    void onlyTheCompositionRootAndTheServerSeeJetty() {
        noClasses().that().resideOutsideOfPackages("dev.wharf.server..", "dev.wharf.http..", "dev.wharf.cli..")
                .should().dependOnClassesThat().resideInAPackage("org.eclipse.jetty..")
                .check(WHARF);
    }

    @Test
    void packagesFormNoCycle() {
        // one slice per package: iam.api (a door) may use auth, which uses iam
        slices().matching("dev.wharf.(**)").should().beFreeOfCycles().check(WHARF);
    }
}

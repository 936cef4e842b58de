package dev.wharf;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import dev.wharf.cli.Main;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The operations packages (docs/design.md, "Operations") sit below the doors and beside audit. */
class OperationsPackagesTest {
    private static final JavaClasses WHARF = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importLocations(List.of(Location.of(Main.class.getProtectionDomain().getCodeSource().getLocation())));

    @Test
    void eventsKnowNothingOfTheRegistryTheDoorsOrHttpServing() {
        noClasses().that().resideInAPackage("dev.wharf.events..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.wharf.registry..", "dev.wharf.server..", "dev.wharf.http..",
                        "dev.wharf.oci..", "dev.wharf.ecr..", "dev.wharf.cli..", "org.eclipse.jetty..", "java.sql..")
                .check(WHARF);
    }

    @Test
    void metricsKnowNothingOfTheRegistryTheDoorsOrJetty() {
        noClasses().that().resideInAPackage("dev.wharf.metrics..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.wharf.registry..", "dev.wharf.server..", "dev.wharf.http..",
                        "dev.wharf.oci..", "dev.wharf.ecr..", "dev.wharf.cli..", "org.eclipse.jetty..", "java.sql..")
                .check(WHARF);
    }

    @Test
    void onlyTheServerAndTheCompositionRootSeeMicrometer() {
        noClasses().that().resideOutsideOfPackages("dev.wharf.metrics..", "dev.wharf.server..", "dev.wharf.cli..")
                .should().dependOnClassesThat().resideInAPackage("io.micrometer..")
                .check(WHARF);
    }
}

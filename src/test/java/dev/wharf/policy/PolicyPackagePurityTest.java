package dev.wharf.policy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The policy engine is pure: no other Wharf package, no files, network or logging. */
class PolicyPackagePurityTest {

    private static final JavaClasses POLICY = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.wharf.policy");

    @Test
    void policyDependsOnNoOtherWharfPackageAndDoesNoIo() {
        noClasses().that().resideInAPackage("dev.wharf.policy")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.wharf.cli..", "dev.wharf.config..", "dev.wharf.server..", "dev.wharf.oci..", "dev.wharf.ecr..",
                        "dev.wharf.iam..", "dev.wharf.sts..", "dev.wharf.auth..", "dev.wharf.registry..", "dev.wharf.limits..",
                        "dev.wharf.audit..", "dev.wharf.storage..", "dev.wharf.console..", "dev.wharf.errors..",
                        "java.nio.file..", "java.net..", "java.util.logging..", "org.slf4j..", "ch.qos.logback..")
                .check(POLICY);
    }
}

package dev.wharf.auth.sigv4;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The verifier is pure: it reaches only the JDK and the error table. */
class Sigv4DependenciesTest {

    @Test
    void theSigv4PackageDependsOnlyOnJavaAndTheErrorTable() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.wharf.auth.sigv4");

        noClasses().that().resideInAPackage("dev.wharf.auth.sigv4")
                .should().dependOnClassesThat().resideOutsideOfPackages(
                        "java..", "javax.crypto..", "dev.wharf.auth.sigv4..", "dev.wharf.errors..")
                .check(classes);
    }
}

package dev.wharf;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import dev.wharf.cli.Main;
import dev.wharf.policy.Principal;
import dev.wharf.registry.AccessControl;
import dev.wharf.storage.blob.Digest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package graph of ARCHITECTURE.md ("Packages"): dependencies point down the picture and
 * never up. {@code errors} and {@code config} are usable by every package; {@code http} is a
 * small request/response helper shared by the doors and the server only. The doors are the API
 * handlers: OCI, ECR, the AWS Query APIs (IAM, STS), CloudTrail's LookupEvents and Secrets Manager.
 */
class ArchitectureTest {
    private static final String[] DOORS = {"dev.wharf.oci..", "dev.wharf.ecr..", "dev.wharf.query..", "dev.wharf.iam.api..",
            "dev.wharf.sts..", "dev.wharf.audit.api..", "dev.wharf.secrets.api.."};

    // Only the main classes' directory is read (scanning the whole class path for the package is slow),
    // and once: every rule of the package graph is in this class.
    private static final JavaClasses WHARF = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importLocations(List.of(Location.of(Main.class.getProtectionDomain().getCodeSource().getLocation())));

    /**
     * The "Packages" table of ARCHITECTURE.md, row by row: each package and the Wharf packages it
     * may use. Every package may also use {@code errors} and {@code config} (the table's "usable by
     * all"), and two values that cross the layers: {@code storage.blob.Digest}, which names content
     * everywhere, and {@code policy.Principal}, which auth produces for every door ("who is calling →
     * Principal" in the picture).
     * {@code http} is the doors' and the server's request helper; {@code query} is the shared
     * Query-protocol door of IAM and STS; {@code iam.api} is IAM's door (the "Query API" of the
     * {@code iam, sts} row), so it may use what the doors use. Beyond the table (docs/design.md,
     * "Packages as built"): the server and the doors add to the call's audit record
     * ({@code audit.CallRecord}: named, parameters, failure) and the Query door throttles IAM and STS
     * calls, which never pass through registry; {@code audit.api} is CloudTrail's door; {@code metrics}
     * holds the meters the server counts requests in. {@code secrets} is authorized through
     * {@code registry.SecretsAccess} and implements the {@code registry.SecretValues} port, so it uses
     * {@code registry}; {@code secrets.api} is its door.
     */
    static Stream<Arguments> packageTable() {
        return Stream.of(
                row("server", "oci", "ecr", "iam.api", "sts", "query", "audit.api", "http", "audit", "metrics"),
                row("oci", "registry", "auth", "http", "audit"),
                row("ecr", "registry", "auth", "http", "audit"),
                row("iam", "policy", "storage.meta"),
                row("iam.api", "iam", "policy", "storage.meta", "auth", "query", "http"),
                row("sts", "iam", "policy", "storage.meta", "auth", "query", "http"),
                row("query", "auth", "http", "audit", "limits"),
                row("audit.api", "audit", "registry", "auth", "http", "storage.meta"),
                row("policy"),
                row("auth", "iam", "policy", "audit"),
                row("registry", "policy", "limits", "audit", "storage"),
                row("limits"),
                row("audit", "policy", "storage.meta"),
                row("events", "storage.meta"),
                row("replication", "registry"),
                row("metrics", "storage.meta"),
                row("secrets", "iam", "storage.meta", "registry"),
                row("secrets.api", "secrets", "registry", "auth", "http", "audit"),
                row("upstream", "registry"),
                row("storage.blob"),
                row("storage.meta"),
                row("http"),
                row("errors"),
                row("config"));
    }

    private static Arguments row(String pkg, String... mayUse) {
        return Arguments.of(pkg, List.of(mayUse));
    }

    @ParameterizedTest(name = "{0} uses only {1}")
    @MethodSource("packageTable")
    void eachPackageUsesOnlyWhatTheTableAllows(String pkg, List<String> mayUse) {
        String own = "dev.wharf." + pkg + "..";
        List<String> allowed = new ArrayList<>(List.of(own, "dev.wharf.errors..", "dev.wharf.config.."));
        for (String p : mayUse) allowed.add("dev.wharf." + p + "..");
        // a sub-package with a row of its own (iam.api under iam) is not covered by its parent's row
        String[] subRows = packageTable().map(a -> (String) a.get()[0]).filter(p -> p.startsWith(pkg + "."))
                .map(p -> "dev.wharf." + p + "..").toArray(String[]::new);
        classes().that().resideInAPackage(own).and().resideOutsideOfPackages(subRows)
                .should().onlyDependOnClassesThat(resideOutsideOfPackage("dev.wharf..")
                        .or(resideInAnyPackage(allowed.toArray(String[]::new)))
                        .or(belongToAnyOf(Digest.class, Principal.class)))
                .allowEmptyShould(true)
                .check(WHARF);
    }

    @Test
    void noDoorChoosesTheEcrActionToCheck() throws IOException {
        // STYLE.md habits 1 and 17: which ecr: action an operation is belongs to registry, one choice for both
        // doors. EcrAction's names are compile-time constants that javac inlines, so the class files cannot
        // show this dependency: the sources are read instead.
        List<String> offenders = new ArrayList<>();
        for (String door : List.of("oci", "ecr", "query", "iam/api", "sts", "secrets/api")) {
            Path dir = Path.of("src/main/java/dev/wharf", door);
            if (!Files.isDirectory(dir)) continue;
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    if (Files.readString(f).contains("EcrAction")) offenders.add(f.toString());
                }
            }
        }
        assertEquals(List.of(), offenders);
    }

    @Test
    void noDoorDecidesAuthorization() {
        // ARCHITECTURE.md: authorization happens once, in registry, on the way in; a door never asks AccessControl
        noClasses().that().resideInAnyPackage(DOORS)
                .should().dependOnClassesThat().areAssignableTo(AccessControl.class)
                .check(WHARF);
    }

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

    // The places of limits and audit in the package graph (ARCHITECTURE.md, docs/design.md).

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

    // The operations packages (docs/design.md, "Operations") sit below the doors and beside audit.

    @ParameterizedTest
    @ValueSource(strings = {"dev.wharf.events..", "dev.wharf.metrics.."})
    void eventsAndMetricsKnowNothingOfTheRegistryTheDoorsOrHttpServing(String operationsPackage) {
        noClasses().that().resideInAPackage(operationsPackage)
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

    // Two packages are pure by design: the policy engine and the SigV4 verifier.

    @Test
    void policyDependsOnNoOtherWharfPackageAndDoesNoIo() {
        noClasses().that().resideInAPackage("dev.wharf.policy")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.wharf.cli..", "dev.wharf.config..", "dev.wharf.server..", "dev.wharf.oci..", "dev.wharf.ecr..",
                        "dev.wharf.iam..", "dev.wharf.sts..", "dev.wharf.auth..", "dev.wharf.registry..", "dev.wharf.limits..",
                        "dev.wharf.audit..", "dev.wharf.storage..", "dev.wharf.console..", "dev.wharf.errors..",
                        "java.nio.file..", "java.net..", "java.util.logging..", "org.slf4j..", "ch.qos.logback..")
                .check(WHARF);
    }

    @Test
    void theSigv4PackageDependsOnlyOnJavaAndTheErrorTable() {
        noClasses().that().resideInAPackage("dev.wharf.auth.sigv4")
                .should().dependOnClassesThat().resideOutsideOfPackages(
                        "java..", "javax.crypto..", "dev.wharf.auth.sigv4..", "dev.wharf.errors..")
                .check(WHARF);
    }
}

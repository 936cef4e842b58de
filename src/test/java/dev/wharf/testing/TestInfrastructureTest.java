package dev.wharf.testing;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Tags;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The habits of the test code itself, read from its class files: tests own their ports and their
 * clocks, every external program runs through {@link ExternalProcess}, and every test that runs one
 * carries the tag that {@code bin/test --fast} leaves out.
 */
class TestInfrastructureTest {
    private static final JavaClasses TESTS = new ClassFileImporter()
            .importLocations(List.of(Location.of(TestServer.class.getProtectionDomain().getCodeSource().getLocation())));
    private static final Set<String> RUNS_PROGRAMS = Set.of(ExternalProcess.class.getName(), Skopeo.class.getName(),
            AwsCli.class.getName(), S3Proxy.class.getName(), S3ProxyBucket.class.getName(), PostgresCluster.class.getName(),
            Distribution.class.getName(), Haproxy.class.getName(), WharfNode.class.getName(), WharfCluster.class.getName());

    @Test
    void onlyTheRunnerStartsProcesses() {
        noClasses().that().doNotHaveFullyQualifiedName(ExternalProcess.class.getName())
                .should().dependOnClassesThat().haveFullyQualifiedName("java.lang.ProcessBuilder")
                .orShould().callMethod(Runtime.class, "exec", String.class)
                .orShould().callMethod(Runtime.class, "exec", String[].class)
                .because("ExternalProcess is the one runner whose timeouts apply (bin/test --fast must know who runs programs)")
                .check(TESTS);
    }

    @Test
    void everyTestThatRunsAProgramIsTaggedForTheFullSuiteOnly() {
        classes().that(dependOnAnyOf(RUNS_PROGRAMS)).and().resideOutsideOfPackage("dev.wharf.testing")
                .should(beTagged(ExternalProcess.TAG))
                .check(TESTS);
    }

    @Test
    void noTestSleepsOrPicksAPortToBindLater() {
        noClasses().should().callMethod(Thread.class, "sleep", long.class)
                .orShould().callMethod(Thread.class, "sleep", java.time.Duration.class)
                .orShould().callMethod(Thread.class, "sleep", long.class, int.class)
                .orShould().callMethod(java.util.concurrent.TimeUnit.class, "sleep", long.class)
                .orShould().callConstructor(java.net.ServerSocket.class, int.class)
                .because("time moves with a MutableClock (or a bounded Await on a real background thread), "
                        + "and servers bind port 0 themselves")
                .check(TESTS);
    }

    private static DescribedPredicate<JavaClass> dependOnAnyOf(Set<String> names) {
        return DescribedPredicate.describe("use " + names, c -> c.getDirectDependenciesFromSelf().stream()
                .anyMatch(d -> names.contains(d.getTargetClass().getName())));
    }

    /** The class, or the top-level class it is nested in, carries {@code @Tag(tag)}. */
    private static ArchCondition<JavaClass> beTagged(String tag) {
        return new ArchCondition<>("be tagged @Tag(\"" + tag + "\")") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                JavaClass top = c;
                while (top.getEnclosingClass().isPresent()) top = top.getEnclosingClass().get();
                boolean tagged = tags(top).contains(tag);
                events.add(new SimpleConditionEvent(c, tagged, top.getName() + (tagged ? " is" : " is not") + " tagged " + tag));
            }
        };
    }

    private static List<String> tags(JavaClass c) {
        if (c.isAnnotatedWith(Tag.class)) return List.of(c.getAnnotationOfType(Tag.class).value());
        if (c.isAnnotatedWith(Tags.class)) return Arrays.stream(c.getAnnotationOfType(Tags.class).value()).map(Tag::value).toList();
        return List.of();
    }
}

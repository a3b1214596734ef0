package io.pricewire.service.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The service's packages (docs/architecture.md §1) depend on each other in one direction only. */
class ServiceArchitectureTest {
    private static JavaClasses service;

    @BeforeAll
    static void importService() {
        service = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.pricewire.service");
    }

    @Test
    void servicePackagesHaveNoCycles() {
        slices().matching("io.pricewire.service.(**)").should().beFreeOfCycles().check(service);
    }

    @Test
    void theReadPathKnowsNothingOfTheEndpointsAboveIt() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "io.pricewire.service.nearcache..",
                        "io.pricewire.service.tiers..",
                        "io.pricewire.service.refresh..",
                        "io.pricewire.service.lease..",
                        "io.pricewire.service.startup..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.pricewire.service.api..", "io.pricewire.service.fastpath..")
                .check(service);
    }

    @Test
    void onlyTheWiringBuildsAwsClients() {
        noClasses()
                .that()
                .resideOutsideOfPackage("io.pricewire.service.wiring..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("software.amazon..")
                .check(service);
    }
}

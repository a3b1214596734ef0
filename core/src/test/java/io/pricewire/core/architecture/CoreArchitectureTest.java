package io.pricewire.core.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The boundaries of core (docs/architecture.md §1): core runs in the service and in the Lambda, so
 * it knows no framework; its domain packages (assets, prices, aggregation, the exchanges' formats)
 * know no infrastructure either, which lives in the adapter packages beside them. The stream protocols
 * ({@code exchange.stream}) are formats too: the connections that carry them live in the service.
 */
class CoreArchitectureTest {
    static final String[] DOMAIN = {
        "io.pricewire.core.asset",
        "io.pricewire.core.price",
        "io.pricewire.core.aggregate",
        "io.pricewire.core.exchange",
        "io.pricewire.core.exchange.stream"
    };
    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.pricewire.core");
    }

    @Test
    void coreUsesNoMicronaut() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.micronaut..")
                .check(core);
    }

    @Test
    void theDomainUsesNoAwsSdkLettuceOrHttpClient() {
        noClasses()
                .that()
                .resideInAnyPackage(DOMAIN)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "software.amazon..",
                        "io.lettuce..",
                        "java.net.http..",
                        "io.netty..",
                        "io.pricewire.core.exchange.http..",
                        "io.pricewire.core.store..",
                        "io.pricewire.core.cache..",
                        "io.pricewire.core.elasticache..",
                        "io.pricewire.core.refresh..",
                        "io.pricewire.core.aws..")
                .check(core);
    }

    @Test
    void onlyTheAdaptersTouchTheirInfrastructure() {
        noClasses()
                .that()
                .resideOutsideOfPackages(
                        "io.pricewire.core.store.dynamo..",
                        "io.pricewire.core.elasticache..",
                        "io.pricewire.core.aws..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("software.amazon..")
                .check(core);
        noClasses()
                .that()
                .resideOutsideOfPackages("io.pricewire.core.cache.redis..", "io.pricewire.core.elasticache..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.lettuce..")
                .check(core);
        noClasses()
                .that()
                .resideOutsideOfPackages("io.pricewire.core.exchange.http..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("java.net.http..")
                .check(core);
    }

    @Test
    void corePackagesHaveNoCycles() {
        slices().matching("io.pricewire.core.(**)").should().beFreeOfCycles().check(core);
    }
}

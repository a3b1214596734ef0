package io.pricewire.cdk.constructs;

import java.util.Locale;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Tags;
import software.constructs.IConstruct;

/**
 * The one place for physical names and tags. Names are prefixed with the stack name so two
 * stacks (say a staging and a production one) can live in one account and region; tags say which
 * project and which part of it a resource belongs to.
 */
public final class Naming {

    /** Tag every resource of the stack carries. */
    public static final String PROJECT_TAG = "project";

    public static final String PROJECT = "pricewire";
    /** Tag naming the part of the system a resource belongs to (network, cache, service, ...). */
    public static final String COMPONENT_TAG = "pricewire:component";
    /**
     * Tag Prometheus' EC2 service discovery filters on (monitoring/prometheus/prometheus.yml:
     * {@code tag:pricewire:role = service}); only the service instances carry it.
     */
    public static final String ROLE_TAG = "pricewire:role";

    public static final String SERVICE_ROLE = "service";

    private Naming() {}

    /** Tags everything under {@code scope} as part of Pricewire. */
    public static void tagProject(IConstruct scope) {
        Tags.of(scope).add(PROJECT_TAG, PROJECT);
    }

    /** Tags everything under {@code scope} as belonging to {@code component}. */
    public static void tagComponent(IConstruct scope, String component) {
        Tags.of(scope).add(COMPONENT_TAG, component);
    }

    /** Marks the service instances (launched by {@code scope}) for Prometheus' EC2 service discovery. */
    public static void tagServiceInstances(IConstruct scope) {
        Tags.of(scope).add(ROLE_TAG, SERVICE_ROLE);
    }

    /** A physical name unique per stack: {@code <stack name>-<suffix>}, e.g. {@code Pricewire-api-latency-p95}. */
    public static String name(IConstruct scope, String suffix) {
        return Stack.of(scope).getStackName() + "-" + suffix;
    }

    /** Like {@link #name} but lower case, for services that only take lower-case names. */
    public static String lowerName(IConstruct scope, String suffix) {
        return name(scope, suffix).toLowerCase(Locale.ROOT);
    }
}

package io.pricewire.cdk.constructs;

import static org.assertj.core.api.Assertions.assertThat;

import io.pricewire.cdk.PricewireStack;
import io.pricewire.cdk.SynthesizedApp;
import io.pricewire.cdk.TemplateQueries;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.cloudfront.CfnDistribution;

class EdgeTest {

    /** AWS-managed policies, by their fixed ids. */
    private static final String CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad";

    private static final String ALL_VIEWER_EXCEPT_HOST_HEADER = "b689b0a8-53d0-40ab-baf2-68738e2966ac";

    private final SynthesizedApp app = SynthesizedApp.get();

    @Test
    void shouldRedirectToHttpsWithTheDefaultCertificateWhenNoDomainIsGiven() {
        for (Map<String, Object> config :
                List.of(config(app.defaults, app.defaultsTemplate), config(app.full, app.fullTemplate))) {
            assertThat(config).doesNotContainKey("ViewerCertificate").doesNotContainKey("Aliases");
            assertThat(behaviors(config))
                    .isNotEmpty()
                    .allSatisfy(behavior ->
                            assertThat(behavior).containsEntry("ViewerProtocolPolicy", "redirect-to-https"));
        }
    }

    @Test
    void shouldReachTheLoadBalancerOverHttpWithTheOriginSecretWhenNoCertificateIsGiven() {
        Map<String, Object> origin = origin(config(app.defaults, app.defaultsTemplate));
        Map<String, Object> custom = map(origin.get("CustomOriginConfig"));
        assertThat(custom.get("OriginProtocolPolicy")).isEqualTo("http-only");
        assertThat(custom.get("HTTPPort")).isEqualTo(80);
        assertThat(TemplateQueries.json(origin.get("DomainName"))).contains("DNSName");
        assertOriginSecretHeader(origin);
    }

    @Test
    void shouldReachTheLoadBalancerOverHttpsThroughTheOriginDomainWhenACertificateIsGiven() {
        Map<String, Object> origin = origin(config(app.full, app.fullTemplate));
        Map<String, Object> custom = map(origin.get("CustomOriginConfig"));
        assertThat(origin.get("DomainName")).isEqualTo(SynthesizedApp.ORIGIN_DOMAIN_NAME);
        assertThat(custom.get("OriginProtocolPolicy")).isEqualTo("https-only");
        assertThat(custom.get("HTTPSPort")).isEqualTo(443);
        assertThat(custom.get("OriginSSLProtocols")).isEqualTo(List.of("TLSv1.2"));
        assertOriginSecretHeader(origin);
    }

    @Test
    void shouldCachePricesGetsByOriginCacheControlUpToSixtySecondsWhenViewersAsk() {
        Template template = app.defaultsTemplate;
        template.hasResourceProperties(
                "AWS::CloudFront::CachePolicy",
                Map.of(
                        "CachePolicyConfig",
                        Match.objectLike(Map.of(
                                "MinTTL",
                                0,
                                "DefaultTTL",
                                0,
                                "MaxTTL",
                                60,
                                "ParametersInCacheKeyAndForwardedToOrigin",
                                Map.of(
                                        "QueryStringsConfig",
                                                Map.of(
                                                        "QueryStringBehavior",
                                                        "whitelist",
                                                        "QueryStrings",
                                                        List.of("symbols")),
                                        "HeadersConfig", Map.of("HeaderBehavior", "none"),
                                        "CookiesConfig", Map.of("CookieBehavior", "none"),
                                        "EnableAcceptEncodingGzip", true,
                                        "EnableAcceptEncodingBrotli", true)))));

        List<Map<String, Object>> ordered = cacheBehaviors(config(app.defaults, template));
        // first match wins: the refresh POST must not fall into the cached /v1/prices* behavior
        assertThat(ordered.stream().map(behavior -> behavior.get("PathPattern")).toList())
                .containsExactly((Object) "/v1/prices/*/refresh", "/v1/prices/*/history", "/v1/prices*");
        Map<String, Object> prices = ordered.get(2);
        assertThat(prices.get("AllowedMethods")).isEqualTo(List.of("GET", "HEAD"));
        assertThat(prices.get("Compress")).isEqualTo(true);
        assertThat(TemplateQueries.json(prices.get("CachePolicyId"))).contains("PricesCachePolicy");
        assertThat(TemplateQueries.json(prices.get("OriginRequestPolicyId"))).contains("PricesOriginRequestPolicy");
        template.hasResourceProperties(
                "AWS::CloudFront::OriginRequestPolicy",
                Map.of(
                        "OriginRequestPolicyConfig",
                        Match.objectLike(Map.of(
                                "HeadersConfig", Map.of("HeaderBehavior", "whitelist", "Headers", List.of("X-Api-Key")),
                                "CookiesConfig", Map.of("CookieBehavior", "none")))));
    }

    @Test
    void shouldKeyHistoryGetsOnTheRangeAskedAndForwardItWhenAHistoryIsRequested() {
        Template template = app.defaultsTemplate;
        template.hasResourceProperties(
                "AWS::CloudFront::CachePolicy",
                Map.of(
                        "CachePolicyConfig",
                        Match.objectLike(Map.of(
                                "MaxTTL",
                                60,
                                "ParametersInCacheKeyAndForwardedToOrigin",
                                Match.objectLike(Map.of(
                                        "QueryStringsConfig",
                                        Map.of(
                                                "QueryStringBehavior",
                                                "whitelist",
                                                "QueryStrings",
                                                List.of("interval", "from", "to"))))))));
        Map<String, Object> history =
                cacheBehaviors(config(app.defaults, template)).get(1);
        assertThat(history.get("PathPattern")).isEqualTo("/v1/prices/*/history");
        assertThat(history.get("AllowedMethods")).isEqualTo(List.of("GET", "HEAD"));
        assertThat(TemplateQueries.json(history.get("CachePolicyId"))).contains("HistoryCachePolicy");
        assertThat(TemplateQueries.json(history.get("OriginRequestPolicyId"))).contains("PricesOriginRequestPolicy");
    }

    @Test
    void shouldPassEverythingElseUncachedWithViewerHeadersWhenNotAPricesGet() {
        Map<String, Object> config = config(app.defaults, app.defaultsTemplate);
        Map<String, Object> refresh = cacheBehaviors(config).get(0);
        for (Map<String, Object> behavior : List.of(map(config.get("DefaultCacheBehavior")), refresh)) {
            assertThat(behavior.get("CachePolicyId")).isEqualTo(CACHING_DISABLED);
            assertThat(behavior.get("OriginRequestPolicyId")).isEqualTo(ALL_VIEWER_EXCEPT_HOST_HEADER);
            assertThat(TemplateQueries.items(behavior.get("AllowedMethods")).toList())
                    .contains("GET", "POST");
        }
        // no error is ever kept at the edge
        assertThat(TemplateQueries.items(config.get("CustomErrorResponses"))
                        .map(r -> map(r).get("ErrorCode"))
                        .toList())
                .containsExactlyInAnyOrder(400, 403, 404, 405, 414, 416, 500, 501, 502, 503, 504);
        assertThat((List<?>) config.get("CustomErrorResponses"))
                .allSatisfy(r -> assertThat(map(r).get("ErrorCachingMinTTL")).isEqualTo(0));
    }

    @Test
    void shouldAddHstsNosniffFrameAndReferrerHeadersWhenAnyAnswerLeavesTheEdge() {
        Template template = app.defaultsTemplate;
        template.hasResourceProperties(
                "AWS::CloudFront::ResponseHeadersPolicy",
                Map.of(
                        "ResponseHeadersPolicyConfig",
                        Match.objectLike(Map.of(
                                "SecurityHeadersConfig",
                                Map.of(
                                        "StrictTransportSecurity",
                                                Map.of(
                                                        "AccessControlMaxAgeSec",
                                                        31_536_000,
                                                        "IncludeSubdomains",
                                                        true,
                                                        "Override",
                                                        true),
                                        "ContentTypeOptions", Map.of("Override", true),
                                        "FrameOptions", Map.of("FrameOption", "DENY", "Override", true),
                                        "ReferrerPolicy",
                                                Map.of("ReferrerPolicy", "no-referrer", "Override", true))))));
        assertThat(behaviors(config(app.defaults, template)))
                .hasSize(4)
                .allSatisfy(behavior -> assertThat(TemplateQueries.json(behavior.get("ResponseHeadersPolicyId")))
                        .contains("SecurityHeaders"));
    }

    private static void assertOriginSecretHeader(Map<String, Object> origin) {
        List<?> headers = (List<?>) origin.get("OriginCustomHeaders");
        assertThat(headers).singleElement().satisfies(header -> {
            assertThat(map(header).get("HeaderName")).isEqualTo("X-Pricewire-Origin-Verify");
            // resolved by CloudFormation at deploy time: the value is never in the template
            assertThat(TemplateQueries.text(map(header).get("HeaderValue"))).startsWith("{{resolve:secretsmanager:");
        });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> config(PricewireStack stack, Template template) {
        String logicalId = stack.resolve(
                        ((CfnDistribution) stack.edge().distribution().getNode().getDefaultChild()).getLogicalId())
                .toString();
        return (Map<String, Object>)
                TemplateQueries.properties(TemplateQueries.resources(template, "AWS::CloudFront::Distribution")
                                .get(logicalId))
                        .get("DistributionConfig");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        return (Map<String, Object>) node;
    }

    private static Map<String, Object> origin(Map<String, Object> config) {
        List<?> origins = (List<?>) config.get("Origins");
        assertThat(origins).hasSize(1);
        return map(origins.get(0));
    }

    private static List<Map<String, Object>> cacheBehaviors(Map<String, Object> config) {
        return ((List<?>) config.get("CacheBehaviors"))
                .stream().map(EdgeTest::map).toList();
    }

    private static List<Map<String, Object>> behaviors(Map<String, Object> config) {
        return Stream.concat(Stream.of(map(config.get("DefaultCacheBehavior"))), cacheBehaviors(config).stream())
                .toList();
    }
}

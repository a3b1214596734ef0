package io.pricewire.cdk.constructs;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudfront.AddBehaviorOptions;
import software.amazon.awscdk.services.cloudfront.AllowedMethods;
import software.amazon.awscdk.services.cloudfront.BehaviorOptions;
import software.amazon.awscdk.services.cloudfront.CacheCookieBehavior;
import software.amazon.awscdk.services.cloudfront.CacheHeaderBehavior;
import software.amazon.awscdk.services.cloudfront.CachePolicy;
import software.amazon.awscdk.services.cloudfront.CacheQueryStringBehavior;
import software.amazon.awscdk.services.cloudfront.CachedMethods;
import software.amazon.awscdk.services.cloudfront.Distribution;
import software.amazon.awscdk.services.cloudfront.ErrorResponse;
import software.amazon.awscdk.services.cloudfront.HeadersFrameOption;
import software.amazon.awscdk.services.cloudfront.HeadersReferrerPolicy;
import software.amazon.awscdk.services.cloudfront.HttpVersion;
import software.amazon.awscdk.services.cloudfront.IOrigin;
import software.amazon.awscdk.services.cloudfront.OriginProtocolPolicy;
import software.amazon.awscdk.services.cloudfront.OriginRequestCookieBehavior;
import software.amazon.awscdk.services.cloudfront.OriginRequestHeaderBehavior;
import software.amazon.awscdk.services.cloudfront.OriginRequestPolicy;
import software.amazon.awscdk.services.cloudfront.OriginRequestQueryStringBehavior;
import software.amazon.awscdk.services.cloudfront.OriginSslPolicy;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersContentTypeOptions;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersFrameOptions;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersPolicy;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersReferrerPolicy;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersStrictTransportSecurity;
import software.amazon.awscdk.services.cloudfront.ResponseSecurityHeadersBehavior;
import software.amazon.awscdk.services.cloudfront.ViewerProtocolPolicy;
import software.amazon.awscdk.services.cloudfront.origins.HttpOrigin;
import software.amazon.awscdk.services.elasticloadbalancingv2.IApplicationLoadBalancer;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.constructs.Construct;

/**
 * Creates the public edge: a CloudFront distribution that gives clients HTTPS with CloudFront's
 * default certificate (HTTP is redirected), adds security headers (HSTS, nosniff, frame and
 * referrer policy) to every answer, and forwards to the load balancer with the
 * {@value ServiceFleet#ORIGIN_VERIFY_HEADER} header the listener requires, over HTTP, or over
 * HTTPS through {@code originDomainName} when the load balancer has a certificate.
 *
 * <p>Only {@code GET /v1/prices…} is cached, for as long as the service's {@code Cache-Control}
 * says (per tier, at most {@value #PRICES_MAX_TTL_SECONDS} s), keyed on the path and the
 * {@code symbols} query string. Everything else ({@code POST …/refresh}, {@code /v1/assets},
 * {@code /openapi.yml}, {@code /healthz}) passes through uncached with the viewer's headers.
 */
public final class Edge extends Construct {

    public static final String PRICES_PATH = "/v1/prices*";
    /** Ahead of {@link #PRICES_PATH}: the refresh call must never be cached and needs the viewer's X-Api-Key. */
    public static final String REFRESH_PATH = "/v1/prices/*/refresh";

    /**
     * Ahead of {@link #PRICES_PATH}: a history answer depends on {@code interval}, {@code from} and {@code to}, which
     * the prices behaviour neither forwards nor keys on — under it every history request reached the service as the
     * default 24 h of minutes, and the edge answered one range for another.
     */
    public static final String HISTORY_PATH = "/v1/prices/*/history";

    public static final int PRICES_MAX_TTL_SECONDS = 60;
    /** The statuses CloudFront caches by default (and the only ones a custom error response may name). */
    static final List<Integer> CACHEABLE_ERRORS = List.of(400, 403, 404, 405, 414, 416, 500, 501, 502, 503, 504);

    /**
     * @param loadBalancer       the origin
     * @param listenerPort       the load balancer's one listener port (80, or 443 with a certificate)
     * @param originVerifySecret value of the header the listener requires
     * @param originDomainName   a DNS name covered by the load balancer's certificate that resolves to
     *                           it; given, CloudFront connects over HTTPS to that name
     */
    public record Props(
            IApplicationLoadBalancer loadBalancer,
            int listenerPort,
            ISecret originVerifySecret,
            Optional<String> originDomainName) {
        public Props {
            Objects.requireNonNull(loadBalancer, "loadBalancer");
            Objects.requireNonNull(originVerifySecret, "originVerifySecret");
            Objects.requireNonNull(originDomainName, "originDomainName");
        }
    }

    private final Distribution distribution;

    public Edge(Construct scope, String id, Props props) {
        super(scope, id);
        Naming.tagComponent(this, "edge");

        Map<String, String> verify = Map.of(
                ServiceFleet.ORIGIN_VERIFY_HEADER,
                // a dynamic reference: the template holds {{resolve:secretsmanager:...}}, not the value
                props.originVerifySecret().getSecretValue().unsafeUnwrap());
        IOrigin origin = props.originDomainName()
                .map(name -> (IOrigin) HttpOrigin.Builder.create(name)
                        .protocolPolicy(OriginProtocolPolicy.HTTPS_ONLY)
                        .httpsPort(props.listenerPort())
                        .originSslProtocols(List.of(OriginSslPolicy.TLS_V1_2))
                        .customHeaders(verify)
                        .build())
                .orElseGet(() -> HttpOrigin.Builder.create(props.loadBalancer().getLoadBalancerDnsName())
                        .protocolPolicy(OriginProtocolPolicy.HTTP_ONLY)
                        .httpPort(props.listenerPort())
                        // unused over HTTP, but never let a later switch to HTTPS fall back to TLS 1.0
                        .originSslProtocols(List.of(OriginSslPolicy.TLS_V1_2))
                        .customHeaders(verify)
                        .build());

        ResponseHeadersPolicy securityHeaders = ResponseHeadersPolicy.Builder.create(this, "SecurityHeaders")
                .comment("Pricewire: HSTS, nosniff, no framing, no referrer")
                .securityHeadersBehavior(ResponseSecurityHeadersBehavior.builder()
                        .strictTransportSecurity(ResponseHeadersStrictTransportSecurity.builder()
                                .accessControlMaxAge(Duration.days(365))
                                .includeSubdomains(true)
                                .override(true)
                                .build())
                        .contentTypeOptions(ResponseHeadersContentTypeOptions.builder()
                                .override(true)
                                .build())
                        .frameOptions(ResponseHeadersFrameOptions.builder()
                                .frameOption(HeadersFrameOption.DENY)
                                .override(true)
                                .build())
                        .referrerPolicy(ResponseHeadersReferrerPolicy.builder()
                                .referrerPolicy(HeadersReferrerPolicy.NO_REFERRER)
                                .override(true)
                                .build())
                        .build())
                .build();

        // min and default 0: an answer without Cache-Control is not cached; the service's max-age
        // (1 / 5 / 30 s by tier) decides, capped at 60 s
        CachePolicy pricesCache = cachePolicy(
                "PricesCachePolicy", "Pricewire GET /v1/prices*: the origin's Cache-Control, at most 60 s", "symbols");
        CachePolicy historyCache = cachePolicy(
                "HistoryCachePolicy",
                "Pricewire GET /v1/prices/*/history: the origin's Cache-Control, keyed on the range asked",
                "interval",
                "from",
                "to");
        // on a miss the client's key still reaches the service (its rate-limit bucket); the answer
        // does not depend on it, so it stays out of the cache key
        OriginRequestPolicy pricesOrigin = OriginRequestPolicy.Builder.create(this, "PricesOriginRequestPolicy")
                .comment("Pricewire GET /v1/prices*: X-Api-Key to the origin, outside the cache key")
                .headerBehavior(OriginRequestHeaderBehavior.allowList("X-Api-Key"))
                .queryStringBehavior(OriginRequestQueryStringBehavior.none())
                .cookieBehavior(OriginRequestCookieBehavior.none())
                .build();

        BehaviorOptions passThrough = BehaviorOptions.builder()
                .origin(origin)
                .viewerProtocolPolicy(ViewerProtocolPolicy.REDIRECT_TO_HTTPS)
                .allowedMethods(AllowedMethods.ALLOW_ALL)
                .cachePolicy(CachePolicy.CACHING_DISABLED)
                .originRequestPolicy(OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER)
                .responseHeadersPolicy(securityHeaders)
                .compress(true)
                .build();

        this.distribution = Distribution.Builder.create(this, "Distribution")
                .comment("Pricewire API")
                .defaultBehavior(passThrough)
                .httpVersion(HttpVersion.HTTP2_AND_3)
                // CloudFront would keep these errors 10 s even where the service sent no Cache-Control: an
                // error is the answer of its moment (an asset just listed, an origin just back), never reused
                .errorResponses(CACHEABLE_ERRORS.stream()
                        .map(status -> ErrorResponse.builder()
                                .httpStatus(status)
                                .ttl(Duration.seconds(0))
                                .build())
                        .toList())
                .build();
        // in this order: CloudFront takes the first pattern that matches
        distribution.addBehavior(
                REFRESH_PATH,
                origin,
                AddBehaviorOptions.builder()
                        .viewerProtocolPolicy(ViewerProtocolPolicy.REDIRECT_TO_HTTPS)
                        .allowedMethods(AllowedMethods.ALLOW_ALL)
                        .cachePolicy(CachePolicy.CACHING_DISABLED)
                        .originRequestPolicy(OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER)
                        .responseHeadersPolicy(securityHeaders)
                        .build());
        distribution.addBehavior(HISTORY_PATH, origin, cachedGet(historyCache, pricesOrigin, securityHeaders));
        distribution.addBehavior(PRICES_PATH, origin, cachedGet(pricesCache, pricesOrigin, securityHeaders));

        if (props.originDomainName().isEmpty()) {
            NagSuppressions.addResourceSuppressions(
                    distribution,
                    List.of(NagPackSuppression.builder()
                            .id("AwsSolutions-CFR5")
                            .reason(
                                    "Without a certificate the load balancer has no name CloudFront could verify over HTTPS; the "
                                            + "HTTP hop is admitted from CloudFront's prefix list with the secret header only. Set "
                                            + "certificateArn and originDomainName for HTTPS to the origin.")
                            .build()));
        }
        NagSuppressions.addResourceSuppressions(
                distribution,
                List.of(
                        NagPackSuppression.builder()
                                .id("AwsSolutions-CFR1")
                                .reason("A public price API serves every country; there is no region to restrict to.")
                                .build(),
                        NagPackSuppression.builder()
                                .id("AwsSolutions-CFR2")
                                .reason(
                                        "No WAF yet: the service rate-limits per client itself, and a web ACL (about 6 USD "
                                                + "a month plus requests) is left to the operator (see the README's known limits).")
                                .build(),
                        NagPackSuppression.builder()
                                .id("AwsSolutions-CFR3")
                                .reason(
                                        "Every request that reaches the origin is in the load balancer's access logs; edge hits "
                                                + "are counted in CloudFront's metrics. Standard logging would need an ACL-enabled bucket.")
                                .build(),
                        NagPackSuppression.builder()
                                .id("AwsSolutions-CFR4")
                                .reason(
                                        "With no domain, the distribution uses CloudFront's default certificate, which cannot "
                                                + "set a minimum viewer TLS version; a custom domain and certificate would.")
                                .build()));
    }

    public Distribution distribution() {
        return distribution;
    }

    /** {@code https://<distribution domain name>}: the public API base URL. */
    public String url() {
        return "https://" + distribution.getDistributionDomainName();
    }

    /**
     * Caches as the origin's {@code Cache-Control} says, at most {@value #PRICES_MAX_TTL_SECONDS} s (min and default 0:
     * an answer without one is not cached), keyed on the path and {@code queryStrings}, gzip and brotli; no headers or
     * cookies in the key.
     */
    private CachePolicy cachePolicy(String id, String comment, String... queryStrings) {
        return CachePolicy.Builder.create(this, id)
                .comment(comment)
                .minTtl(Duration.seconds(0))
                .defaultTtl(Duration.seconds(0))
                .maxTtl(Duration.seconds(PRICES_MAX_TTL_SECONDS))
                .queryStringBehavior(CacheQueryStringBehavior.allowList(queryStrings))
                .headerBehavior(CacheHeaderBehavior.none())
                .cookieBehavior(CacheCookieBehavior.none())
                .enableAcceptEncodingGzip(true)
                .enableAcceptEncodingBrotli(true)
                .build();
    }

    /** A behaviour for GET and HEAD cached by {@code cache}, with the API key forwarded outside the key. */
    private static AddBehaviorOptions cachedGet(
            CachePolicy cache, OriginRequestPolicy origin, ResponseHeadersPolicy securityHeaders) {
        return AddBehaviorOptions.builder()
                .viewerProtocolPolicy(ViewerProtocolPolicy.REDIRECT_TO_HTTPS)
                .allowedMethods(AllowedMethods.ALLOW_GET_HEAD)
                .cachedMethods(CachedMethods.CACHE_GET_HEAD)
                .cachePolicy(cache)
                .originRequestPolicy(origin)
                .responseHeadersPolicy(securityHeaders)
                .compress(true)
                .build();
    }
}

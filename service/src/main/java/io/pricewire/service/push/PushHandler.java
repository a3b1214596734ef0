package io.pricewire.service.push;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.pricewire.core.asset.Asset;
import io.pricewire.core.asset.Tier;
import io.pricewire.service.api.Symbols;
import io.pricewire.service.errors.ApiException;
import io.pricewire.service.netty.AnswersBeforeMicronaut;
import io.pricewire.service.ratelimit.ClientAddress;
import io.pricewire.service.ratelimit.ClientIdentity;
import io.pricewire.service.ratelimit.ClientRateLimiter;
import io.pricewire.service.tiers.TierDirectory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One per HTTP/1.1 connection, in front of Micronaut: starts {@code GET /v1/stream} itself and hands every other
 * request (and every stream request it does not start) to Micronaut, where {@code StreamController} answers the
 * error: a bad symbol list, an unknown symbol, a client over its rate limit. A started stream owns the connection:
 * the response never ends until the stream does, and anything more the client sends is ignored.
 *
 * <p>Over either stream limit ({@link PushHub#reserve}) it answers itself, with the API's JSON error: 503
 * {@code unavailable} when the instance is full (another instance behind the load balancer may not be), 429
 * {@code rate_limited} when the client holds too many streams, both with {@code Retry-After}.
 */
final class PushHandler extends AnswersBeforeMicronaut {
    static final String NAME = "pricewire-push";
    static final String PATH = "/v1/stream";

    private final PushHub hub;
    private final Symbols symbols;
    private final TierDirectory tiers;
    private final ClientRateLimiter limiter;
    private final ClientIdentity clients;

    private Subscriber subscriber;

    PushHandler(PushHub hub, Symbols symbols, TierDirectory tiers, ClientRateLimiter limiter, ClientIdentity clients) {
        this.hub = hub;
        this.symbols = symbols;
        this.tiers = tiers;
        this.limiter = limiter;
        this.clients = clients;
    }

    @Override
    protected boolean ignoringInput() {
        return subscriber != null; // a started stream owns the connection
    }

    /** Whether {@code request} was answered here: a stream started, or refused for a limit. */
    @Override
    protected boolean answered(ChannelHandlerContext ctx, HttpRequest request) {
        if (request.method() != HttpMethod.GET
                || request.protocolVersion() != HttpVersion.HTTP_1_1
                || !request.decoderResult().isSuccess()
                || !request.uri().startsWith(PATH)) {
            return false;
        }
        QueryStringDecoder query = new QueryStringDecoder(request.uri());
        if (!query.path().equals(PATH)) {
            return false;
        }
        Optional<Selection> selection = select(query.parameters());
        if (selection.isEmpty()) {
            return false; // the controller answers the error
        }
        HttpHeaders in = request.headers();
        String forwardedFor = in.contains(ClientAddress.FORWARDED_FOR)
                ? ClientAddress.joined(in.getAll(ClientAddress.FORWARDED_FOR))
                : null;
        String client = clients.of(
                in.get("X-Api-Key"),
                forwardedFor,
                ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress());
        if (limiter.enabled() && limiter.take(client) != 0) {
            return false; // the rate-limit filter answers 429 from the same empty bucket
        }
        Optional<PushHub.Refusal> refusal = hub.reserve(client);
        if (refusal.isPresent()) {
            refuse(ctx, refusal.get());
            return true;
        }
        DefaultHttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        head.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8")
                .set(HttpHeaderNames.CACHE_CONTROL, "no-cache")
                .set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED)
                .set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*")
                // nginx-style proxies buffer responses unless told not to; HAProxy and the ALB stream them
                .set("X-Accel-Buffering", "no");
        ctx.write(head, ctx.voidPromise());
        subscriber = hub.open(
                ctx.channel(),
                client,
                selection.get().known(),
                selection.get().unknown(),
                selection.get().hotTier());
        return true;
    }

    /** What a stream request asks for, when it is valid; empty hands it to the controller for the error. */
    private Optional<Selection> select(Map<String, List<String>> params) {
        List<String> list = params.get("symbols");
        List<String> tier = params.get("tier");
        if ((list == null) == (tier == null)
                || (list != null && list.size() != 1)
                || (tier != null && tier.size() != 1)) {
            return Optional.empty();
        }
        if (tier != null) {
            return Tier.HOT.label().equals(tier.get(0))
                    ? Optional.of(new Selection(tiers.members(Tier.HOT), List.of(), true))
                    : Optional.empty();
        }
        try {
            Symbols.Batch batch = symbols.batch(list.get(0));
            return batch.known().isEmpty()
                    ? Optional.empty()
                    : Optional.of(new Selection(batch.known(), batch.unknown(), false));
        } catch (ApiException invalid) {
            return Optional.empty();
        }
    }

    private record Selection(List<Asset> known, List<String> unknown, boolean hotTier) {}

    private static void refuse(ChannelHandlerContext ctx, PushHub.Refusal refusal) {
        boolean instance = refusal == PushHub.Refusal.INSTANCE_LIMIT;
        String body = instance
                ? "{\"error\":\"unavailable\",\"message\":\"This instance holds as many streams as it may; retry, "
                        + "another instance may take it.\"}"
                : "{\"error\":\"rate_limited\",\"message\":\"This client holds as many streams as it may; close one "
                        + "first.\"}";
        ByteBuf content = Unpooled.wrappedBuffer(body.getBytes(StandardCharsets.UTF_8));
        DefaultFullHttpResponse response = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1,
                instance ? HttpResponseStatus.SERVICE_UNAVAILABLE : HttpResponseStatus.TOO_MANY_REQUESTS,
                content);
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "application/json")
                .set(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes())
                .set(HttpHeaderNames.RETRY_AFTER, instance ? "1" : "10");
        ctx.writeAndFlush(response);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (subscriber != null && ctx.channel().isWritable()) {
            hub.writable(subscriber);
        }
        ctx.fireChannelWritabilityChanged();
    }
}

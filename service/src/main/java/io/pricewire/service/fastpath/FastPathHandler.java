package io.pricewire.service.fastpath;

import io.micronaut.http.server.netty.HttpCompressionStrategy;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DateFormatter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import io.pricewire.service.netty.AnswersBeforeMicronaut;
import io.pricewire.service.ratelimit.ClientAddress;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Date;
import java.util.function.IntPredicate;

/**
 * One per HTTP/1.1 connection, just in front of Micronaut's request handler: answers {@code GET
 * /v1/prices/{symbol}} itself when {@link FastPriceAnswers} can, and hands every other request to
 * Micronaut untouched. Routing, filters and the response pipeline cost more than the whole price
 * lookup; on the hottest request they are skipped (see README "Performance").
 *
 * <p>Only plain requests qualify: HTTP/1.1 GET with no body, no {@code Expect}, no {@code Origin}
 * (CORS is Micronaut's), keep-alive, an {@code Accept} that takes JSON, and a body the server
 * would not compress. Responses stay in request order: while a request handed to Micronaut is
 * unanswered on this connection, later ones go to Micronaut too. A connection that cannot take
 * more output (not writable) also goes through Micronaut, which applies backpressure.
 */
final class FastPathHandler extends AnswersBeforeMicronaut {
    static final String NAME = "pricewire-fast-path";
    private static final AsciiString APPLICATION_JSON = AsciiString.cached("application/json");
    private static final DefaultHttpHeadersFactory HEADERS =
            DefaultHttpHeadersFactory.headersFactory().withValidation(false);
    private static final DefaultHttpHeadersFactory TRAILERS =
            DefaultHttpHeadersFactory.trailersFactory().withValidation(false);
    private static volatile DateHeader date = new DateHeader(0, "");

    private static final IntPredicate NEVER = length -> false;

    private final FastPriceAnswers answers;
    private final HttpCompressionStrategy compression;
    /** Whether Micronaut would compress a JSON body of this length (then it sends it). */
    private final IntPredicate wouldCompress;

    private InetAddress remote;
    private boolean flushPending;

    FastPathHandler(FastPriceAnswers answers, HttpCompressionStrategy compression) {
        this.answers = answers;
        this.compression = compression;
        this.wouldCompress = length -> compression.shouldCompress(
                new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, jsonHeaders(length)));
    }

    @Override
    protected boolean answered(ChannelHandlerContext ctx, HttpRequest request) {
        long start = System.nanoTime();
        if (!qualifies(ctx, request)) {
            return false;
        }
        HttpHeaders in = request.headers();
        boolean mayCompress = in.contains(HttpHeaderNames.ACCEPT_ENCODING) && compression.isEnabled();
        FastPriceAnswers.Answer answer = answers.answer(
                request.uri(), in.get("X-Api-Key"), forwardedFor(in), remote(ctx), mayCompress ? wouldCompress : NEVER);
        if (answer == null) {
            return false;
        }
        byte[] body = answer.body();
        ByteBuf content = ctx.alloc().ioBuffer(body.length).writeBytes(body);
        HttpHeaders headers = jsonHeaders(body.length).add(HttpHeaderNames.CACHE_CONTROL, answer.cacheControl());
        ctx.write(
                new DefaultFullHttpResponse(
                        HttpVersion.HTTP_1_1, HttpResponseStatus.OK, content, headers, TRAILERS.newHeaders()),
                ctx.voidPromise());
        flushPending = true;
        answers.served(System.nanoTime() - start);
        return true;
    }

    /** Every {@code X-Forwarded-For} line as one list; nothing allocated when there is none. */
    private static String forwardedFor(HttpHeaders in) {
        return in.contains(ClientAddress.FORWARDED_FOR)
                ? ClientAddress.joined(in.getAll(ClientAddress.FORWARDED_FOR))
                : null;
    }

    /** Micronaut's headers for a JSON 200, in its order. */
    private static HttpHeaders jsonHeaders(int length) {
        return HEADERS.newHeaders()
                .add(HttpHeaderNames.CONTENT_TYPE, APPLICATION_JSON)
                .add(HttpHeaderNames.DATE, now())
                .add(HttpHeaderNames.CONTENT_LENGTH, length);
    }

    private static boolean qualifies(ChannelHandlerContext ctx, HttpRequest request) {
        HttpHeaders h = request.headers();
        return request.method() == HttpMethod.GET
                && request.protocolVersion() == HttpVersion.HTTP_1_1
                && request.decoderResult().isSuccess()
                && ctx.channel().isWritable()
                && HttpUtil.isKeepAlive(request)
                && !HttpUtil.isTransferEncodingChunked(request)
                && HttpUtil.getContentLength(request, 0L) == 0L
                && !h.contains(HttpHeaderNames.EXPECT)
                && !h.contains(HttpHeaderNames.ORIGIN)
                && acceptsJson(h.get(HttpHeaderNames.ACCEPT));
    }

    private static boolean acceptsJson(String accept) {
        return accept == null
                || accept.contains("*/*")
                || accept.contains("application/json")
                || accept.contains("application/*");
    }

    private InetAddress remote(ChannelHandlerContext ctx) {
        if (remote == null) {
            remote = ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress();
        }
        return remote;
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (flushPending) {
            flushPending = false;
            ctx.flush();
        }
        ctx.fireChannelReadComplete();
    }

    /** The {@code Date} header value, formatted once a second. */
    private static String now() {
        long second = System.currentTimeMillis() / 1000;
        DateHeader d = date;
        if (d.second != second) {
            d = new DateHeader(second, DateFormatter.format(new Date(second * 1000)));
            date = d;
        }
        return d.value;
    }

    private record DateHeader(long second, String value) {}
}

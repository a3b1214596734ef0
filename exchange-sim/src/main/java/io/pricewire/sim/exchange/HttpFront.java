package io.pricewire.sim.exchange;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first handler of every connection: answers REST requests through the {@link ExchangeServer} (on its
 * executor, so the {@code slow} fault parks a virtual thread and not an event loop) and upgrades a WebSocket
 * handshake on one of the exchange's stream paths, after which {@link WsFrames} takes over. One request at
 * a time per connection: reading pauses until the answer is written, so answers keep the requests' order.
 */
final class HttpFront extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(HttpFront.class);
    private static final int MAX_FRAME_BYTES = 1 << 20;

    private final ExchangeServer server;

    HttpFront(ExchangeServer server) {
        this.server = server;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        if (!req.decoderResult().isSuccess()) {
            write(ctx, SimResponse.json(400, "{\"message\":\"Bad Request\"}"), false, false);
            return;
        }
        String uri = req.uri();
        int q = uri.indexOf('?');
        String path = new QueryStringDecoder(uri).path();
        SimRequest request = new SimRequest(
                req.method().name(),
                path,
                SimRequest.parseQuery(q < 0 ? null : uri.substring(q + 1)),
                ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress());
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        boolean head = req.method().equals(HttpMethod.HEAD);
        ctx.channel().config().setAutoRead(false);
        if (isWebSocketUpgrade(req) && server.streams().servesPath(path)) {
            req.retain();
            server.executor().execute(() -> {
                Optional<SimResponse> refusal = server.handshakeRefusal();
                ctx.executor().execute(() -> {
                    try {
                        if (refusal.isPresent()) {
                            write(ctx, refusal.get(), false, false);
                        } else {
                            upgrade(ctx, req, request);
                        }
                    } finally {
                        req.release();
                    }
                });
            });
            return;
        }
        server.executor().execute(() -> {
            try {
                server.respond(request).ifPresent(r -> ctx.executor().execute(() -> write(ctx, r, keepAlive, head)));
            } catch (RuntimeException e) {
                LOG.error("{}: request {} failed", server.exchange().label(), uri, e);
                ctx.close();
            }
        });
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // the client hung up or the server was stopped mid-answer (down fault, close): nothing to answer
        LOG.debug("{}: connection failed: {}", server.exchange().label(), cause.toString());
        ctx.close();
    }

    private static boolean isWebSocketUpgrade(FullHttpRequest req) {
        // only a WebSocket upgrade: the JDK HttpClient asks REST calls to upgrade to h2c, which is ignored
        return req.method().equals(HttpMethod.GET)
                && HttpHeaderValues.WEBSOCKET.contentEqualsIgnoreCase(
                        req.headers().get(HttpHeaderNames.UPGRADE, ""));
    }

    private void upgrade(ChannelHandlerContext ctx, FullHttpRequest req, SimRequest request) {
        if (!ctx.channel().isActive()) {
            return;
        }
        String location = "ws://" + req.headers().get(HttpHeaderNames.HOST, "127.0.0.1") + req.uri();
        WebSocketServerHandshaker handshaker =
                new WebSocketServerHandshakerFactory(location, null, false, MAX_FRAME_BYTES).newHandshaker(req);
        if (handshaker == null) {
            WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
            return;
        }
        WsSession session = server.newSession(
                ctx.channel(),
                HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()));
        ChannelPipeline pipeline = ctx.pipeline();
        pipeline.addLast("ws-aggregator", new WebSocketFrameAggregator(MAX_FRAME_BYTES));
        pipeline.addLast("ws", new WsFrames(session, handshaker));
        pipeline.remove(this);
        // in the hub before the 101 goes out (the handshake flushes it at once): a client that sees the 101 and
        // steps the market gets the step; ticks run on this event loop, so none runs before the connection is
        // attached below, in this same task, where its first frames queue up behind the 101
        server.opened(session);
        ctx.channel().closeFuture().addListener(f -> {
            server.closed(session);
            session.closed();
        });
        handshaker.handshake(ctx.channel(), req).addListener(done -> {
            if (done.isSuccess()) {
                ctx.channel().config().setAutoRead(true);
            } else {
                ctx.channel().close();
            }
        });
        session.attach(server.streams().open(session, request));
    }

    private static void write(ChannelHandlerContext ctx, SimResponse response, boolean keepAlive, boolean head) {
        byte[] body = response.body();
        FullHttpResponse out = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(response.status()),
                head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
        for (Map.Entry<String, String> h : response.headers().entrySet()) {
            out.headers().set(h.getKey(), h.getValue());
        }
        HttpUtil.setContentLength(out, body.length);
        if (!keepAlive) {
            out.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(out).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        ctx.writeAndFlush(out);
        ctx.channel().config().setAutoRead(true);
    }
}

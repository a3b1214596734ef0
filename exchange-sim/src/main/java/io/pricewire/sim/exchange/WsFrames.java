package io.pricewire.sim.exchange;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import java.nio.charset.StandardCharsets;

/** The frames of an upgraded connection: answers pings and closes, hands texts and pongs to the session. */
final class WsFrames extends SimpleChannelInboundHandler<WebSocketFrame> {
    private final WsSession session;
    private final WebSocketServerHandshaker handshaker;

    WsFrames(WsSession session, WebSocketServerHandshaker handshaker) {
        this.session = session;
        this.handshaker = handshaker;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        switch (frame) {
            case TextWebSocketFrame text -> session.text(text.text());
            case PingWebSocketFrame ping -> {
                session.frame();
                ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
            }
            case PongWebSocketFrame pong -> session.pong(pong.content().toString(StandardCharsets.UTF_8));
            case CloseWebSocketFrame close -> {
                session.frame();
                handshaker.close(ctx.channel(), close.retain());
            }
            // the exchanges speak text only; a binary frame is ignored
            default -> session.frame();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}

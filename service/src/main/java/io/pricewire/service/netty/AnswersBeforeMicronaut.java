package io.pricewire.service.netty;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

/**
 * A handler in front of Micronaut's ({@link InFrontOfMicronaut}) that answers some requests itself and hands the rest
 * on: the bookkeeping both need. HTTP/1.1 answers go out in request order, so a request is taken here only when no
 * earlier one is still with Micronaut (its answer not yet written to its end); the body of a request taken here is
 * dropped up to its {@link LastHttpContent}.
 */
public abstract class AnswersBeforeMicronaut extends ChannelDuplexHandler {
    /** Requests handed on whose responses have not been written completely. */
    private int handedOn;
    /** The content after a request answered here is dropped up to its {@link LastHttpContent}. */
    private boolean dropping;
    /** The response being written is a 1xx ({@code 100 Continue}): not the answer, whose end is still to come. */
    private boolean informational;

    /**
     * Answers {@code request} here, or returns false to hand it on. Called on the event loop, only while no earlier
     * request of the connection is with Micronaut; {@code request} is released by the caller.
     */
    protected abstract boolean answered(ChannelHandlerContext ctx, HttpRequest request);

    /** Whether everything the client sends from now on is dropped unread (the connection became a stream). */
    protected boolean ignoringInput() {
        return false;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (ignoringInput() || (dropping && !(msg instanceof HttpRequest))) {
            if (msg instanceof LastHttpContent) {
                dropping = false;
            }
            ReferenceCountUtil.release(msg);
            return;
        }
        dropping = false;
        if (msg instanceof HttpRequest request) {
            if (handedOn == 0 && answered(ctx, request)) {
                dropping = !(msg instanceof LastHttpContent);
                ReferenceCountUtil.release(msg);
                return;
            }
            handedOn++;
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof HttpResponse response) {
            informational = response.status().codeClass() == HttpStatusClass.INFORMATIONAL;
        }
        if (msg instanceof LastHttpContent) {
            if (!informational && handedOn > 0) {
                handedOn--;
            }
            informational = false;
        }
        ctx.write(msg, promise);
    }
}
